/**
 * Everything an organizer sees of one contest — standings with each judge's scores, the judges, the
 * teams with their members, and the objections with the objectors' names — in one batch.
 */
import { asc, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, objections, teamMembers, teams, users } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { contestOf, phaseOf } from '../teams/rules';
import { computeStandings, type Standings, standingsQueries } from './standings';

export function adminQueries(ctx: Pick<ServiceContext, 'db'>, slug: string) {
  const { db } = ctx;
  return [
    db
      .select({
        id: objections.id,
        entryId: objections.entryId,
        entryTitle: entries.title,
        userId: objections.userId,
        userName: users.name,
        userEmail: users.email,
        realName: objections.realName,
        reason: objections.reason,
        status: objections.status,
        answer: objections.answer,
        answeredAt: objections.answeredAt,
        createdAt: objections.createdAt,
      })
      .from(objections)
      .leftJoin(entries, eq(entries.id, objections.entryId))
      .leftJoin(users, eq(users.id, objections.userId))
      .where(eq(objections.contestSlug, slug))
      .orderBy(asc(objections.createdAt), asc(objections.id)),
    db
      .select({
        id: teams.id,
        name: teams.name,
        track: teams.track,
        leaderId: teams.leaderId,
        createdAt: teams.createdAt,
      })
      .from(teams)
      .where(eq(teams.contestSlug, slug))
      .orderBy(asc(teams.id)),
    db
      .select({
        teamId: teamMembers.teamId,
        userId: teamMembers.userId,
        name: users.name,
        email: users.email,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.contestSlug, slug))
      .orderBy(asc(teamMembers.joinedAt), asc(teamMembers.userId)),
  ] as const;
}

type Rows<I extends number> = Awaited<ReturnType<typeof adminQueries>[I]>;
export type AdminObjection = Rows<0>[number];
export type AdminTeam = Rows<1>[number] & {
  members: Array<{ userId: number; name: string; email: string }>;
};

export interface ContestAdmin {
  contest: Contest;
  phase: PhaseInfo;
  standings: Standings;
  objections: AdminObjection[];
  teams: AdminTeam[];
}

export async function loadContestAdmin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<ContestAdmin> {
  requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.slug);
  const [publication, entryRows, judges, scoreRows, conflictRows, objectionRows, teamRows, memberRows] =
    await ctx.db.batch([...standingsQueries(ctx, contest.slug), ...adminQueries(ctx, contest.slug)]);
  return assembleContestAdmin(
    ctx,
    contest,
    [publication, entryRows, judges, scoreRows, conflictRows],
    [objectionRows, teamRows, memberRows],
  );
}

export function assembleContestAdmin(
  ctx: Pick<ServiceContext, 'now'>,
  contest: Contest,
  standingsRows: Parameters<typeof computeStandings>[1],
  [objectionRows, teamRows, memberRows]: [Rows<0>, Rows<1>, Rows<2>],
): ContestAdmin {
  const standings = computeStandings(contest, standingsRows);
  return {
    contest,
    phase: phaseOf(contest, ctx.now, standings.publishedAt),
    standings,
    objections: objectionRows,
    teams: teamRows.map((team) => ({
      ...team,
      members: memberRows
        .filter((m) => m.teamId === team.id)
        .map((m) => ({ userId: m.userId, name: m.name, email: m.email })),
    })),
  };
}

/** The entries table with the organizer's filters; ranks stay those of the whole contest. */
export async function listContestEntries({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; track?: string | undefined; status?: string | undefined };
}): Promise<ContestAdmin & { judges: JudgeProgress[] }> {
  const admin = await loadContestAdmin({ ctx, input: { slug: input.slug } });
  const items = admin.standings.items.filter(
    (s) =>
      (input.track === undefined || s.entry.track === input.track) &&
      (input.status === undefined || s.entry.status === input.status),
  );
  // Judges' progress counts every entry, whatever the filter.
  return { ...admin, judges: judgeProgress(admin.standings), standings: { ...admin.standings, items } };
}

export interface JudgeProgress {
  userId: number;
  name: string;
  email: string;
  assignedAt: Date;
  /** Entries this judge has fully scored, of those they may score. */
  scored: number;
  eligible: number;
}

export function judgeProgress(standings: Standings): JudgeProgress[] {
  return standings.judges.map((judge, index) => {
    const mine = standings.items.map((s) => s.judges[index]).filter((j) => j && !j.conflicted);
    return {
      ...judge,
      scored: mine.filter((j) => j?.weighted !== null).length,
      eligible: mine.length,
    };
  });
}
