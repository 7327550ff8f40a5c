/**
 * Published results and the scores behind them never change by an account deletion (decision 011):
 * a judge, a team member or a team leader deleting their account leaves the public results, the
 * organizer's standings and the score rows as they were, the judge under a pseudonym. A judge of an
 * unpublished contest leaves its panel, and their scores of it go with them.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { sqliteFailure } from '~/functions/db/errors';
import { judgeAssignments, resultPublications, scores, users } from '~/functions/db/schema';
import { pseudonym } from '~/functions/lib/audit';
import { apiCaller, type Json, testApp } from '../factories/app';
import { postJson } from '../factories/auth';
import { buildCatalog, buildContest } from '../factories/catalog';
import { testConfig } from '../factories/db';
import { addMember, assignJudgeRow, insertEntry, insertScores } from '../factories/judging';
import { insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const published = buildContest('published-contest');
const pending = buildContest('pending-contest');
const sealed = buildContest('sealed-contest');
const NOW = '2026-11-25T10:00:00+08:00';
// After judgingCloses of both contests (the factory's timeline): results may be published.
const { app, db, config } = await testApp({
  catalog: buildCatalog({ contests: [published, pending, sealed] }),
  now: NOW,
  config: testConfig({ rateLimits: false }),
});
const call = apiCaller(app);
const PASSWORD = 'river-lantern-2026';

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

const hasher = createPasswordHasher(config.passwordPepper, 1000);

/** A user who can delete their own account (a real password hash) with a session cookie. */
async function person(role: 'founder' | 'organizer' = 'founder') {
  const user = await insertUser(db, { role, passwordHash: await hasher.hash(PASSWORD) });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}
const deleteAccount = async (cookie: string) =>
  (await postJson(app, '/api/v1/me', { password: PASSWORD }, { cookie, method: 'DELETE' })).status;

const organizer = await person('organizer');
const judgeA = await person();
const judgeB = await person();
const judgeC = await person();
const leader = await person();
const member = await person();
for (const judge of [judgeA, judgeB]) await assignJudgeRow(db, published.slug, judge.user.id);
for (const judge of [judgeB, judgeC]) await assignJudgeRow(db, pending.slug, judge.user.id);
const team = await insertTeam(db, leader.user.id, { contestSlug: published.slug, name: '阿尔法队' });
await addMember(db, team, member.user.id);
const alpha = await insertEntry(db, team, { title: '阿尔法' });
const beta = await insertEntry(
  db,
  await insertTeam(db, (await insertUser(db)).id, { contestSlug: published.slug, name: '贝塔队' }),
  { title: '贝塔' },
);
const delta = await insertEntry(
  db,
  await insertTeam(db, (await insertUser(db)).id, { contestSlug: sealed.slug, name: '德尔塔队' }),
  { title: '德尔塔' },
);
const gamma = await insertEntry(
  db,
  await insertTeam(db, (await insertUser(db)).id, { contestSlug: pending.slug, name: '伽马队' }),
  { title: '伽马' },
);
// Judge A rates alpha above beta, judge B the other way round: without A, beta wins.
await insertScores(db, alpha.id, judgeA.user.id, { innovation: 10, impact: 5 });
await insertScores(db, beta.id, judgeA.user.id, { innovation: 2, impact: 1 });
await insertScores(db, alpha.id, judgeB.user.id, { innovation: 6, impact: 3 });
await insertScores(db, beta.id, judgeB.user.id, { innovation: 8, impact: 4 });
await insertScores(db, gamma.id, judgeC.user.id, { innovation: 7, impact: 4 });
await insertScores(db, gamma.id, judgeB.user.id, { innovation: 5, impact: 2 });
await db
  .insert(resultPublications)
  .values({ contestSlug: published.slug, publishedAt: new Date('2026-11-21T10:00:00+08:00') });

const results = async () => {
  const res = await call('GET', `/contests/${published.slug}/results`);
  expect(res.status).toBe(200);
  return res.body;
};
const standings = async (slug: string) => {
  const res = await call('GET', `/admin/contests/${slug}/entries`, organizer.cookie);
  expect(res.status).toBe(200);
  return res.body.items as Json[];
};
const scoreRows = (entryId: number) =>
  db
    .select({ criterion: scores.criterion, score: scores.score })
    .from(scores)
    .where(eq(scores.entryId, entryId))
    .orderBy(scores.criterion, scores.score);

describe('deleting an account after publication', () => {
  it('leaves the public results, the standings and the scores of a judge as published', async () => {
    const before = await results();
    expect(before.items.map((i: Json) => [i.title, i.rank, i.mean, i.scoredBy, i.judgeCount])).toEqual([
      ['阿尔法', 1, 80, 2, 2],
      ['贝塔', 2, 50, 2, 2],
    ]);
    const adminBefore = (await standings(published.slug)).map((e) => [e.title, e.mean, e.rank]);
    const alphaScores = await scoreRows(alpha.id);

    expect(await deleteAccount(judgeA.cookie)).toBe(204);

    expect(await results()).toEqual(before);
    expect((await standings(published.slug)).map((e) => [e.title, e.mean, e.rank])).toEqual(adminBefore);
    expect(await scoreRows(alpha.id)).toEqual(alphaScores);
    // The deleted judge's rows stay under the pseudonym the audit log uses, with no account behind.
    const kept = await db
      .select({ judgeId: scores.judgeId, judgePseudonym: scores.judgePseudonym })
      .from(scores)
      .where(and(eq(scores.entryId, alpha.id), isNull(scores.judgeId)));
    expect(kept).toEqual([
      { judgeId: null, judgePseudonym: pseudonym(config, judgeA.user.id) },
      { judgeId: null, judgePseudonym: pseudonym(config, judgeA.user.id) },
    ]);
    const judgesAfter = (await standings(published.slug))[0]?.judges as Json[];
    expect(judgesAfter.map((j) => j.judgeId)).toEqual([null, judgeB.user.id]);
    expect(await db.select().from(users).where(eq(users.id, judgeA.user.id))).toHaveLength(0);
  });

  it('leaves them as published when a team member or the team leader deletes theirs', async () => {
    const before = await results();
    expect(await deleteAccount(member.cookie)).toBe(204);
    expect(await deleteAccount(leader.cookie)).toBe(204);
    expect(await results()).toEqual(before);
  });
});

describe('the database', () => {
  it('refuses a deletion of a judge that does not detach their scores and seat first', async () => {
    // A judge of a contest published after they scored (scores of a published contest are frozen).
    const judge = await insertUser(db);
    await assignJudgeRow(db, sealed.slug, judge.id);
    await insertScores(db, delta.id, judge.id, { innovation: 1, impact: 1 });
    await db.insert(resultPublications).values({ contestSlug: sealed.slug, publishedAt: new Date(NOW) });
    const failure = await db
      .delete(users)
      .where(eq(users.id, judge.id))
      .then(() => undefined, sqliteFailure);
    expect(failure?.message).toMatch(/CHECK constraint failed: (scores|judge_assignments)_judge_known/);
    expect(await scoreRows(delta.id)).toHaveLength(2);
  });
});

describe('deleting an account before publication', () => {
  it('takes the judge off the panel of the unpublished contest, with their scores of it', async () => {
    expect((await standings(pending.slug))[0]?.scoredBy).toBe(2);
    expect(await deleteAccount(judgeC.cookie)).toBe(204);
    const gamma1 = (await standings(pending.slug))[0];
    expect(gamma1?.judges.map((j: Json) => j.judgeId)).toEqual([judgeB.user.id]);
    expect([gamma1?.scoredBy, gamma1?.judgeCount]).toEqual([1, 1]);
    const rows = await db
      .select({ judgeId: scores.judgeId, judgePseudonym: scores.judgePseudonym })
      .from(scores)
      .where(eq(scores.entryId, gamma.id));
    expect(rows.every((r) => r.judgeId === judgeB.user.id && r.judgePseudonym === null)).toBe(true);
    expect(
      await db.select().from(judgeAssignments).where(eq(judgeAssignments.contestSlug, pending.slug)),
    ).toHaveLength(1);
  });
});
