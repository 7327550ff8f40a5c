/**
 * The leader removes a member until the roster locks at registrationCloses. The write is
 * conditional, so a stale view cannot undo another's.
 */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { teamMembers } from '../../db/schema';
import { leaderOnly, loadForRosterChange, memberNotFound } from './shared';

export async function removeMember({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number; userId: number };
}): Promise<{ name: string; teamName: string }> {
  const team = await loadForRosterChange(ctx, input.teamId);
  if (!team.isLeader) throw leaderOnly();
  const member = team.members.find((m) => m.userId === input.userId);
  if (!member || input.userId === team.leaderId) throw memberNotFound();
  await ctx.db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId)));
  return { name: member.name, teamName: team.name };
}
