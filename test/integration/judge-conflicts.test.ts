/**
 * Contestants never judge their own contest: a member of any team of a contest cannot be assigned as
 * its judge, and a judge cannot create or join a team of it. The database decides (triggers), so the
 * rule holds when an assignment and a join race each other.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { judgeAssignments, teamMembers } from '~/functions/db/schema';
import { apiCaller, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { assignJudgeRow } from '../factories/judging';
import { insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const contest = buildContest('conflict-contest');
const other = buildContest('other-contest');
// Registration is open: teams form and judges are assigned.
const { app, db } = await testApp({
  catalog: buildCatalog({ contests: [contest, other] }),
  now: '2026-09-15T10:00:00+08:00',
});
const call = apiCaller(app);
/** A valid invite code (16 of a–z, 2–7), as the join form accepts it. */
const inviteCode = () =>
  Array.from({ length: 16 }, () => 'abcdefghijklmnopqrstuvwxyz234567'[Math.floor(Math.random() * 32)]).join(
    '',
  );
const organizer = await insertUser(db, { role: 'organizer' });
const organizerCookie = await sessionCookieFor(db, organizer.id);

const isJudge = async (userId: number, slug = contest.slug) =>
  (
    await db
      .select()
      .from(judgeAssignments)
      .where(and(eq(judgeAssignments.contestSlug, slug), eq(judgeAssignments.userId, userId)))
  ).length > 0;
const isContestant = async (userId: number, slug = contest.slug) =>
  (
    await db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.contestSlug, slug), eq(teamMembers.userId, userId)))
  ).length > 0;

describe('contestants and judges of one contest', () => {
  it('refuses to assign a team leader of the contest as its judge, but not of another contest', async () => {
    const leader = await insertUser(db);
    await insertTeam(db, leader.id, { contestSlug: contest.slug });
    const res = await call('POST', `/admin/contests/${contest.slug}/judges`, organizerCookie, {
      email: leader.email,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('judge_is_contestant');
    expect(await isJudge(leader.id)).toBe(false);
    const elsewhere = await call('POST', `/admin/contests/${other.slug}/judges`, organizerCookie, {
      email: leader.email,
    });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses a judge of the contest joining or creating one of its teams', async () => {
    const judge = await insertUser(db);
    await assignJudgeRow(db, contest.slug, judge.id);
    const cookie = await sessionCookieFor(db, judge.id);
    const leader = await insertUser(db);
    const team = await insertTeam(db, leader.id, { contestSlug: contest.slug, inviteCode: inviteCode() });
    const joined = await call('POST', '/teams/join', cookie, { inviteCode: team.inviteCode });
    expect(joined.status).toBe(409);
    expect(joined.body.code).toBe('judge_cannot_compete');
    const created = await call('POST', `/contests/${contest.slug}/teams`, cookie, {
      track: 'general',
      name: '评委的队伍',
    });
    expect(created.status).toBe(409);
    expect(created.body.code).toBe('judge_cannot_compete');
    expect(await isContestant(judge.id)).toBe(false);
  });

  it('never lets one person end up both, when the assignment and the join race', async () => {
    const leader = await insertUser(db);
    const team = await insertTeam(db, leader.id, { contestSlug: contest.slug, inviteCode: inviteCode() });
    for (let round = 0; round < 8; round++) {
      const person = await insertUser(db);
      const cookie = await sessionCookieFor(db, person.id);
      const answers = await Promise.all([
        call('POST', `/admin/contests/${contest.slug}/judges`, organizerCookie, { email: person.email }),
        call('POST', '/teams/join', cookie, { inviteCode: team.inviteCode }),
      ]);
      // Both answered, one of them refused: never 5xx.
      expect(answers.map((a) => a.status).every((status) => status < 500)).toBe(true);
      expect((await isJudge(person.id)) && (await isContestant(person.id)), `round ${round}`).toBe(false);
      // Leave room in the team for the next round.
      await db.delete(teamMembers).where(eq(teamMembers.userId, person.id));
    }
  });
});
