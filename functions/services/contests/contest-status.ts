/** A contest with its phase (from timeline, now and the publication row) and its team count. */
import type { Contest } from '../../content/catalog';
import { contestPhase, type PhaseInfo } from '../../lib/contest-phase';

export interface ContestStatus {
  contest: Contest;
  phase: PhaseInfo;
  publishedAt: Date | null;
  teamCount: number;
}

export function contestStatus(
  contest: Contest,
  now: Date,
  publishedAt: Date | null,
  teamCount: number,
): ContestStatus {
  const phase = contestPhase(
    contest.timeline,
    now,
    publishedAt ? { publishedAt } : null,
    contest.objectionDays,
  );
  return { contest, phase, publishedAt, teamCount };
}
