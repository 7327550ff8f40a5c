/**
 * Shared by the judging verbs of this folder; not a verb itself: the refusals several of them answer
 * (results published, submissions still open), a judge's score sheet and the entries a judge may see
 * (the judge views and save-scores), and the organizer's contest queries and their assembly
 * (load-contest-admin, list-contest-entries, export-contest-csv).
 */
import { and, asc, desc, eq, not, sql } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { isTriggerRefusal } from '../../db/errors';
import {
  type EntrySummary,
  entries,
  judgeAssignments,
  objections,
  resultWithdrawals,
  teamMembers,
  teams,
  users,
} from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { conflict } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import { weightedScore } from '../../lib/scoring';
import { phaseOf } from '../teams/rules';
import { conflicted } from './conflicts';
import { computeStandings, type Standings } from './standings';

/** The contest's latest withdrawn publication (none, or one row), for the public and admin pages. */
export const lastWithdrawalQuery = (db: ServiceContext['db'], slug: string) =>
  db
    .select({
      publishedAt: resultWithdrawals.publishedAt,
      withdrawnAt: resultWithdrawals.withdrawnAt,
      reason: resultWithdrawals.reason,
    })
    .from(resultWithdrawals)
    .where(eq(resultWithdrawals.contestSlug, slug))
    .orderBy(desc(resultWithdrawals.withdrawnAt), desc(resultWithdrawals.id))
    .limit(1);

export const resultsPublished = () => conflict('results_published', 'judging.resultsPublished');

/**
 * Runs a judging write, answering the refusal of migration 0010's triggers (the contest's results
 * were published after the service checked) like the service's own check: 409 results_published.
 */
export async function unlessPublished<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isTriggerRefusal(err, 'results_published')) throw resultsPublished();
    throw err;
  }
}

/** Results are published, and entries decided, only once submissions have closed. */
export const submissionsOpen = (ctx: Pick<ServiceContext, 'locale'>, contest: Contest) =>
  conflict('submissions_open', 'judging.submissionsOpen', {
    closes: formatInstant(ctx.locale, contest.timeline.submissionCloses),
  });

export const assertNotPublished = (publication: unknown[]) => {
  if (publication.length > 0) throw resultsPublished();
};

export type ScoreSheet = Record<string, { score: number; comment: string }>;

/** An entry as judges and the public see it (no member names, no scores): its columns, entries ⋈ teams. */
export const entrySummaryColumns = {
  id: entries.id,
  title: entries.title,
  summary: entries.summary,
  demoUrl: entries.demoUrl,
  repoUrl: entries.repoUrl,
  teamName: teams.name,
  track: teams.track,
};
export type { EntrySummary };
/** The summary fields of a fuller entry row (the standings'). */
export const summaryOf = ({
  id,
  title,
  summary,
  demoUrl,
  repoUrl,
  teamName,
  track,
}: EntrySummary): EntrySummary => ({
  id,
  title,
  summary,
  demoUrl,
  repoUrl,
  teamName,
  track,
});

/** Entries the judge may see: in a contest they are assigned to, and not conflicted. */
export const visibleTo = (judgeId: number) =>
  and(
    sql`exists (select 1 from ${judgeAssignments} where ${judgeAssignments.contestSlug} = ${entries.contestSlug}
      and ${judgeAssignments.userId} = ${judgeId})`,
    not(conflicted(judgeId)),
  );

export const sheetOf = (rows: Array<{ criterion: string; score: number; comment: string }>): ScoreSheet =>
  Object.fromEntries(rows.map((r) => [r.criterion, { score: r.score, comment: r.comment }]));

export const isComplete = (contest: Contest, sheet: ScoreSheet) =>
  contest.rubric.every((c) => sheet[c.key] !== undefined);

export const weightedOf = (contest: Contest, sheet: ScoreSheet) =>
  weightedScore(contest.rubric, Object.fromEntries(Object.entries(sheet).map(([k, v]) => [k, v.score])));

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

export interface JudgeProgress {
  /** Null (and name and email too) for a judge whose account was deleted after publication. */
  userId: number | null;
  pseudonym: string | null;
  name: string | null;
  email: string | null;
  assignedAt: Date;
  /** Entries this judge has fully scored, of those they may score. */
  scored: number;
  eligible: number;
}

export function judgeProgress(standings: Standings): JudgeProgress[] {
  return standings.judges.map(({ judgePseudonym, ...judge }, index) => {
    const mine = standings.items.map((s) => s.judges[index]).filter((j) => j && !j.conflicted);
    return {
      ...judge,
      pseudonym: judgePseudonym,
      scored: mine.filter((j) => j?.weighted !== null).length,
      eligible: mine.length,
    };
  });
}
