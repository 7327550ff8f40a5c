/** The signed-in user's teams across contests, with their entries' status (for 我的 and the API). */
import { desc, eq, type Placeholder } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { entries, teamMembers, teams } from '../../db/schema';

/** The query alone, so 我的 can put it in its one batch. */
export const myTeamsQuery = (db: Db, userId: number | Placeholder) =>
  db
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
    .where(eq(teamMembers.userId, userId))
    .orderBy(desc(teams.createdAt));

export type MyTeam = Awaited<ReturnType<typeof myTeamsQuery>>[number] & { isLeader: boolean };

export const withLeadership = (rows: Awaited<ReturnType<typeof myTeamsQuery>>, userId: number): MyTeam[] =>
  rows.map((row) => ({ ...row, isLeader: row.leaderId === userId }));

export async function listMyTeams({ ctx }: { ctx: ServiceContext }): Promise<MyTeam[]> {
  const user = requireUser(ctx);
  return withLeadership(await myTeamsQuery(ctx.db, user.id), user.id);
}
