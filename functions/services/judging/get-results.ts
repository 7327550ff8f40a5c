/**
 * A contest's published results in one batch: ranks, prizes, mean, median and "n of m judges scored"
 * (never who scored what) as stored at publication (decision 011), with the 公示 objections: the entry
 * concerned, the reason, the status and the public answer, never the objector. A withdrawn
 * publication leaves its withdrawal (when, why) for the public page until the next publication.
 */
import { asc, eq } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, objections, type PublishedResult, resultPublications } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { notFound } from '../../lib/errors';
import { contestOf, phaseOf } from '../teams/rules';
import { storeMissingResults } from './published-results';
import { type EntrySummary, lastWithdrawalQuery } from './shared';

export type { EntrySummary };

type Ctx = Pick<ServiceContext, 'db' | 'catalog' | 'now'>;

export type ResultRow = PublishedResult;

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

/** The last withdrawal of a contest's results, shown while they are not published again. */
export interface Withdrawal {
  publishedAt: Date;
  withdrawnAt: Date;
  reason: string;
}

export type ResultsState =
  | { kind: 'published'; results: Results }
  | { kind: 'withdrawn'; contest: Contest; phase: PhaseInfo; withdrawal: Withdrawal };

/** The published results (the API's answer; 404 while there are none). */
export async function getResults({ ctx, input }: { ctx: Ctx; input: { slug: string } }): Promise<Results> {
  const state = await getResultsState({ ctx, input });
  if (state.kind !== 'published') throw notFound('results_not_published');
  return state.results;
}

/** The published results, or the last withdrawal when they were withdrawn and not published again. */
export async function getResultsState({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { slug: string };
}): Promise<ResultsState> {
  const contest = contestOf(ctx, input.slug);
  const { db } = ctx;
  const [publication, objectionRows, withdrawals] = await db.batch([
    db
      .select({ publishedAt: resultPublications.publishedAt, results: resultPublications.results })
      .from(resultPublications)
      .where(eq(resultPublications.contestSlug, contest.slug)),
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
    lastWithdrawalQuery(db, contest.slug),
  ]);
  const published = publication[0];
  if (!published) {
    const withdrawal = withdrawals[0];
    if (!withdrawal) throw notFound('results_not_published');
    return { kind: 'withdrawn', contest, phase: phaseOf(contest, ctx.now, null), withdrawal };
  }
  // The copy stored at publication, never the live rows (decision 011).
  const results = published.results ?? (await storeMissingResults(db, contest));
  return {
    kind: 'published',
    results: {
      contest,
      phase: phaseOf(contest, ctx.now, published.publishedAt),
      publishedAt: published.publishedAt,
      judgeCount: results.judgeCount,
      items: results.items,
      // Objections to an earlier, withdrawn publication are not about these results.
      objections: objectionRows.filter((o) => o.createdAt >= published.publishedAt),
    },
  };
}
