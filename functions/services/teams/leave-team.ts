/**
 * A member leaves a team until the roster locks at registrationCloses; a leader who is the only
 * member dissolves it (as dissolve-team does: deleted with its entry, in the audit log). The write
 * is conditional, so a stale view cannot undo another's.
 */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { teamMembers } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { deleteTeam, loadForRosterChange } from './shared';

/** A member leaves; a leader who is the only member dissolves the team. */
export async function leaveTeam({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number };
}): Promise<{ dissolved: boolean; name: string; contestSlug: string }> {
  const team = await loadForRosterChange(ctx, input.teamId);
  const userId = ctx.user?.id ?? -1;
  const done = (dissolved: boolean) => ({ dissolved, name: team.name, contestSlug: team.contest.slug });
  if (team.isLeader) {
    if (team.members.length > 1) throw new AppError(409, 'leader_cannot_leave', 'team.leaderCannotLeave');
    await deleteTeam(ctx, team, { onlyIfAlone: true });
    return done(true);
  }
  await ctx.db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, userId)));
  return done(false);
}
