/**
 * The leader dissolves the team while its entry can still change: from creation until the
 * contest's submissionCloses, to the second. The team, its roster and its entry are deleted and the
 * audit log keeps a row (team.dissolve). With teammates, this is the leader's call alone: the
 * confirmation step on the page names them. After submissionCloses the entry is locked as
 * submitted for the judges, so the team stays.
 */
import type { ServiceContext } from '../../context';
import { AppError } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import { loadTeam, type TeamView } from './load-team';
import { deleteTeam, leaderOnly, notTeamMember } from './shared';

export interface DissolvedTeam {
  id: number;
  name: string;
  contestSlug: string;
  /** The entry deleted with the team, if there was one. */
  entryTitle: string | null;
  /** How many members besides the leader lost their team. */
  otherMembers: number;
}

/** Whether the leader may dissolve the team now (the page asks before offering it). */
export function dissolveRefusal(ctx: Pick<ServiceContext, 'locale'>, team: TeamView): AppError | null {
  if (!team.isMember) return notTeamMember();
  if (!team.isLeader) return leaderOnly();
  if (!team.phase.submissionOpen) {
    return new AppError(409, 'submission_closed', 'team.dissolveClosed', {
      deadline: formatInstant(ctx.locale, team.contest.timeline.submissionCloses),
    });
  }
  return null;
}

export async function dissolveTeam({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number };
}): Promise<DissolvedTeam> {
  const team = await loadTeam({ ctx, input: { teamId: input.teamId } });
  const refusal = dissolveRefusal(ctx, team);
  if (refusal) throw refusal;
  await deleteTeam(ctx, team);
  return {
    id: team.id,
    name: team.name,
    contestSlug: team.contest.slug,
    entryTitle: team.entry?.title ?? null,
    otherMembers: team.members.length - 1,
  };
}
