/**
 * A team as its members see it: roster, invite code, entry and the contest's phase — one batch.
 * Only members (and organizers) may see it; anyone else gets 404, so team ids reveal nothing.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { hasRole, requireUser } from '../../auth/guards';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { companies, entries, resultPublications, teamMembers, teams, users } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { notFound } from '../../lib/errors';
import { type LinkOptions, linkOptionsQueries } from './link-options';
import { contestOf, phaseOf } from './rules';

export interface TeamView {
  id: number;
  contest: Contest;
  phase: PhaseInfo;
  track: string;
  name: string;
  /** The optional English name (English pages show the Chinese, marked zh-CN, without it). */
  nameEn: string | null;
  inviteCode: string;
  leaderId: number | null;
  companyId: number | null;
  /** The linked company, named as it is now (whoever owns it). */
  company: { id: number; name: string; status: string } | null;
  members: Array<{ userId: number; name: string; joinedAt: Date }>;
  entry: typeof entries.$inferSelect | null;
  /** The viewer leads the team. */
  isLeader: boolean;
  isMember: boolean;
}

export async function loadTeam({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number };
}): Promise<TeamView> {
  const user = requireUser(ctx);
  const [teamRows, members, entryRows, publications] = await ctx.db.batch(teamQueries(ctx.db, input.teamId));
  return toTeamView(ctx, user.id, { teamRows, members, entryRows, publications });
}

/**
 * The team page's team and the choices of its company form (link-options.ts) in one round trip:
 * the form's "company the team has now" is read by a subquery instead of from the team first.
 */
export async function loadTeamWithLinkOptions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number };
}): Promise<{ team: TeamView; options: LinkOptions }> {
  const user = requireUser(ctx);
  const { db } = ctx;
  const current = sql`(select ${teams.companyId} from ${teams} where ${teams.id} = ${input.teamId})`;
  const [teamQuery, membersQuery, entryQuery, publicationsQuery] = teamQueries(db, input.teamId);
  const [companiesQuery, productsQuery] = linkOptionsQueries(db, user.id, current);
  const [teamRows, members, entryRows, publications, ownCompanies, productRows] = await db.batch([
    teamQuery,
    membersQuery,
    entryQuery,
    publicationsQuery,
    companiesQuery,
    productsQuery,
  ]);
  return {
    team: toTeamView(ctx, user.id, { teamRows, members, entryRows, publications }),
    options: { companies: ownCompanies, products: productRows },
  };
}

const teamQueries = (db: Db, teamId: number) =>
  [
    db
      .select({ team: teams, company: { id: companies.id, name: companies.name, status: companies.status } })
      .from(teams)
      .leftJoin(companies, eq(companies.id, teams.companyId))
      .where(eq(teams.id, teamId)),
    db
      .select({ userId: teamMembers.userId, name: users.name, joinedAt: teamMembers.joinedAt })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, teamId))
      .orderBy(asc(teamMembers.joinedAt), asc(teamMembers.userId)),
    db.select().from(entries).where(eq(entries.teamId, teamId)),
    db
      .select({ publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .where(
        eq(
          resultPublications.contestSlug,
          db.select({ slug: teams.contestSlug }).from(teams).where(eq(teams.id, teamId)),
        ),
      ),
  ] as const;

type TeamRows = {
  [K in 'teamRows' | 'members' | 'entryRows' | 'publications']: Awaited<
    ReturnType<typeof teamQueries>[{ teamRows: 0; members: 1; entryRows: 2; publications: 3 }[K]]
  >;
};

function toTeamView(ctx: ServiceContext, userId: number, rows: TeamRows): TeamView {
  const { teamRows, members, entryRows, publications } = rows;
  const team = teamRows[0]?.team;
  const isMember = members.some((m) => m.userId === userId);
  if (!team || (!isMember && !hasRole(ctx.user, 'organizer'))) throw notFound('team_not_found');
  const contest = contestOf(ctx, team.contestSlug);
  return {
    id: team.id,
    contest,
    phase: phaseOf(contest, ctx.now, publications[0]?.publishedAt),
    track: team.track,
    name: team.name,
    nameEn: team.nameEn,
    inviteCode: team.inviteCode,
    leaderId: team.leaderId,
    companyId: team.companyId,
    company: teamRows[0]?.company ?? null,
    members,
    entry: entryRows[0] ?? null,
    isLeader: team.leaderId === userId,
    isMember,
  };
}
