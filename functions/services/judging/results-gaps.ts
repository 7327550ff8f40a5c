/**
 * Not a verb: what is missing before results are published — entries nobody has scored yet and
 * judges who have not started (no score at all on an entry they may score). The preview names them,
 * and publishing with any of them needs a confirmation that names them (publish-results.ts).
 */
import type { PublishedResults } from '../../db/schema';
import { publishedResultsOf } from './published-results';
import type { Standings } from './standings';

export interface ResultsGaps {
  unscored: Array<{ id: number; title: string }>;
  idleJudges: Array<{ userId: number; name: string }>;
}

export function gapsOf(standings: Standings): ResultsGaps {
  const unscored = standings.items
    .filter((s) => s.scoredBy === 0)
    .map((s) => ({ id: s.entry.id, title: s.entry.title }));
  const idleJudges = standings.judges.flatMap((judge, index) => {
    if (judge.userId === null) return [];
    const cells = standings.items.map((s) => s.judges[index]).filter((c) => c && !c.conflicted);
    const started = cells.some((c) => c && Object.keys(c.criteria).length > 0);
    return cells.length > 0 && !started ? [{ userId: judge.userId, name: judge.name ?? '' }] : [];
  });
  return { unscored, idleJudges };
}

export const hasGaps = (gaps: ResultsGaps) => gaps.unscored.length > 0 || gaps.idleJudges.length > 0;

/**
 * The gaps as one short text (`e12,e13|j5`): the form carries the one its preview showed, so a gap
 * that appears after the preview (a judge assigned meanwhile) is not confirmed unseen.
 */
export const gapsKey = (gaps: ResultsGaps) =>
  `${gaps.unscored.map((e) => `e${e.id}`).join(',')}|${gaps.idleJudges.map((j) => `j${j.userId}`).join(',')}`;

/** The gaps in words, for a confirmation or a refusal: 作品「X」尚无评分；评委 Y 尚未开始评分. */
export function describeGaps(locale: 'zh-CN' | 'en', gaps: ResultsGaps): string[] {
  const zh = locale === 'zh-CN';
  return [
    ...gaps.unscored.map((e) => (zh ? `作品「${e.title}」尚无评分` : `entry “${e.title}” has no score`)),
    ...gaps.idleJudges.map((j) => (zh ? `评委 ${j.name} 尚未开始评分` : `judge ${j.name} has not started`)),
  ];
}

export interface ResultsPreview {
  /** The results exactly as publishing now would store and show them. */
  results: PublishedResults;
  gaps: ResultsGaps;
  gapsKey: string;
}

export function previewOf(standings: Standings): ResultsPreview {
  const gaps = gapsOf(standings);
  return { results: publishedResultsOf(standings), gaps, gapsKey: gapsKey(gaps) };
}
