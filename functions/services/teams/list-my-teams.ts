/** The signed-in user's teams across contests, with their entries' status (for 我的). */
import { desc, eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { entries, teamMembers, teams } from '../../db/schema';

export async function listMyTeams({ ctx }: { ctx: ServiceContext }) {
  const user = requireUser(ctx);
  const rows = await ctx.db
    .select({
      id: teams.id,
      contestSlug: teams.contestSlug,
      track: teams.track,
      name: teams.name,
      leaderId: teams.leaderId,
      memberCount: teams.memberCount,
      entryTitle: entries.title,
      entryStatus: entries.status,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .leftJoin(entries, eq(entries.teamId, teams.id))
    .where(eq(teamMembers.userId, user.id))
    .orderBy(desc(teams.createdAt));
  return rows.map((row) => ({ ...row, isLeader: row.leaderId === user.id }));
}
