/**
 * A community's page: its content, its member companies (verified, membership approved: one round
 * trip) and its upcoming events from the catalog.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Community, Event } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies } from '../../db/schema';
import { communityNotFound } from '../../lib/errors';
import { isUpcoming } from '../events/list-events';

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
  upcomingEvents: Event[];
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
  const members = await ctx.db
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
    .limit(MEMBER_LIMIT);
  const upcomingEvents = ctx.catalog.events.filter(
    (event) => event.community === community.slug && isUpcoming(event, ctx.now),
  );
  return { community, members, upcomingEvents };
}
