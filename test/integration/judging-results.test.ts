/**
 * From the shortlist to 公示 on a real database: entry statuses and prizes, publishing once, the
 * public gallery and results hidden until their instants (404) and shown after, and objections only
 * during the window (±1 s around objectionCloses) with the objector's name for organizers only.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, entries, objections, resultPublications } from '~/functions/db/schema';
import { apiCaller, type Json, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { assignJudgeRow, insertEntry, insertScores } from '../factories/judging';
import { insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const prizes = [
  { key: 'first', name: { zh: '一等奖', en: 'First prize' }, count: 1, award: { zh: '奖金', en: 'Cash' } },
  { key: 'second', name: { zh: '二等奖', en: 'Second prize' }, count: 2, award: { zh: '奖金', en: 'Cash' } },
];
const contest = buildContest('results-contest', { prizes });
const other = buildContest('other-contest', { prizes });
const { timeline } = contest;
const at = (d: Date, seconds = 0) => new Date(d.getTime() + seconds * 1000);
const DAY = 86_400;
const duringJudging = at(timeline.submissionCloses, DAY);
const env = await testApp({
  catalog: buildCatalog({ contests: [contest, other] }),
  now: duringJudging.toISOString(),
});
const { app, db, clock } = env;

const call = apiCaller(app);
async function person(role: 'founder' | 'organizer' | 'admin' = 'founder', name?: string) {
  const user = await insertUser(db, { role, ...(name ? { name } : {}) });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}
async function entryIn(slug: string, title: string) {
  const leader = await insertUser(db);
  const team = await insertTeam(db, leader.id, { contestSlug: slug, name: `${title}队` });
  return insertEntry(db, team, { title });
}
const setStatus = (cookie: string, id: number, status: string, prizeKey?: string | null) =>
  call('PATCH', `/admin/entries/${id}`, cookie, { status, ...(prizeKey === undefined ? {} : { prizeKey }) });

const organizer = await person('organizer');
const judge = await person('founder', '评委甲');
await assignJudgeRow(db, contest.slug, judge.user.id);
const alpha = await entryIn(contest.slug, '阿尔法');
const beta = await entryIn(contest.slug, '贝塔');
const gamma = await entryIn(contest.slug, '伽马');
await insertScores(db, alpha.id, judge.user.id, { innovation: 9, impact: 5 });
await insertScores(db, beta.id, judge.user.id, { innovation: 5, impact: 5 });
const foreign = await entryIn(other.slug, '别的赛事作品');

beforeEach(() => clock.set(duringJudging));

describe('entry statuses', () => {
  it('are refused before submissions close', async () => {
    clock.set(at(timeline.submissionCloses, -1));
    const res = await setStatus(organizer.cookie, alpha.id, 'shortlisted');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('submissions_open');
  });

  it('move submitted → shortlisted → winner with a prize of the contest, audited', async () => {
    expect((await setStatus(organizer.cookie, alpha.id, 'shortlisted')).status).toBe(200);
    const noPrize = await setStatus(organizer.cookie, alpha.id, 'winner');
    expect(noPrize.status).toBe(422);
    expect(noPrize.body.errors).toHaveProperty('prizeKey');
    expect((await setStatus(organizer.cookie, alpha.id, 'winner', 'grand')).status).toBe(422);
    expect((await setStatus(organizer.cookie, beta.id, 'not_selected', 'first')).status).toBe(422);
    const won = await setStatus(organizer.cookie, alpha.id, 'winner', 'first');
    expect(won.body).toEqual({ id: alpha.id, status: 'winner', prizeKey: 'first' });

    // One place for the first prize: a second winner is refused and nothing changes.
    expect((await setStatus(organizer.cookie, beta.id, 'shortlisted')).status).toBe(200);
    const full = await setStatus(organizer.cookie, beta.id, 'winner', 'first');
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('prize_full');
    const [betaRow] = await db.select().from(entries).where(eq(entries.id, beta.id));
    expect([betaRow?.status, betaRow?.prizeKey]).toEqual(['shortlisted', null]);
    expect((await setStatus(organizer.cookie, beta.id, 'winner', 'second')).status).toBe(200);
    expect((await setStatus(organizer.cookie, gamma.id, 'not_selected')).status).toBe(200);
    // An entry not selected is shortlisted again before it can win.
    const direct = await setStatus(organizer.cookie, gamma.id, 'winner', 'second');
    expect(direct.body.code).toBe('winner_needs_shortlist');

    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'entry.status'));
    const alphaAudits = audits.filter((a) => a.targetId === String(alpha.id));
    expect(alphaAudits.map((a) => a.after)).toEqual([
      { status: 'shortlisted', prizeKey: null },
      { status: 'winner', prizeKey: 'first' },
    ]);
    expect(alphaAudits[1]?.before).toEqual({ status: 'shortlisted', prizeKey: null });
    // The refused change left no audit row.
    expect(audits.filter((a) => a.targetId === String(beta.id))).toHaveLength(2);
  });
});

describe('the public gallery and results', () => {
  it('hides the gallery until submissionCloses, to the second', async () => {
    clock.set(at(timeline.submissionCloses, -1));
    expect((await call('GET', `/contests/${contest.slug}/entries`)).status).toBe(404);
    clock.set(timeline.submissionCloses);
    const gallery = await call('GET', `/contests/${contest.slug}/entries`);
    expect(gallery.status).toBe(200);
    expect(gallery.body.items.map((i: Json) => i.title).sort()).toEqual(['伽马', '贝塔', '阿尔法'].sort());
    // Statuses stay internal until publication.
    expect(gallery.body.items.every((i: Json) => i.status === null && i.prizeKey === null)).toBe(true);
    expect((await call('GET', '/contests/nope/entries')).status).toBe(404);
  });

  it('hides the results until published; publishing is for organizers, once, audited', async () => {
    expect((await call('GET', `/contests/${contest.slug}/results`)).status).toBe(404);
    clock.set(at(timeline.submissionCloses, -1));
    const early = await call('POST', `/admin/contests/${contest.slug}/publish`, organizer.cookie);
    expect(early.body.code).toBe('submissions_open');
    clock.set(duringJudging);
    // 伽马 has no score: publishing needs a confirmation that names it.
    const unconfirmed = await call('POST', `/admin/contests/${contest.slug}/publish`, organizer.cookie);
    expect([unconfirmed.status, unconfirmed.body.code]).toEqual([422, 'gaps_unconfirmed']);
    expect(unconfirmed.body.errors.confirmGaps[0]).toContain('伽马');
    const published = await call('POST', `/admin/contests/${contest.slug}/publish`, organizer.cookie, {
      confirmGaps: true,
    });
    expect(published.status).toBe(201);
    expect(published.body.objectionCloses).toBe('2026-11-08T23:59:59+08:00');
    const again = await call('POST', `/admin/contests/${contest.slug}/publish`, organizer.cookie);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_published');
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'results.publish'));
    expect(audits).toHaveLength(1);

    const results = await call('GET', `/contests/${contest.slug}/results`);
    expect(results.status).toBe(200);
    expect(
      results.body.items.map((i: Json) => [
        i.title,
        i.rank,
        i.status,
        i.prizeKey,
        i.mean,
        i.scoredBy,
        i.judgeCount,
      ]),
    ).toEqual([
      ['阿尔法', 1, 'winner', 'first', 96, 1, 1],
      ['贝塔', 2, 'winner', 'second', 80, 1, 1],
      ['伽马', null, 'not_selected', null, null, 0, 1],
    ]);
    expect(results.body.rubric).toEqual([
      { key: 'innovation', weight: 40, max: 10 },
      { key: 'impact', weight: 60, max: 5 },
    ]);
    const text = JSON.stringify(results.body);
    expect(text).not.toContain('评委甲');
    expect(text).not.toContain(judge.user.email);
    expect(text).not.toContain('judgeId');

    // Results are frozen: no more status changes, judge changes or scores.
    expect((await setStatus(organizer.cookie, gamma.id, 'shortlisted')).body.code).toBe('results_published');
    const assign = await call('POST', `/admin/contests/${contest.slug}/judges`, organizer.cookie, {
      email: organizer.user.email,
    });
    expect(assign.body.code).toBe('results_published');
    const score = await call('PUT', `/judge/entries/${gamma.id}/scores`, judge.cookie, {
      scores: { innovation: { score: 1 }, impact: { score: 1 } },
    });
    expect(score.body.code).toBe('judging_closed');
    // The gallery now shows statuses.
    const gallery = await call('GET', `/contests/${contest.slug}/entries`);
    expect(gallery.body.items.find((i: Json) => i.id === alpha.id).status).toBe('winner');
  });
});

describe('公示 objections', () => {
  const closes = () => new Date('2026-11-08T23:59:59+08:00');

  it('are filed by signed-in users only during the window, to the second', async () => {
    const citizen = await person('founder', '张公示');
    const body = { realName: '张三', reason: '该作品的演示地址无法访问，请核实。', entryId: alpha.id };
    expect((await call('POST', `/contests/${contest.slug}/objections`, undefined, body)).status).toBe(401);
    // Not published yet in the other contest: closed.
    const unpublished = await call('POST', `/contests/${other.slug}/objections`, citizen.cookie, {
      realName: '张三',
      reason: '还没有公布结果的赛事。',
    });
    expect(unpublished.body.code).toBe('objection_closed');
    const wrongEntry = await call('POST', `/contests/${contest.slug}/objections`, citizen.cookie, {
      ...body,
      entryId: foreign.id,
    });
    expect(wrongEntry.status).toBe(422);
    expect(wrongEntry.body.errors).toHaveProperty('entryId');

    clock.set(at(closes(), -1));
    const filed = await call('POST', `/contests/${contest.slug}/objections`, citizen.cookie, body);
    expect(filed.status).toBe(201);
    clock.set(closes());
    const late = await call('POST', `/contests/${contest.slug}/objections`, citizen.cookie, body);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('objection_closed');
    expect(await db.select().from(objections)).toHaveLength(1);
  });

  it('show the reason, entry and answer publicly, and the objector only to organizers', async () => {
    const [objection] = await db.select().from(objections);
    if (!objection) throw new Error('no objection');
    const pub = await call('GET', `/contests/${contest.slug}/results`);
    expect(pub.body.objections).toEqual([
      expect.objectContaining({
        id: objection.id,
        entryId: alpha.id,
        entryTitle: '阿尔法',
        status: 'open',
        answer: null,
      }),
    ]);
    const text = JSON.stringify(pub.body);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('张公示');
    expect(text).not.toContain('realName');

    const founder = await person();
    expect((await call('GET', `/admin/contests/${contest.slug}/objections`, founder.cookie)).status).toBe(
      403,
    );
    const admin = await call('GET', `/admin/contests/${contest.slug}/objections`, organizer.cookie);
    expect(admin.body.items[0]).toMatchObject({ realName: '张三', userName: '张公示' });

    const answer = { answer: '经核实，演示地址已恢复，维持原结果。' };
    expect(
      (await call('POST', `/admin/objections/${objection.id}/answer`, founder.cookie, answer)).status,
    ).toBe(403);
    const answered = await call('POST', `/admin/objections/${objection.id}/answer`, organizer.cookie, answer);
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('resolved');
    const after = await call('GET', `/contests/${contest.slug}/results`);
    expect(after.body.objections[0]).toMatchObject({ status: 'resolved', answer: answer.answer });
    expect(after.body.objectionOpen).toBe(true);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'objection.answer'));
    expect(audit[0]?.after).toEqual({ status: 'resolved', answer: answer.answer });
    expect((await call('POST', '/admin/objections/999999/answer', organizer.cookie, answer)).status).toBe(
      404,
    );
  });

  it('keep a single publication row', async () => {
    expect(
      await db.select().from(resultPublications).where(eq(resultPublications.contestSlug, contest.slug)),
    ).toHaveLength(1);
  });
});
