/**
 * A community's page: its content, its member companies (verified, membership approved: one round
 * trip, with its upcoming events).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Community } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies } from '../../db/schema';
import { communityNotFound } from '../../lib/errors';
import { type EventRecord, toEventRecord, upcomingEventsQuery } from '../events/event-record';

/** Enough for any real community page; the directory is not the place for a full member registry. */
export const MEMBER_LIMIT = 200;

export interface MemberCompany {
  id: number;
  name: string;
  district: string;
}

export interface CommunityWithMembers {
  community: Community;
  members: MemberCompany[];
  upcomingEvents: EventRecord[];
}

export async function getCommunity({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'now'>;
  input: { slug: string };
}): Promise<CommunityWithMembers> {
  const community = ctx.catalog.community(input.slug);
  if (!community) throw communityNotFound();
  const { db } = ctx;
  const [members, events] = await db.batch([
    db
      .select({ id: companies.id, name: companies.name, district: companies.district })
      .from(communityMemberships)
      .innerJoin(companies, eq(companies.id, communityMemberships.companyId))
      .where(
        and(
          eq(communityMemberships.communitySlug, community.slug),
          eq(communityMemberships.status, 'approved'),
          eq(companies.status, 'verified'),
        ),
      )
      .orderBy(asc(companies.name), asc(companies.id))
      .limit(MEMBER_LIMIT),
    upcomingEventsQuery(db, ctx.now, 20, community.slug),
  ]);
  return { community, members, upcomingEvents: events.map(toEventRecord) };
}
