import { describe, expect, it } from 'vitest';
import { aggregate, median, weightedScore } from '~/functions/lib/scoring';

// Weights 40/60 with maxima 10 and 5, as in a contest's rubric.
const rubric = [
  { key: 'innovation', weight: 40, max: 10 },
  { key: 'impact', weight: 60, max: 5 },
];

describe('weightedScore', () => {
  it('is Σ wᵢ·sᵢ / maxᵢ, worked by hand', () => {
    // 40·8/10 + 60·4/5 = 32 + 48 = 80
    expect(weightedScore(rubric, { innovation: 8, impact: 4 })).toBe(80);
    expect(weightedScore(rubric, { innovation: 10, impact: 5 })).toBe(100);
    expect(weightedScore(rubric, { innovation: 0, impact: 0 })).toBe(0);
  });

  it('is null until every criterion is scored', () => {
    expect(weightedScore(rubric, { innovation: 8 })).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('aggregate', () => {
  const scores = (entries: Array<[number, Record<string, number>]>) => new Map(entries);
  const result = aggregate(
    rubric,
    [
      // A: judge 1 → 80, judge 2 → 40·6/10 + 60·5/5 = 84, judge 3 → 40·10/10 + 60·3/5 = 76 → mean 80, median 80
      {
        entry: 'A',
        scores: scores([
          [1, { innovation: 8, impact: 4 }],
          [2, { innovation: 6, impact: 5 }],
          [3, { innovation: 10, impact: 3 }],
        ]),
      },
      // B: judge 1 → 40·5/10 + 60·5/5 = 80 → mean 80 (ties with A), 1 of 3 judges
      {
        entry: 'B',
        scores: scores([
          [1, { innovation: 5, impact: 5 }],
          [2, { innovation: 9 }],
        ]),
      },
      // C: judge 2 → 40·2/10 + 60·1/5 = 8 + 12 = 20
      { entry: 'C', scores: scores([[2, { innovation: 2, impact: 1 }]]) },
      // D: nobody scored it completely
      { entry: 'D', scores: scores([[3, { impact: 2 }]]) },
      // E: judge 1 → 100, judge 3 → 40·9/10 + 60·4/5 = 36 + 48 = 84 → mean 92
      {
        entry: 'E',
        scores: scores([
          [1, { innovation: 10, impact: 5 }],
          [3, { innovation: 9, impact: 4 }],
        ]),
      },
    ],
    3,
  );
  const byEntry = Object.fromEntries(result.map((r) => [r.entry, r]));

  it('ranks by mean with shared ranks for ties and leaves unscored entries unranked', () => {
    expect(result.map((r) => [r.entry, r.rank])).toEqual([
      ['E', 1],
      ['A', 2],
      ['B', 2],
      ['C', 4],
      ['D', null],
    ]);
  });

  it('reports mean, median and n of m judges scored', () => {
    expect(byEntry.A).toMatchObject({ mean: 80, median: 80, scoredBy: 3, judgeCount: 3 });
    expect(byEntry.E).toMatchObject({ mean: 92, median: 92, scoredBy: 2 });
    expect(byEntry.B).toMatchObject({ mean: 80, scoredBy: 1 });
    expect(byEntry.D).toMatchObject({ mean: null, median: null, scoredBy: 0 });
    expect(byEntry.A?.byJudge.get(2)).toBe(84);
  });
});
