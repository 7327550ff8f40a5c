/**
 * A contest's published results in one batch: ranks, prizes, mean, median and "n of m judges scored"
 * (never who scored what), with the 公示 objections: the entry concerned, the reason, the status and
 * the public answer, never the objector.
 */
import { asc, eq } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, objections } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { notFound } from '../../lib/errors';
import { contestOf, phaseOf } from '../teams/rules';
import { type EntrySummary, summaryOf } from './shared';
import { computeStandings, standingsQueries } from './standings';

export type { EntrySummary };

type EntryStatus = (typeof entries.$inferSelect)['status'];
type Ctx = Pick<ServiceContext, 'db' | 'catalog' | 'now'>;

export interface ResultRow {
  rank: number | null;
  entry: EntrySummary;
  status: EntryStatus;
  prizeKey: string | null;
  mean: number | null;
  median: number | null;
  scoredBy: number;
  judgeCount: number;
}

export interface PublicObjection {
  id: number;
  entryId: number | null;
  entryTitle: string | null;
  reason: string;
  status: 'open' | 'resolved';
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

export interface Results {
  contest: Contest;
  phase: PhaseInfo;
  publishedAt: Date;
  judgeCount: number;
  items: ResultRow[];
  objections: PublicObjection[];
}

export async function getResults({ ctx, input }: { ctx: Ctx; input: { slug: string } }): Promise<Results> {
  const contest = contestOf(ctx, input.slug);
  const { db } = ctx;
  const [publication, entryRows, judges, scoreRows, conflictRows, objectionRows] = await db.batch([
    ...standingsQueries(ctx, contest.slug),
    // Deliberately no user columns: the objector is for organizers only.
    db
      .select({
        id: objections.id,
        entryId: objections.entryId,
        entryTitle: entries.title,
        reason: objections.reason,
        status: objections.status,
        answer: objections.answer,
        answeredAt: objections.answeredAt,
        createdAt: objections.createdAt,
      })
      .from(objections)
      .leftJoin(entries, eq(entries.id, objections.entryId))
      .where(eq(objections.contestSlug, contest.slug))
      .orderBy(asc(objections.createdAt), asc(objections.id)),
  ]);
  const standings = computeStandings(contest, [publication, entryRows, judges, scoreRows, conflictRows]);
  if (!standings.publishedAt) throw notFound('results_not_published');
  return {
    contest,
    phase: phaseOf(contest, ctx.now, standings.publishedAt),
    publishedAt: standings.publishedAt,
    judgeCount: judges.length,
    items: standings.items.map((s) => ({
      rank: s.rank,
      entry: summaryOf(s.entry),
      status: s.entry.status,
      prizeKey: s.entry.prizeKey,
      mean: s.mean,
      median: s.median,
      scoredBy: s.scoredBy,
      judgeCount: s.judgeCount,
    })),
    objections: objectionRows,
  };
}
