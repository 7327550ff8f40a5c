/**
 * The organizer's side of results on a real database: a judge is mailed when assigned; a winner and
 * prize are set in one step from submitted (both transitions audited); the preview names entries
 * nobody scored and judges who have not started, and is what publishing stores; publishing with
 * those gaps is refused without a confirmation naming them; a publication is withdrawn with a reason
 * during its window (the row moves, scoring unfreezes, the public state says withdrawn) and refused
 * after it; two withdrawals racing leave one withdrawal row, where a read-then-write version leaves two.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestUser } from '~/functions/context';
import type { Db } from '~/functions/db/client';
import {
  auditLog,
  entries,
  objections,
  outbox,
  resultPublications,
  resultWithdrawals,
} from '~/functions/db/schema';
import { isAppError } from '~/functions/lib/errors';
import { WithdrawResults } from '~/functions/schemas/results';
import { getResultsState } from '~/functions/services/judging/get-results';
import { listContestEntries } from '~/functions/services/judging/list-contest-entries';
import { withdrawResults } from '~/functions/services/judging/withdraw-results';
import { apiCaller, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { serviceContext } from '../factories/db';
import { assignJudgeRow, insertEntry, insertScores } from '../factories/judging';
import { insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';
import { beforeFirstBatch } from '../helpers/before-first-batch';

const prizes = [
  { key: 'first', name: { zh: '一等奖', en: 'First prize' }, count: 1, award: { zh: '奖金', en: 'Cash' } },
  { key: 'second', name: { zh: '二等奖', en: 'Second prize' }, count: 2, award: { zh: '奖金', en: 'Cash' } },
];
const contest = buildContest('preview-contest', { prizes });
const race = buildContest('race-contest', { prizes });
const naive = buildContest('naive-contest', { prizes });
const catalog = buildCatalog({ contests: [contest, race, naive] });
const DAY = 86_400_000;
const duringJudging = new Date(contest.timeline.submissionCloses.getTime() + DAY);
const { app, db, clock } = await testApp({ catalog, now: duringJudging.toISOString() });
const call = apiCaller(app);

async function person(role: RequestUser['role'] = 'founder', overrides = {}) {
  const user = await insertUser(db, { role, ...overrides });
  const requestUser: RequestUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    emailVerified: true,
  };
  return { user, requestUser, cookie: await sessionCookieFor(db, user.id) };
}
const organizer = await person('organizer');
const ctxOf = (now: Date, database: Db = db) =>
  serviceContext(database, catalog, now, { user: organizer.requestUser });
async function entryIn(slug: string, title: string) {
  const team = await insertTeam(db, (await insertUser(db)).id, { contestSlug: slug, name: `${title}队` });
  return insertEntry(db, team, { title });
}
const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return { status: err.status, code: err.code, params: err.params };
    throw err;
  }
  throw new Error('expected a refusal');
};

// Two judges: 周评委 scores alpha; 吴评委 has not started. Beta has no score at all.
const scorer = await person('founder', { name: '周评委' });
const idle = await person('founder', { name: '吴评委' });
await assignJudgeRow(db, contest.slug, scorer.user.id);
await assignJudgeRow(db, contest.slug, idle.user.id);
const alpha = await entryIn(contest.slug, '阿尔法');
const beta = await entryIn(contest.slug, '贝塔');
await insertScores(db, alpha.id, scorer.user.id, { innovation: 9, impact: 4 });

beforeEach(() => clock.set(duringJudging));

describe('assigning a judge', () => {
  it('mails the judge in their language with the contest and a link to their entries, once', async () => {
    const english = await person('founder', { name: 'Lee', locale: 'en' });
    const chinese = await person('founder', { name: '郑评委' });
    for (const judge of [english, chinese]) {
      const res = await call('POST', `/admin/contests/${race.slug}/judges`, organizer.cookie, {
        email: judge.user.email,
      });
      expect(res.status).toBe(201);
    }
    const [en] = await db.select().from(outbox).where(eq(outbox.toEmail, english.user.email));
    expect(en?.locale).toBe('en');
    expect(en?.subject).toBe('You are a judge of Test contest');
    expect(en?.body).toContain('Hello Lee,');
    expect(en?.body).toContain(`/en/judge/contests/${race.slug}`);
    const [zh] = await db.select().from(outbox).where(eq(outbox.toEmail, chinese.user.email));
    expect(zh?.subject).toBe('你已被指派为「测试大赛」的评委');
    expect(zh?.body).toContain('郑评委，你好');
    expect(zh?.body).toMatch(new RegExp(`https?://[^/]+/judge/contests/${race.slug}`));
    // Assigning again is refused and mails nothing more.
    const again = await call('POST', `/admin/contests/${race.slug}/judges`, organizer.cookie, {
      email: chinese.user.email,
    });
    expect(again.status).toBe(409);
    expect(await db.select().from(outbox).where(eq(outbox.toEmail, chinese.user.email))).toHaveLength(1);
  });
});

describe('a winner and prize in one step', () => {
  it('makes a submitted entry a winner, shortlisting it on the way, with both transitions audited', async () => {
    const res = await call('PATCH', `/admin/entries/${alpha.id}`, organizer.cookie, {
      status: 'winner',
      prizeKey: 'first',
    });
    expect(res.body).toEqual({ id: alpha.id, status: 'winner', prizeKey: 'first' });
    const audits = await db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'entry.status'), eq(auditLog.targetId, String(alpha.id))));
    expect(audits).toEqual([
      {
        before: { status: 'submitted', prizeKey: null },
        after: { status: 'shortlisted', prizeKey: null },
      },
      { before: { status: 'shortlisted', prizeKey: null }, after: { status: 'winner', prizeKey: 'first' } },
    ]);
  });
});

describe('previewing and publishing', () => {
  it('names the gaps, refuses to publish them unconfirmed or changed, and publishes the preview', async () => {
    const { preview } = await listContestEntries({
      ctx: ctxOf(duringJudging),
      input: { slug: contest.slug },
    });
    expect(preview.gaps.unscored.map((e) => e.title)).toEqual(['贝塔']);
    expect(preview.gaps.idleJudges.map((j) => j.name)).toEqual(['吴评委']);
    // The prize column of the preview is the prize; beta is unranked.
    expect(preview.results.items.map((i) => [i.entry.title, i.rank, i.prizeKey])).toEqual([
      ['阿尔法', 1, 'first'],
      ['贝塔', null, null],
    ]);

    const publish = (body?: unknown, headers: Record<string, string> = {}) =>
      call('POST', `/admin/contests/${contest.slug}/publish`, organizer.cookie, body, headers);
    const unconfirmed = await publish();
    expect([unconfirmed.status, unconfirmed.body.code]).toEqual([422, 'gaps_unconfirmed']);
    expect(unconfirmed.body.errors.confirmGaps[0]).toContain('作品「贝塔」尚无评分');
    expect(unconfirmed.body.errors.confirmGaps[0]).toContain('评委 吴评委 尚未开始评分');
    const english = await publish({ confirmGaps: false }, { 'accept-language': 'en' });
    expect(english.body.errors.confirmGaps[0]).toContain('entry “贝塔” has no score');
    const stale = await publish({ confirmGaps: true, gapsSeen: `e${beta.id}|` });
    expect([stale.status, stale.body.code]).toEqual([409, 'gaps_changed']);
    expect(await db.select().from(resultPublications)).toHaveLength(0);

    const published = await publish({ confirmGaps: true, gapsSeen: preview.gapsKey });
    expect(published.status).toBe(201);
    const [row] = await db.select().from(resultPublications);
    expect(row?.results).toEqual(preview.results);
  });
});

describe('withdrawing a publication', () => {
  it('moves the row with its reason, unfreezes scoring, says withdrawn publicly, and republishes', async () => {
    const [publication] = await db.select().from(resultPublications);
    if (!publication) throw new Error('published by the previous test');
    const scoreBeta = () =>
      call('PUT', `/judge/entries/${beta.id}/scores`, idle.cookie, {
        scores: { innovation: { score: 6 }, impact: { score: 3 } },
      });
    // Publication ends scoring (and the database would refuse the write too).
    expect((await scoreBeta()).body.code).toBe('judging_closed');
    expect(WithdrawResults.safeParse({ reason: '短' }).success).toBe(false);

    // An objection to the first publication: it is about results that will be withdrawn.
    await db.insert(objections).values({
      contestSlug: contest.slug,
      realName: '张先生',
      reason: '第一次发布的评分汇总有误。',
      createdAt: new Date(publication.publishedAt.getTime() + 30_000),
    });
    const withdrawnAt = new Date(duringJudging.getTime() + 60_000);
    clock.set(withdrawnAt);
    const reason = '评分汇总有误，核对后重新发布。';
    await withdrawResults({ ctx: ctxOf(withdrawnAt), input: { slug: contest.slug, reason } });
    expect(await db.select().from(resultPublications)).toHaveLength(0);
    const moved = await db.select().from(resultWithdrawals);
    expect(moved).toEqual([
      {
        id: expect.any(Number),
        contestSlug: contest.slug,
        publishedAt: publication.publishedAt,
        withdrawnAt,
        withdrawnBy: organizer.user.id,
        reason,
      },
    ]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'results.withdraw'));
    expect(audits.map((a) => a.after)).toEqual([{ withdrawnAt: withdrawnAt.toISOString(), reason }]);

    // Scoring and statuses are open again; the public state is the withdrawal; the API says 404.
    expect((await scoreBeta()).status).toBe(200);
    const state = await getResultsState({ ctx: ctxOf(withdrawnAt), input: { slug: contest.slug } });
    expect(state.kind).toBe('withdrawn');
    if (state.kind === 'withdrawn')
      expect(state.withdrawal).toEqual({ publishedAt: publication.publishedAt, withdrawnAt, reason });
    expect((await call('GET', `/contests/${contest.slug}/results`)).status).toBe(404);
    expect(
      await failure(withdrawResults({ ctx: ctxOf(withdrawnAt), input: { slug: contest.slug, reason } })),
    ).toMatchObject({
      status: 409,
      code: 'results_not_published',
    });

    // Published again (no gaps now), the public state is the new publication.
    const again = await call('POST', `/admin/contests/${contest.slug}/publish`, organizer.cookie);
    expect(again.status).toBe(201);
    const republished = await getResultsState({ ctx: ctxOf(withdrawnAt), input: { slug: contest.slug } });
    expect(republished.kind).toBe('published');
    // The objection to the withdrawn publication is not shown beside the new results.
    if (republished.kind === 'published') expect(republished.results.objections).toEqual([]);
  });

  it('is refused once the objection window has closed, with the closing time', async () => {
    const [publication] = await db.select().from(resultPublications);
    if (!publication) throw new Error('republished by the previous test');
    const closes = new Date(publication.publishedAt.getTime() + contest.objectionDays * DAY);
    const late = await failure(
      withdrawResults({ ctx: ctxOf(closes), input: { slug: contest.slug, reason: '公示期后再撤回。' } }),
    );
    expect(late).toMatchObject({ status: 409, code: 'withdraw_window_closed' });
    expect(String(late.params.closes)).toMatch(/\d/);
    expect(await db.select().from(resultPublications)).toHaveLength(1);
    // One second earlier it is still open (here through the API, which wants a reason).
    clock.set(new Date(closes.getTime() - 1000));
    const withdraw = (body: unknown) =>
      call('POST', `/admin/contests/${contest.slug}/withdraw`, organizer.cookie, body);
    const noReason = await withdraw({ reason: '  ' });
    expect([noReason.status, Object.keys(noReason.body.errors)]).toEqual([422, ['reason']]);
    const api = await withdraw({ reason: '公示期最后一秒撤回。' });
    expect(api.status).toBe(200);
    expect(new Date(api.body.withdrawnAt).getTime()).toBe(closes.getTime() - 1000);
    expect(api.body.withdrawnAt).toMatch(/\+08:00$/);
    expect(await db.select().from(resultPublications)).toHaveLength(0);
  });
});

describe('two withdrawals at once', () => {
  async function published(slug: string) {
    await entryIn(slug, `${slug}作品`);
    await db
      .insert(resultPublications)
      .values({ contestSlug: slug, publishedAt: duringJudging, results: null });
  }

  it('leave one withdrawal row: the second finds nothing to move and is refused', async () => {
    await published(race.slug);
    const input = { slug: race.slug, reason: '两位组织者同时撤回。' };
    // B runs completely between A's read of the publication and A's batch.
    let second: unknown = null;
    const racing = beforeFirstBatch(db, async () => {
      second = await withdrawResults({ ctx: ctxOf(duringJudging), input });
    });
    const first = await failure(withdrawResults({ ctx: ctxOf(duringJudging, racing), input }));
    expect(second).toMatchObject({ withdrawnAt: duringJudging });
    expect(first).toMatchObject({ status: 409, code: 'results_not_published' });
    expect(
      await db.select().from(resultWithdrawals).where(eq(resultWithdrawals.contestSlug, race.slug)),
    ).toHaveLength(1);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'results.withdraw'), eq(auditLog.targetId, race.slug)));
    expect(audits).toHaveLength(1);
  });

  it('would leave two rows if written as read-then-write (what the conditional INSERT … SELECT prevents)', async () => {
    await published(naive.slug);
    const readThenWrite = async (database: Db) => {
      const [row] = await database
        .select()
        .from(resultPublications)
        .where(eq(resultPublications.contestSlug, naive.slug));
      if (!row) throw new Error('not published');
      await database.batch([
        database.insert(resultWithdrawals).values({
          contestSlug: naive.slug,
          publishedAt: row.publishedAt,
          withdrawnAt: duringJudging,
          withdrawnBy: organizer.user.id,
          reason: '读后写',
        }),
        database.delete(resultPublications).where(eq(resultPublications.contestSlug, naive.slug)),
      ]);
    };
    await readThenWrite(beforeFirstBatch(db, () => readThenWrite(db)));
    expect(
      await db.select().from(resultWithdrawals).where(eq(resultWithdrawals.contestSlug, naive.slug)),
    ).toHaveLength(2);
  });
});

describe('entries stay as they were', () => {
  it('keeps the winner set in one step through publication and withdrawal', async () => {
    const [row] = await db.select().from(entries).where(eq(entries.id, alpha.id));
    expect([row?.status, row?.prizeKey]).toEqual(['winner', 'first']);
  });
});
