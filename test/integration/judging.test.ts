/**
 * Judging through the API on a real database: conflicts of interest of each kind hidden and refused,
 * the scoring window to the second, score validation, and the organizer's aggregation worked by hand
 * (weights, a tie, missing and partial scores, a recused judge).
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, scores } from '~/functions/db/schema';
import { apiCaller, type Json, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { addMember, assignJudgeRow, insertEntry, insertScores } from '../factories/judging';
import { insertCompany, insertProduct, insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor, writeHeaders } from '../factories/session';

// Rubric: innovation weight 40 max 10, impact weight 60 max 5 (buildContest's default).
const contest = buildContest('judging-contest', {
  tracks: [
    { key: 'general', name: { zh: '综合', en: 'General' }, description: { zh: '综合', en: 'General' } },
    { key: 'life', name: { zh: '民生', en: 'Life' }, description: { zh: '民生', en: 'Life' } },
  ],
});
const { timeline } = contest;
const at = (d: Date, seconds = 0) => new Date(d.getTime() + seconds * 1000);
const duringJudging = at(timeline.submissionCloses, 86_400);
const env = await testApp({
  catalog: buildCatalog({ contests: [contest] }),
  now: duringJudging.toISOString(),
});
const { app, db, clock } = env;

const call = apiCaller(app);

async function person(role: 'founder' | 'organizer' | 'admin' = 'founder') {
  const user = await insertUser(db, { role });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}

async function entryOf(
  opts: { track?: string; companyId?: number; productId?: number; title?: string } = {},
) {
  const leader = await insertUser(db);
  const team = await insertTeam(db, leader.id, {
    contestSlug: contest.slug,
    track: opts.track ?? 'general',
    companyId: opts.companyId ?? null,
  });
  const entry = await insertEntry(db, team, {
    productId: opts.productId ?? null,
    ...(opts.title ? { title: opts.title } : {}),
  });
  return { team, entry, leader };
}

const sheet = (innovation: number, impact: number, comment = '') => ({
  scores: { innovation: { score: innovation, comment }, impact: { score: impact, comment } },
});
const put = (cookie: string, entryId: number, body: unknown) =>
  call('PUT', `/judge/entries/${entryId}/scores`, cookie, body);

beforeEach(() => clock.set(duringJudging));

describe('conflicts of interest', () => {
  it('hides and refuses entries of the judge’s company and linked product’s company; a judge is on no team', async () => {
    const judge = await person();
    await assignJudgeRow(db, contest.slug, judge.user.id);
    // A judge of the contest can be on none of its teams: the database refuses the membership
    // (judge-conflicts.test.ts), so the judge's own team is a conflict that cannot arise.
    const onTeam = await entryOf({ title: '同队作品' });
    await expect(addMember(db, onTeam.team, judge.user.id)).rejects.toThrow();
    const ownCompany = await insertCompany(db, judge.user.id);
    const teamCompany = await entryOf({ companyId: ownCompany.id, title: '本公司队伍' });
    const otherFounder = await insertUser(db);
    const otherCompany = await insertCompany(db, otherFounder.id);
    const judgesProduct = await insertProduct(db, ownCompany.id);
    // The team's own company is someone else's; the linked product belongs to the judge's company.
    const productCompany = await entryOf({
      companyId: otherCompany.id,
      productId: judgesProduct.id,
      title: '关联产品',
    });
    const clean = await entryOf({ companyId: otherCompany.id, title: '无冲突作品' });

    const list = await call('GET', `/judge/contests/${contest.slug}/entries`, judge.cookie);
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i: Json) => i.id);
    expect(ids).toContain(clean.entry.id);
    for (const conflicted of [teamCompany, productCompany]) {
      expect(ids).not.toContain(conflicted.entry.id);
      expect((await call('GET', `/judge/entries/${conflicted.entry.id}`, judge.cookie)).status).toBe(404);
      const refused = await put(judge.cookie, conflicted.entry.id, sheet(5, 3));
      expect(refused.status).toBe(404);
    }
    const stored = await db.select().from(scores).where(eq(scores.judgeId, judge.user.id));
    expect(stored).toEqual([]);
    expect((await put(judge.cookie, clean.entry.id, sheet(5, 3))).status).toBe(200);

    // The organizer sees the judge as recused on those entries: m excludes them.
    const organizer = await person('organizer');
    const table = await call('GET', `/admin/contests/${contest.slug}/entries`, organizer.cookie);
    const row = (id: number) => table.body.items.find((i: Json) => i.id === id);
    const judgeCell = (id: number) => row(id).judges.find((j: Json) => j.judgeId === judge.user.id);
    expect(judgeCell(teamCompany.entry.id).conflicted).toBe(true);
    expect(judgeCell(productCompany.entry.id).conflicted).toBe(true);
    expect(judgeCell(clean.entry.id).conflicted).toBe(false);
  });

  it('answers 403 for the entries of a contest the user does not judge, and 404 for its entries', async () => {
    const stranger = await person();
    const { entry } = await entryOf();
    const list = await call('GET', `/judge/contests/${contest.slug}/entries`, stranger.cookie);
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('not_judge');
    expect((await call('GET', `/judge/entries/${entry.id}`, stranger.cookie)).status).toBe(404);
    expect((await put(stranger.cookie, entry.id, sheet(5, 3))).status).toBe(404);
    // Organizers are not judges either unless assigned.
    const organizer = await person('organizer');
    expect((await put(organizer.cookie, entry.id, sheet(5, 3))).status).toBe(404);
    expect(await db.select().from(scores).where(eq(scores.entryId, entry.id))).toEqual([]);
  });
});

describe('the scoring window', () => {
  it('opens at submissionCloses and closes at judgingCloses, to the second', async () => {
    const judge = await person();
    await assignJudgeRow(db, contest.slug, judge.user.id);
    const { entry } = await entryOf();

    clock.set(at(timeline.submissionCloses, -1));
    const early = await put(judge.cookie, entry.id, sheet(5, 3));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('judging_not_open');
    expect(early.body.detail).toContain('评分尚未开始');

    clock.set(timeline.submissionCloses);
    expect((await put(judge.cookie, entry.id, sheet(5, 3))).status).toBe(200);

    clock.set(at(timeline.judgingCloses, -1));
    const revised = await put(judge.cookie, entry.id, sheet(6, 4.5, '修改后'));
    expect(revised.status).toBe(200);
    expect(revised.body.weighted).toBeCloseTo(24 + 54);

    clock.set(timeline.judgingCloses);
    const late = await put(judge.cookie, entry.id, sheet(10, 5));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('judging_closed');
    const stored = await db
      .select({ criterion: scores.criterion, score: scores.score, comment: scores.comment })
      .from(scores)
      .where(and(eq(scores.entryId, entry.id), eq(scores.judgeId, judge.user.id)));
    expect(Object.fromEntries(stored.map((s) => [s.criterion, s.score]))).toEqual({
      innovation: 6,
      impact: 4.5,
    });
    expect(stored.every((s) => s.comment === '修改后')).toBe(true);

    // Each accepted save left an audit row with the sheet before and after.
    const audits = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(entry.id)));
    expect(audits.filter((a) => a.action === 'score.save')).toHaveLength(2);
  });

  it('answers English messages to English clients', async () => {
    const judge = await person();
    await assignJudgeRow(db, contest.slug, judge.user.id);
    const { entry } = await entryOf();
    clock.set(timeline.judgingCloses);
    const res = await app.request(`/api/v1/judge/entries/${entry.id}/scores`, {
      method: 'PUT',
      headers: writeHeaders(judge.cookie, { 'accept-language': 'en' }),
      body: JSON.stringify(sheet(5, 3)),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Json).detail).toMatch(/^Scoring closed at/);
  });

  it('validates each criterion against the rubric: 0..max in halves, all present, none unknown', async () => {
    const judge = await person();
    await assignJudgeRow(db, contest.slug, judge.user.id);
    const { entry } = await entryOf();
    const over = await put(judge.cookie, entry.id, sheet(5, 5.5));
    expect(over.status).toBe(422);
    expect(over.body.errors).toHaveProperty(['scores.impact.score']);
    expect((await put(judge.cookie, entry.id, sheet(5, 3.3))).status).toBe(422);
    expect((await put(judge.cookie, entry.id, sheet(-1, 3))).status).toBe(422);
    const missing = await put(judge.cookie, entry.id, { scores: { innovation: { score: 5 } } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toHaveProperty(['scores.impact.score']);
    const unknown = await put(judge.cookie, entry.id, {
      scores: { ...sheet(5, 3).scores, charm: { score: 1, comment: '' } },
    });
    expect(unknown.status).toBe(422);
    // Every criterion's error at once, each naming its range and step.
    const both = await put(judge.cookie, entry.id, sheet(7.3, -1));
    expect(both.status).toBe(422);
    expect(both.body.errors).toEqual({
      'scores.innovation.score': ['请输入 0 到 10 之间的分数，步长 0.5（整数或 .5）。'],
      'scores.impact.score': ['请输入 0 到 5 之间的分数，步长 0.5（整数或 .5）。'],
    });
    expect(await db.select().from(scores).where(eq(scores.entryId, entry.id))).toEqual([]);
    const halves = await put(judge.cookie, entry.id, sheet(9.5, 4.5));
    expect(halves.status).toBe(200);
    expect(halves.body.weighted).toBeCloseTo(38 + 54);
  });
});

describe('aggregation for organizers', () => {
  it('matches a hand-worked example with weights, a tie, missing and partial scores and a recusal', async () => {
    const local = await testApp({
      catalog: buildCatalog({ contests: [contest] }),
      now: duringJudging.toISOString(),
    });
    const ldb = local.db;
    const mk = async (role: 'founder' | 'organizer' = 'founder') => {
      const user = await insertUser(ldb, { role });
      return { user, cookie: await sessionCookieFor(ldb, user.id) };
    };
    const request = async (method: string, path: string, cookie: string, payload?: unknown) => {
      const res = await local.app.request(`/api/v1${path}`, {
        method,
        headers: writeHeaders(cookie),
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
    };
    const [a, b, c] = [await mk(), await mk(), await mk()];
    for (const j of [a, b, c]) await assignJudgeRow(ldb, contest.slug, j.user.id);
    const entry = async (track = 'general', companyId: number | null = null) => {
      const leader = await insertUser(ldb);
      const team = await insertTeam(ldb, leader.id, { contestSlug: contest.slug, track, companyId });
      return { team, entry: await insertEntry(ldb, team) };
    };
    const x = await entry();
    const y = await entry('life');
    const z = await entry();
    const w = await entry();
    // V's team is c's company's: c is recused on it.
    const v = await entry('life', (await insertCompany(ldb, c.user.id)).id);
    const score = async (j: typeof a, e: { entry: { id: number } }, i: number, p: number) =>
      expect(
        (await request('PUT', `/judge/entries/${e.entry.id}/scores`, j.cookie, sheet(i, p))).status,
      ).toBe(200);

    // X: a 40·8/10+60·4/5 = 80, b 24+60 = 84, c 40+36 = 76 → mean 80, median 80, 3 of 3
    await score(a, x, 8, 4);
    await score(b, x, 6, 5);
    await score(c, x, 10, 3);
    // Y: a 40+48 = 88, b 24+48 = 72, c missing → mean 80 (ties with X), median 80, 2 of 3
    await score(a, y, 10, 4);
    await score(b, y, 6, 4);
    // Z: a 20+30 = 50, b only one criterion (not counted), c 28+36 = 64 → mean 57, median 57, 2 of 3
    await score(a, z, 5, 2.5);
    await insertScores(ldb, z.entry.id, b.user.id, { innovation: 9 });
    await score(c, z, 7, 3);
    // V: c's company (recused): a 36+60 = 96, b 40+60 = 100 → mean 98, 2 of 2
    await score(a, v, 9, 5);
    await score(b, v, 10, 5);
    // W: nobody → no rank, 0 of 3

    const organizer = await mk('organizer');
    const table = await request('GET', `/admin/contests/${contest.slug}/entries`, organizer.cookie);
    expect(table.status).toBe(200);
    const summary = table.body.items.map((i: Json) => [
      i.id,
      i.rank,
      i.mean,
      i.median,
      i.scoredBy,
      i.judgeCount,
    ]);
    expect(summary).toEqual([
      [v.entry.id, 1, 98, 98, 2, 2],
      [x.entry.id, 2, 80, 80, 3, 3],
      [y.entry.id, 2, 80, 80, 2, 3],
      [z.entry.id, 4, 57, 57, 2, 3],
      [w.entry.id, null, null, null, 0, 3],
    ]);
    const xRow = table.body.items[1];
    expect(xRow.judges.map((j: Json) => [j.judgeId, j.weighted])).toEqual([
      [a.user.id, 80],
      [b.user.id, 84],
      [c.user.id, 76],
    ]);
    expect(xRow.judges[0].criteria).toEqual({
      innovation: { score: 8, comment: '' },
      impact: { score: 4, comment: '' },
    });
    const zRow = table.body.items[3];
    expect(zRow.judges[1]).toMatchObject({
      judgeId: b.user.id,
      weighted: null,
      criteria: { innovation: { score: 9 } },
    });

    // Filters keep the contest-wide ranks.
    const life = await request('GET', `/admin/contests/${contest.slug}/entries?track=life`, organizer.cookie);
    expect(life.body.items.map((i: Json) => [i.id, i.rank])).toEqual([
      [v.entry.id, 1],
      [y.entry.id, 2],
    ]);
    const none = await request(
      'GET',
      `/admin/contests/${contest.slug}/entries?status=winner`,
      organizer.cookie,
    );
    expect(none.body.items).toEqual([]);

    // Each judge's progress: "已评 n / m" over the entries they may score.
    const judges = await request('GET', `/admin/contests/${contest.slug}/judges`, organizer.cookie);
    expect(judges.body.items.map((j: Json) => [j.userId, j.scored, j.eligible])).toEqual([
      [a.user.id, 4, 5],
      [b.user.id, 3, 5],
      [c.user.id, 2, 4],
    ]);
    const mine = await request('GET', `/judge/contests/${contest.slug}/entries`, c.cookie);
    expect(mine.body.progress).toEqual({ scored: 2, total: 4 });
    const assignments = await request('GET', '/judge/contests', c.cookie);
    expect(assignments.body.items).toEqual([
      expect.objectContaining({
        contest: contest.slug,
        phase: 'judging',
        judgingOpen: true,
        scored: 2,
        total: 4,
      }),
    ]);

    // A removed judge stops counting: X is then b and c only → mean 80, median 80, 2 of 2.
    expect(
      (await request('DELETE', `/admin/contests/${contest.slug}/judges/${a.user.id}`, organizer.cookie))
        .status,
    ).toBe(204);
    const after = await request('GET', `/admin/contests/${contest.slug}/entries`, organizer.cookie);
    const xAfter = after.body.items.find((i: Json) => i.id === x.entry.id);
    expect([xAfter.mean, xAfter.scoredBy, xAfter.judgeCount]).toEqual([80, 2, 2]);
  });
});
