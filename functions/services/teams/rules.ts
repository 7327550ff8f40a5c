/**
 * Not a verb: what every team service needs: the contest (from the catalog, by the team's slug), its phase now
 * (the injected clock plus the publication row), and typed refusals.
 */
import { eq } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { resultPublications } from '../../db/schema';
import { contestPhase, type PhaseInfo } from '../../lib/contest-phase';
import { AppError, contestNotFound } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';

export function contestOf(ctx: Pick<ServiceContext, 'catalog'>, slug: string): Contest {
  const contest = ctx.catalog.contest(slug);
  if (!contest) throw contestNotFound();
  return contest;
}

/** The publication lookup, to run alone or inside a batch with other reads. */
export const publicationQuery = (ctx: Pick<ServiceContext, 'db'>, slug: string) =>
  ctx.db
    .select({ publishedAt: resultPublications.publishedAt })
    .from(resultPublications)
    .where(eq(resultPublications.contestSlug, slug));

export function phaseOf(contest: Contest, now: Date, publishedAt: Date | null | undefined): PhaseInfo {
  return contestPhase(contest.timeline, now, publishedAt ? { publishedAt } : null, contest.objectionDays);
}

export function assertRegistrationOpen(phase: PhaseInfo): void {
  if (!phase.registrationOpen) throw new AppError(409, 'registration_closed', 'team.registrationClosed');
}

export function assertSubmissionOpen(
  ctx: Pick<ServiceContext, 'locale'>,
  contest: Contest,
  phase: PhaseInfo,
): void {
  if (!phase.submissionOpen) {
    throw new AppError(409, 'submission_closed', 'team.submissionClosed', {
      deadline: formatInstant(ctx.locale, contest.timeline.submissionCloses),
    });
  }
}
