/**
 * Shared by the team verbs of this folder; not a verb itself: the refusals several of them answer,
 * the load-and-check before a roster change (leave-team, remove-member, hand-over-leadership), and
 * the deletion of a whole team (dissolve-team, and leave-team when the leader is alone).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { entries, teamMembers, teams } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, conflict } from '../../lib/errors';
import { loadTeam, type TeamView } from './load-team';
import { assertRegistrationOpen } from './rules';

/** The caller is not on the team they want to change. */
export const notTeamMember = () => new AppError(403, 'not_team_member', 'error.forbidden');
export const leaderOnly = () => new AppError(403, 'leader_only', 'team.leaderOnly');
/** The member a leader names is not on the team. */
export const memberNotFound = () => new AppError(404, 'not_team_member', 'team.notMember');
/** One team per user and contest. */
export const alreadyInTeam = () => new AppError(409, 'already_in_team', 'team.alreadyInTeam');

export async function loadForRosterChange(ctx: ServiceContext, teamId: number): Promise<TeamView> {
  const team = await loadTeam({ ctx, input: { teamId } });
  if (!team.isMember) throw notTeamMember();
  assertRegistrationOpen(team.phase);
  return team;
}

/** A judge of the contest creating or joining one of its teams (refused by the database, migration 0005). */
export const judgeCannotCompete = () => conflict('judge_cannot_compete', 'team.judgeCannotCompete');

/** The team's leader changed between the read and the write (a stale view must not win). */
export const leaderChanged = () => new AppError(409, 'leader_changed', 'error.conflict');

/**
 * Deletes the team, its roster and its entry in one batch, with the audit row, on condition that
 * the caller still leads it (and, when leaving, is still alone): a leader who handed over meanwhile
 * deletes nothing and leaves no audit row. The roster and the entry go with the team by the foreign
 * keys' cascade, and are deleted after it explicitly too (only once the team row is gone), so the
 * result does not depend on the connection enforcing foreign keys.
 */
export async function deleteTeam(
  ctx: ServiceContext,
  team: TeamView,
  opts: { onlyIfAlone?: boolean } = {},
): Promise<void> {
  const user = ctx.user;
  if (!user) throw new Error('deleteTeam needs a signed-in leader');
  // Leaving alone must not delete a teammate who joined a moment ago.
  const alone = opts.onlyIfAlone ? sql` and ${teams.memberCount} = 1` : sql``;
  const stillLeads = sql`exists (select 1 from ${teams} where ${teams.id} = ${team.id} and ${teams.leaderId} = ${user.id}${alone})`;
  const gone = sql`not exists (select 1 from ${teams} where ${teams.id} = ${team.id})`;
  const [, deleted] = await ctx.db.batch([
    auditInsertWhere(
      ctx,
      {
        action: 'team.dissolve',
        targetType: 'team',
        targetId: team.id,
        actor: user,
        before: {
          contest: team.contest.slug,
          name: team.name,
          members: team.members.length,
          entry: team.entry ? { id: team.entry.id, title: team.entry.title } : null,
        },
      },
      stillLeads,
    ),
    ctx.db
      .delete(teams)
      .where(and(eq(teams.id, team.id), stillLeads))
      .returning({ id: teams.id }),
    ctx.db.delete(entries).where(and(eq(entries.teamId, team.id), gone)),
    ctx.db.delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), gone)),
  ]);
  if (deleted.length === 0) throw leaderChanged();
}
