/**
 * Authorization of every judging route: anonymous 401, founders 403, a judge of another contest
 * 403/404 on this one, organizers and admins allowed — and a refused request changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  entries,
  judgeAssignments,
  objections,
  resultPublications,
  scores,
} from '~/functions/db/schema';
import { apiCaller, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { assignJudgeRow, insertEntry } from '../factories/judging';
import { insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const contest = buildContest('access-contest');
const elsewhere = buildContest('elsewhere-contest');
const duringJudging = new Date(contest.timeline.submissionCloses.getTime() + 86_400_000);
const env = await testApp({
  catalog: buildCatalog({ contests: [contest, elsewhere] }),
  now: duringJudging.toISOString(),
});
const { app, db } = env;

async function person(role: 'founder' | 'organizer' | 'admin' = 'founder') {
  const user = await insertUser(db, { role });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}
const callApi = apiCaller(app);
const call = async (method: string, path: string, cookie?: string, payload?: unknown) =>
  (await callApi(method, path, cookie, payload)).status;

const leader = await insertUser(db);
const team = await insertTeam(db, leader.id, { contestSlug: contest.slug });
const entry = await insertEntry(db, team);
const judge = await person();
await assignJudgeRow(db, contest.slug, judge.user.id);
const otherJudge = await person();
await assignJudgeRow(db, elsewhere.slug, otherJudge.user.id);
const founder = await person();
const organizer = await person('organizer');
const admin = await person('admin');
const [objection] = await db
  .insert(objections)
  .values({ contestSlug: contest.slug, realName: '李四', reason: '理由', createdAt: duringJudging })
  .returning();

const slug = contest.slug;
const sheet = { scores: { innovation: { score: 5 }, impact: { score: 3 } } };
const adminRoutes: Array<[string, string, unknown?]> = [
  ['GET', '/admin/contests'],
  ['GET', `/admin/contests/${slug}/judges`],
  ['POST', `/admin/contests/${slug}/judges`, { email: founder.user.email }],
  ['DELETE', `/admin/contests/${slug}/judges/${judge.user.id}`],
  ['GET', `/admin/contests/${slug}/entries?track=general&status=submitted`],
  ['PATCH', `/admin/entries/${entry.id}`, { status: 'shortlisted' }],
  ['POST', `/admin/contests/${slug}/publish`, { confirmGaps: true }],
  ['GET', `/admin/contests/${slug}/objections`],
  ['POST', `/admin/objections/${objection?.id}/answer`, { answer: '已核实。' }],
  ['GET', `/admin/contests/${slug}/export.csv`],
];
const judgeRoutes: Array<[string, string, unknown?]> = [
  ['GET', '/judge/contests'],
  ['GET', `/judge/contests/${slug}/entries`],
  ['GET', `/judge/entries/${entry.id}`],
  ['PUT', `/judge/entries/${entry.id}/scores`, sheet],
];

const snapshot = async () => ({
  assignments: await db.select().from(judgeAssignments),
  entries: await db.select().from(entries),
  scores: await db.select().from(scores),
  publications: await db.select().from(resultPublications),
  objections: await db.select().from(objections),
  audit: await db.select().from(auditLog),
});

describe('judging routes refuse', () => {
  it('anonymous requests with 401, founders and judges of other contests with 403 on admin routes', async () => {
    const before = await snapshot();
    for (const [method, path, body] of [...adminRoutes, ...judgeRoutes]) {
      expect([method, path, await call(method, path, undefined, body)]).toEqual([method, path, 401]);
    }
    for (const who of [founder, otherJudge, judge]) {
      for (const [method, path, body] of adminRoutes) {
        expect([method, path, await call(method, path, who.cookie, body)]).toEqual([method, path, 403]);
      }
    }
    expect(
      await call('POST', `/contests/${slug}/objections`, undefined, {
        realName: '王五',
        reason: '匿名提出的一条异议理由，长度足够。',
      }),
    ).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('users who do not judge this contest with 403 for its list and 404 for its entries', async () => {
    const before = await snapshot();
    for (const who of [founder, otherJudge, organizer, admin]) {
      const statuses = [];
      for (const [method, path, body] of judgeRoutes)
        statuses.push(await call(method, path, who.cookie, body));
      expect(statuses).toEqual([200, 403, 404, 404]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('judging routes allow', () => {
  it('the assigned judge', async () => {
    const statuses = [];
    for (const [method, path, body] of judgeRoutes)
      statuses.push(await call(method, path, judge.cookie, body));
    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('organizers and admins on every admin route', async () => {
    const expected = [200, 200, 201, 204, 200, 200, 201, 200, 200, 200];
    const organizerStatuses = [];
    for (const [method, path, body] of adminRoutes)
      organizerStatuses.push(await call(method, path, organizer.cookie, body));
    expect(organizerStatuses).toEqual(expected);
    // For the admin on the same contest the writes that already happened answer 409/404 — their
    // rights are checked before state: reads are 200 and the conflicts are not 401/403.
    const adminStatuses = [];
    for (const [method, path, body] of adminRoutes)
      adminStatuses.push(await call(method, path, admin.cookie, body));
    expect(adminStatuses).toEqual([200, 200, 409, 404, 200, 409, 409, 200, 200, 200]);
  });
});
