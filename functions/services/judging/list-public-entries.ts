/**
 * The public entries gallery of a contest once submissions have closed, in one batch; statuses and
 * prizes only once results are published.
 */
import { asc, eq } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, teams } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { notFound } from '../../lib/errors';
import { contestOf, phaseOf, publicationQuery } from '../teams/rules';
import { type EntrySummary, entrySummaryColumns } from './shared';

type EntryStatus = (typeof entries.$inferSelect)['status'];
type Ctx = Pick<ServiceContext, 'db' | 'catalog' | 'now'>;

export interface GalleryEntry extends EntrySummary {
  /** Only once results are published. */
  status: EntryStatus | null;
  prizeKey: string | null;
}

export interface Gallery {
  contest: Contest;
  phase: PhaseInfo;
  items: GalleryEntry[];
}

export async function listPublicEntries({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { slug: string };
}): Promise<Gallery> {
  const contest = contestOf(ctx, input.slug);
  if (ctx.now < contest.timeline.submissionCloses) throw notFound('entries_not_public');
  const { db } = ctx;
  const [publication, rows] = await db.batch([
    publicationQuery(ctx, contest.slug),
    db
      .select({
        ...entrySummaryColumns,
        status: entries.status,
        prizeKey: entries.prizeKey,
      })
      .from(entries)
      .innerJoin(teams, eq(teams.id, entries.teamId))
      .where(eq(entries.contestSlug, contest.slug))
      .orderBy(asc(teams.track), asc(entries.id)),
  ]);
  const published = publication.length > 0;
  return {
    contest,
    phase: phaseOf(contest, ctx.now, publication[0]?.publishedAt),
    items: rows.map((r) => ({
      ...r,
      status: published ? r.status : null,
      prizeKey: published ? r.prizeKey : null,
    })),
  };
}
