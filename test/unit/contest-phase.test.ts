import { describe, expect, it } from 'vitest';
import { contestPhase } from '~/functions/lib/contest-phase';
import { buildContest } from '../factories/catalog';

const contest = buildContest();
const { timeline } = contest;
const second = 1000;
const at = (d: Date, offsetMs = 0) => new Date(d.getTime() + offsetMs);
const phaseAt = (now: Date, publishedAt: Date | null = null) =>
  contestPhase(timeline, now, publishedAt ? { publishedAt } : null, contest.objectionDays);

describe('contestPhase', () => {
  it('reads the timeline instants with their +08:00 offset', () => {
    expect(timeline.registrationCloses.toISOString()).toBe('2026-10-01T10:00:00.000Z');
  });

  it.each([
    ['registrationOpens', 'upcoming', 'registration'],
    ['registrationCloses', 'registration', 'submission'],
    ['submissionCloses', 'submission', 'judging'],
  ] as const)('switches at %s, to the second', (key, before, after) => {
    expect(phaseAt(at(timeline[key], -second)).phase).toBe(before);
    expect(phaseAt(timeline[key]).phase).toBe(after);
  });

  it('opens registration only in the registration phase and locks the roster at registrationCloses', () => {
    expect(phaseAt(at(timeline.registrationOpens, -second)).registrationOpen).toBe(false);
    expect(phaseAt(timeline.registrationOpens).registrationOpen).toBe(true);
    expect(phaseAt(at(timeline.registrationCloses, -second)).registrationOpen).toBe(true);
    expect(phaseAt(timeline.registrationCloses).registrationOpen).toBe(false);
  });

  it('accepts entries from registrationOpens until the second before submissionCloses', () => {
    expect(phaseAt(at(timeline.registrationOpens, -second)).submissionOpen).toBe(false);
    expect(phaseAt(timeline.registrationOpens).submissionOpen).toBe(true);
    expect(phaseAt(at(timeline.submissionCloses, -second)).submissionOpen).toBe(true);
    expect(phaseAt(timeline.submissionCloses).submissionOpen).toBe(false);
  });

  it('lets judges score from submissionCloses until judgingCloses', () => {
    expect(phaseAt(at(timeline.submissionCloses, -second)).judgingOpen).toBe(false);
    expect(phaseAt(timeline.submissionCloses).judgingOpen).toBe(true);
    expect(phaseAt(at(timeline.judgingCloses, -second)).judgingOpen).toBe(true);
    expect(phaseAt(timeline.judgingCloses).judgingOpen).toBe(false);
    expect(phaseAt(at(timeline.judgingCloses, 86_400_000)).phase).toBe('judging');
  });

  it('shows results once published, with an objection window of objectionDays', () => {
    const publishedAt = at(timeline.judgingCloses, 3600 * second);
    const closes = at(publishedAt, 7 * 86_400_000);
    const during = phaseAt(at(closes, -second), publishedAt);
    expect(during.phase).toBe('results');
    expect(during.objectionOpen).toBe(true);
    expect(during.objectionCloses?.getTime()).toBe(closes.getTime());
    expect(during.nextDeadline).toEqual({ key: 'objectionCloses', at: closes });
    const after = phaseAt(closes, publishedAt);
    expect(after.objectionOpen).toBe(false);
    expect(after.nextDeadline).toBeNull();
    expect(phaseAt(at(timeline.judgingCloses, 3600 * second), publishedAt).judgingOpen).toBe(false);
  });

  it('names the next deadline for countdowns', () => {
    expect(phaseAt(at(timeline.registrationOpens, 1)).nextDeadline?.key).toBe('registrationCloses');
    expect(phaseAt(timeline.submissionCloses).nextDeadline?.key).toBe('judgingCloses');
  });
});
