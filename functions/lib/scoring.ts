/**
 * Judging arithmetic (decision 011). A judge's score for an entry is Σ wᵢ·sᵢ / maxᵢ over the
 * rubric (weights are integers summing to 100, so the result is 0–100). Entries rank by the mean
 * over the judges who scored them; equal means share a rank (1, 2, 2, 4). Organizers also see the
 * median and "n of m judges scored". A judge counts for an entry only once every criterion is scored.
 */
export interface Criterion {
  key: string;
  weight: number;
  max: number;
}

/** criterion key → score, for one judge and one entry. */
export type CriterionScores = Record<string, number>;

export function weightedScore(rubric: readonly Criterion[], scores: CriterionScores): number | null {
  let total = 0;
  for (const criterion of rubric) {
    const score = scores[criterion.key];
    if (score === undefined) return null;
    total += (criterion.weight * score) / criterion.max;
  }
  return total;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface EntryAggregate<T, K = number> {
  entry: T;
  /** judge → weighted score (only judges who scored every criterion). */
  byJudge: Map<K, number>;
  mean: number | null;
  median: number | null;
  scoredBy: number;
  judgeCount: number;
  /** Shared for equal means; null when nobody scored the entry. */
  rank: number | null;
}

/** Rounds for comparison so floating-point noise cannot split a tie (scores are shown to 2 places). */
const comparable = (value: number) => Math.round(value * 1e6) / 1e6;

export function aggregate<T, K = number>(
  rubric: readonly Criterion[],
  entries: ReadonlyArray<{ entry: T; scores: ReadonlyMap<K, CriterionScores> }>,
  judgeCount: number,
): Array<EntryAggregate<T, K>> {
  const rows = entries.map(({ entry, scores }) => {
    const byJudge = new Map<K, number>();
    for (const [judge, criteria] of scores) {
      const score = weightedScore(rubric, criteria);
      if (score !== null) byJudge.set(judge, score);
    }
    const values = [...byJudge.values()];
    return {
      entry,
      byJudge,
      mean: mean(values),
      median: median(values),
      scoredBy: values.length,
      judgeCount,
      rank: null as number | null,
    };
  });
  const ranked = rows
    .filter((r) => r.mean !== null)
    .sort((a, b) => comparable(b.mean ?? 0) - comparable(a.mean ?? 0));
  ranked.forEach((row, index) => {
    const previous = ranked[index - 1];
    row.rank =
      previous && comparable(previous.mean ?? 0) === comparable(row.mean ?? 0) ? previous.rank : index + 1;
  });
  return [...ranked, ...rows.filter((r) => r.mean === null)];
}
