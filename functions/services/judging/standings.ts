/**
 * Not a verb: a contest's standings: entries with every assigned judge's criterion scores, weighted score, mean,
 * median, "n of m judges scored" and shared ranks (functions/lib/scoring.ts). The reads are plain
 * queries so callers put them in one batch with whatever else their page needs (one round trip).
 *
 * Only judges currently assigned count, and never on an entry they are conflicted on; m for an entry
 * is the assigned judges without a conflict on it (a recused judge cannot score it). A judge whose
 * account was deleted after publication stays on the panel under their pseudonym (no name, no user
 * id), with their scores (decision 011). Once the results are published with their stored copy, the
 * aggregates and the order are the published ones (a recusal that no longer shows in the rows, like a
 * deleted judge's, must not change them); each judge's cells stay those of the rows.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import {
  entries,
  judgeAssignments,
  type PublishedResults,
  resultPublications,
  scores,
  teams,
  users,
} from '../../db/schema';
import { aggregate, type CriterionScores, weightedScore } from '../../lib/scoring';
import { conflicted } from './conflicts';

export function standingsQueries(ctx: Pick<ServiceContext, 'db'>, slug: string) {
  const { db } = ctx;
  return [
    db
      .select({ publishedAt: resultPublications.publishedAt, results: resultPublications.results })
      .from(resultPublications)
      .where(eq(resultPublications.contestSlug, slug)),
    db
      .select({
        id: entries.id,
        teamId: entries.teamId,
        teamName: teams.name,
        track: teams.track,
        title: entries.title,
        summary: entries.summary,
        demoUrl: entries.demoUrl,
        repoUrl: entries.repoUrl,
        productId: entries.productId,
        status: entries.status,
        prizeKey: entries.prizeKey,
        createdAt: entries.createdAt,
        updatedAt: entries.updatedAt,
      })
      .from(entries)
      .innerJoin(teams, eq(teams.id, entries.teamId))
      .where(eq(entries.contestSlug, slug))
      .orderBy(asc(entries.id)),
    db
      .select({
        userId: judgeAssignments.userId,
        judgePseudonym: judgeAssignments.judgePseudonym,
        name: users.name,
        email: users.email,
        assignedAt: judgeAssignments.createdAt,
      })
      .from(judgeAssignments)
      .leftJoin(users, eq(users.id, judgeAssignments.userId))
      .where(eq(judgeAssignments.contestSlug, slug))
      .orderBy(asc(judgeAssignments.createdAt), asc(judgeAssignments.userId)),
    db
      .select({
        entryId: scores.entryId,
        judgeId: scores.judgeId,
        judgePseudonym: scores.judgePseudonym,
        criterion: scores.criterion,
        score: scores.score,
        comment: scores.comment,
      })
      .from(scores)
      .innerJoin(entries, eq(entries.id, scores.entryId))
      .where(eq(entries.contestSlug, slug)),
    db
      .select({ entryId: entries.id, judgeId: judgeAssignments.userId })
      .from(entries)
      .innerJoin(judgeAssignments, eq(judgeAssignments.contestSlug, entries.contestSlug))
      .where(and(eq(entries.contestSlug, slug), conflicted(judgeAssignments.userId))),
  ] as const;
}

type Rows<I extends number> = Awaited<ReturnType<typeof standingsQueries>[I]>;
export type StandingsRows = [Rows<0>, Rows<1>, Rows<2>, Rows<3>, Rows<4>];
export type EntryRow = Rows<1>[number];
export type JudgeRow = Rows<2>[number];

/**
 * A judge's key in the standings: the user id, or the pseudonym of a judge whose account is gone. A
 * pseudonym is 16 hex characters, so the two kinds never collide.
 */
export const judgeKey = (judge: { userId: number | null; judgePseudonym: string | null }): string =>
  judge.userId !== null ? String(judge.userId) : `~${judge.judgePseudonym}`;

export interface JudgeScore {
  /** Null for a judge whose account was deleted after publication. */
  judgeId: number | null;
  /** The judge may not score this entry. */
  conflicted: boolean;
  criteria: Record<string, { score: number; comment: string }>;
  /** Σ wᵢ·sᵢ / maxᵢ once every criterion is scored, else null. */
  weighted: number | null;
}

export interface Standing {
  entry: EntryRow;
  judges: JudgeScore[];
  mean: number | null;
  median: number | null;
  scoredBy: number;
  judgeCount: number;
  rank: number | null;
}

export interface Standings {
  publishedAt: Date | null;
  judges: JudgeRow[];
  /** Ranked first (by mean, ties shared), then entries nobody has scored, by id. */
  items: Standing[];
}

export function computeStandings(contest: Contest, rows: StandingsRows): Standings {
  const [publication, entryRows, judges, scoreRows, conflictRows] = rows;
  const assigned = new Set(judges.map(judgeKey));
  const conflicts = new Set(conflictRows.map((c) => `${c.entryId}:${c.judgeId}`));
  const isConflicted = (entryId: number, judge: string) => conflicts.has(`${entryId}:${judge}`);
  const criteria = new Map<number, Map<string, JudgeScore['criteria']>>();
  for (const s of scoreRows) {
    const judge = judgeKey({ userId: s.judgeId, judgePseudonym: s.judgePseudonym });
    if (!assigned.has(judge) || isConflicted(s.entryId, judge)) continue;
    const byJudge = criteria.get(s.entryId) ?? new Map<string, JudgeScore['criteria']>();
    const sheet = byJudge.get(judge) ?? {};
    sheet[s.criterion] = { score: s.score, comment: s.comment };
    byJudge.set(judge, sheet);
    criteria.set(s.entryId, byJudge);
  }
  const numbers = (sheet: JudgeScore['criteria']): CriterionScores =>
    Object.fromEntries(Object.entries(sheet).map(([k, v]) => [k, v.score]));
  const aggregated = aggregate(
    contest.rubric,
    entryRows.map((entry) => ({
      entry,
      scores: new Map([...(criteria.get(entry.id) ?? new Map()).entries()].map(([j, s]) => [j, numbers(s)])),
    })),
    judges.length,
  );
  const items = aggregated.map((row): Standing => {
    const sheets = criteria.get(row.entry.id);
    const judgeScores = judges.map((j): JudgeScore => {
      const sheet = sheets?.get(judgeKey(j)) ?? {};
      return {
        judgeId: j.userId,
        conflicted: isConflicted(row.entry.id, judgeKey(j)),
        criteria: sheet,
        weighted: weightedScore(contest.rubric, numbers(sheet)),
      };
    });
    return {
      entry: row.entry,
      judges: judgeScores,
      mean: row.mean,
      median: row.median,
      scoredBy: row.scoredBy,
      judgeCount: judgeScores.filter((j) => !j.conflicted).length,
      rank: row.rank,
    };
  });
  return {
    publishedAt: publication[0]?.publishedAt ?? null,
    judges,
    items: asPublished(items, publication[0]?.results),
  };
}

/** The items with the published aggregates and order, when a stored copy exists. */
function asPublished(items: Standing[], published: PublishedResults | null | undefined): Standing[] {
  if (!published) return items;
  const order = new Map(published.items.map((p, index) => [p.entry.id, index]));
  const position = (s: Standing) => order.get(s.entry.id) ?? published.items.length;
  return items
    .map((s): Standing => {
      const p = published.items[position(s)];
      if (!p) return s;
      return {
        ...s,
        mean: p.mean,
        median: p.median,
        scoredBy: p.scoredBy,
        judgeCount: p.judgeCount,
        rank: p.rank,
      };
    })
    .sort((a, b) => position(a) - position(b));
}
