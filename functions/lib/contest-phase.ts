/**
 * The contest time model. One function computes a contest's phase from its timeline, the current
 * instant and whether results were published. Every boundary is half-open: an instant belongs to
 * the phase it starts, so at exactly `registrationCloses` the roster is locked.
 */
import type { ContestTimeline } from '../schemas/content';

export type ContestPhase = 'upcoming' | 'registration' | 'submission' | 'judging' | 'results';

export interface Publication {
  publishedAt: Date;
}

export interface PhaseInfo {
  phase: ContestPhase;
  /** Teams may be created and joined, and rosters changed. */
  registrationOpen: boolean;
  /** Entries may be created and edited. */
  submissionOpen: boolean;
  /** Judges may score. */
  judgingOpen: boolean;
  /** The 公示 objection window after publication. */
  objectionOpen: boolean;
  objectionCloses: Date | null;
  /** The next instant at which something changes, for countdowns. */
  nextDeadline: { key: keyof ContestTimeline | 'objectionCloses'; at: Date } | null;
}

const DAY_MS = 86_400_000;

export function contestPhase(
  timeline: ContestTimeline,
  now: Date,
  publication: Publication | null,
  objectionDays: number,
): PhaseInfo {
  const t = now.getTime();
  const at = (d: Date) => d.getTime();
  const objectionCloses = publication ? new Date(at(publication.publishedAt) + objectionDays * DAY_MS) : null;
  const phase: ContestPhase = publication
    ? 'results'
    : t < at(timeline.registrationOpens)
      ? 'upcoming'
      : t < at(timeline.registrationCloses)
        ? 'registration'
        : t < at(timeline.submissionCloses)
          ? 'submission'
          : 'judging';
  const registrationOpen = phase === 'registration';
  const submissionOpen =
    !publication && t >= at(timeline.registrationOpens) && t < at(timeline.submissionCloses);
  const judgingOpen = !publication && t >= at(timeline.submissionCloses) && t < at(timeline.judgingCloses);
  const objectionOpen = objectionCloses !== null && t < at(objectionCloses);
  const upcoming: Array<{ key: keyof ContestTimeline | 'objectionCloses'; at: Date }> = [
    { key: 'registrationOpens', at: timeline.registrationOpens },
    { key: 'registrationCloses', at: timeline.registrationCloses },
    { key: 'submissionCloses', at: timeline.submissionCloses },
    { key: 'judgingCloses', at: timeline.judgingCloses },
  ];
  if (objectionCloses) upcoming.push({ key: 'objectionCloses', at: objectionCloses });
  const nextDeadline =
    upcoming.find((d) => at(d.at) > t && (publication ? d.key === 'objectionCloses' : true)) ?? null;
  return {
    phase,
    registrationOpen,
    submissionOpen,
    judgingOpen,
    objectionOpen,
    objectionCloses,
    nextDeadline,
  };
}
