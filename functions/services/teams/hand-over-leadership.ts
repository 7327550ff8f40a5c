/**
 * The leader hands leadership to another member until the roster locks at registrationCloses. The
 * write is conditional, so a stale view cannot undo another's.
 */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { teams } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { leaderOnly, loadForRosterChange, memberNotFound } from './shared';

export async function handOverLeadership({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number; userId: number };
}) {
  const team = await loadForRosterChange(ctx, input.teamId);
  if (!team.isLeader) throw leaderOnly();
  if (!team.members.some((m) => m.userId === input.userId)) throw memberNotFound();
  const updated = await ctx.db
    .update(teams)
    .set({ leaderId: input.userId, updatedAt: ctx.now })
    .where(and(eq(teams.id, team.id), eq(teams.leaderId, ctx.user?.id ?? -1)))
    .returning({ id: teams.id });
  if (updated.length === 0) throw new AppError(409, 'leader_changed', 'error.conflict');
}
