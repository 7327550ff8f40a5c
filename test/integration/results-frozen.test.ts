/**
 * Published results are frozen at publication (decision 011): the public results, the API and the
 * organizers' aggregates read the copy stored with the publication, so a recused judge deleting
 * their account (which drops the conflict the recusal came from) changes nothing published; and the
 * database refuses every write to scores, judge assignments and entry statuses of a published
 * contest, so a write racing with publication is refused (409) or landed before and is in the copy.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import type { Contest } from '~/functions/content/catalog';
import type { RequestUser } from '~/functions/context';
import type { Db } from '~/functions/db/client';
import { sqliteFailure } from '~/functions/db/errors';
import { auditLog, entries, judgeAssignments, resultPublications, scores } from '~/functions/db/schema';
import { assignJudge } from '~/functions/services/judging/assign-judge';
import { getResults } from '~/functions/services/judging/get-results';
import { publishResults } from '~/functions/services/judging/publish-results';
import { removeJudge } from '~/functions/services/judging/remove-judge';
import { saveScores } from '~/functions/services/judging/save-scores';
import { setEntryStatus } from '~/functions/services/judging/set-entry-status';
import { apiCaller, type Json, testApp } from '../factories/app';
import { postJson } from '../factories/auth';
import { buildCatalog, buildContest } from '../factories/catalog';
import { serviceContext, testConfig } from '../factories/db';
import { assignJudgeRow, insertEntry, insertScores } from '../factories/judging';
import { insertCompany, insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const recusal = buildContest('recusal-contest');
const locked = buildContest('locked-contest');
const interleaved = ['save', 'assign', 'remove', 'status', 'publish'].map((k) => buildContest(`race-${k}`));
const parallel = Array.from({ length: 6 }, (_, i) => buildContest(`parallel-${i}`));
const catalog = buildCatalog({ contests: [recusal, locked, ...interleaved, ...parallel] });
const during = new Date('2026-11-10T10:00:00+08:00'); // scoring open (factory timeline)
const after = new Date('2026-11-25T10:00:00+08:00'); // judging closed
const { app, db, config } = await testApp({
  catalog,
  now: after.toISOString(),
  config: testConfig({ rateLimits: false }),
});
const call = apiCaller(app);
const PASSWORD = 'river-lantern-2026';
const hasher = createPasswordHasher(config.passwordPepper, 1000);

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

async function person(role: RequestUser['role'] = 'founder') {
  const user = await insertUser(db, { role, passwordHash: await hasher.hash(PASSWORD) });
  const requestUser: RequestUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    emailVerified: true,
  };
  return { user, requestUser, cookie: await sessionCookieFor(db, user.id) };
}
const ctxOf = (who: { requestUser: RequestUser } | null, now: Date, database: Db = db) =>
  serviceContext(database, catalog, now, { user: who?.requestUser ?? null, config });
async function entryIn(contest: Contest, title: string, overrides = {}) {
  const team = await insertTeam(db, (await insertUser(db)).id, {
    contestSlug: contest.slug,
    name: `${title}队`,
    ...overrides,
  });
  return insertEntry(db, team, { title });
}
const sheet = (innovation: number, impact: number) => ({
  scores: { innovation: { score: innovation, comment: '' }, impact: { score: impact, comment: '' } },
});

/** The same database with `hook` run once before its `nth` batch: a write of someone else lands there. */
function interleave(database: Db, nth: number, hook: () => Promise<unknown>) {
  let calls = 0;
  const state = { ran: false };
  const proxy = new Proxy(database, {
    get(target, key, receiver) {
      if (key !== 'batch') return Reflect.get(target, key, receiver);
      return async (queries: Parameters<Db['batch']>[0]) => {
        calls += 1;
        if (calls === nth) {
          state.ran = true;
          await hook();
        }
        return target.batch(queries);
      };
    },
  });
  return { db: proxy, state };
}

const organizer = await person('organizer');

describe('a recused judge deleting their account after publication', () => {
  it('leaves the public results, the API answer, the organizers’ aggregates and the CSV as published', async () => {
    // Judge R owns the company Alpha's team entered with: R is recused from Alpha. R's scores of
    // Alpha were written before the company was linked (the API would refuse them now).
    const recused = await person();
    const other = await person();
    for (const judge of [recused, other]) await assignJudgeRow(db, recusal.slug, judge.user.id);
    const company = await insertCompany(db, recused.user.id);
    const alpha = await entryIn(recusal, '阿尔法', { companyId: company.id });
    const beta = await entryIn(recusal, '贝塔');
    await insertScores(db, alpha.id, recused.user.id, { innovation: 1, impact: 1 });
    await insertScores(db, alpha.id, other.user.id, { innovation: 8, impact: 4 });
    await insertScores(db, beta.id, recused.user.id, { innovation: 7, impact: 4 });
    await insertScores(db, beta.id, other.user.id, { innovation: 6, impact: 4 });

    const published = await call('POST', `/admin/contests/${recusal.slug}/publish`, organizer.cookie);
    expect(published.status).toBe(201);
    const api = async () => (await call('GET', `/contests/${recusal.slug}/results`)).body;
    const service = () => getResults({ ctx: ctxOf(null, after), input: { slug: recusal.slug } });
    const admin = async () =>
      (await call('GET', `/admin/contests/${recusal.slug}/entries`, organizer.cookie)).body.items.map(
        (e: Json) => [e.title, e.mean, e.median, e.scoredBy, e.judgeCount, e.rank],
      );
    const csvAggregates = async () => {
      const res = await app.request(`/api/v1/admin/contests/${recusal.slug}/export.csv`, {
        headers: { cookie: organizer.cookie },
      });
      // The published columns: status, prize, mean, median, n of m and rank (not the judges' cells,
      // whose names go with the account).
      return (await res.text())
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(','))
        .map((cells) => [...cells.slice(7, 9), ...cells.slice(-4)]);
    };
    const before = {
      api: await api(),
      service: await service(),
      admin: await admin(),
      csv: await csvAggregates(),
    };
    // Alpha: only the other judge counts (1 of 1, mean 80); beta: both (2 of 2, mean 74). Counting
    // R's 16 for alpha would put it second.
    expect(before.api.items.map((i: Json) => [i.title, i.rank, i.mean, i.scoredBy, i.judgeCount])).toEqual([
      ['阿尔法', 1, 80, 1, 1],
      ['贝塔', 2, 74, 2, 2],
    ]);

    const deleted = await postJson(
      app,
      '/api/v1/me',
      { password: PASSWORD },
      { cookie: recused.cookie, method: 'DELETE' },
    );
    expect(deleted.status).toBe(204);

    expect(JSON.stringify(await api())).toBe(JSON.stringify(before.api));
    expect(JSON.stringify(await service())).toBe(JSON.stringify(before.service));
    expect(await admin()).toEqual(before.admin);
    expect(await csvAggregates()).toEqual(before.csv);
  });
});

describe('after publication the database', () => {
  const refusal = (write: PromiseLike<unknown>) =>
    Promise.resolve(write).then(
      () => 'written',
      (err) => sqliteFailure(err)?.message ?? String(err),
    );

  it('refuses writes to scores, judge assignments and entry statuses, and the services answer 409', async () => {
    const judge = await person();
    const newcomer = await person();
    await assignJudgeRow(db, locked.slug, judge.user.id);
    const alpha = await entryIn(locked, '阿尔法');
    await insertScores(db, alpha.id, judge.user.id, { innovation: 5, impact: 3 });
    await publishResults({ ctx: ctxOf(organizer, after), input: { slug: locked.slug } });

    const writes = {
      'insert a score': insertScores(db, alpha.id, newcomer.user.id, { innovation: 1, impact: 1 }),
      'change a score': db.update(scores).set({ score: 10 }).where(eq(scores.entryId, alpha.id)),
      'delete a score': db.delete(scores).where(eq(scores.entryId, alpha.id)),
      'assign a judge': assignJudgeRow(db, locked.slug, newcomer.user.id),
      'remove a judge': db.delete(judgeAssignments).where(eq(judgeAssignments.contestSlug, locked.slug)),
      'move a judge': db
        .update(judgeAssignments)
        .set({ userId: newcomer.user.id })
        .where(eq(judgeAssignments.contestSlug, locked.slug)),
      'change a status': db.update(entries).set({ status: 'shortlisted' }).where(eq(entries.id, alpha.id)),
      'award a prize': db
        .update(entries)
        .set({ status: 'winner', prizeKey: 'first' })
        .where(eq(entries.id, alpha.id)),
      'add an entry': entryIn(locked, '迟到的作品'),
      'rewrite the stored results': db
        .update(resultPublications)
        .set({ results: { judgeCount: 0, items: [] } })
        .where(eq(resultPublications.contestSlug, locked.slug)),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, write] of Object.entries(writes)) outcomes[name] = await refusal(write);
    for (const [name, outcome] of Object.entries(outcomes)) {
      expect({ name, outcome }).toEqual({ name, outcome: expect.stringContaining('results_published') });
    }

    const save = await call('PUT', `/judge/entries/${alpha.id}/scores`, judge.cookie, sheet(9, 5));
    expect(save.status).toBe(409);
    const assign = await call('POST', `/admin/contests/${locked.slug}/judges`, organizer.cookie, {
      email: newcomer.user.email,
    });
    expect([assign.status, assign.body.code]).toEqual([409, 'results_published']);
  });
});

describe('a write racing with publication', () => {
  /** Publishes `contest` between the service's read and its write (its `nth` batch). */
  const publishBefore = (contest: Contest, nth: number) =>
    interleave(db, nth, () =>
      publishResults({ ctx: ctxOf(organizer, after), input: { slug: contest.slug, confirmGaps: true } }),
    );
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'done',
      (err) => `${err?.status ?? 500} ${err?.code ?? String(err)}`,
    );

  it('is refused by the database and answered 409 when it comes after the publication', async () => {
    const [saveContest, assignContest, removeContest, statusContest] = interleaved as [
      Contest,
      Contest,
      Contest,
      Contest,
    ];
    const judge = await person();
    const newcomer = await person();
    for (const c of [saveContest, removeContest]) await assignJudgeRow(db, c.slug, judge.user.id);
    const toScore = await entryIn(saveContest, '待评作品');
    const toDecide = await entryIn(statusContest, '待定作品');

    // Scoring is open at `during`; the organizers' actions run after judging closed.
    const saving = publishBefore(saveContest, 2);
    const saved = await code(
      saveScores({ ctx: ctxOf(judge, during, saving.db), input: { entryId: toScore.id, ...sheet(9, 5) } }),
    );
    const assigning = publishBefore(assignContest, 2);
    const assigned = await code(
      assignJudge({
        ctx: ctxOf(organizer, after, assigning.db),
        input: { contestSlug: assignContest.slug, email: newcomer.user.email },
      }),
    );
    const removing = publishBefore(removeContest, 2);
    const removed = await code(
      removeJudge({
        ctx: ctxOf(organizer, after, removing.db),
        input: { contestSlug: removeContest.slug, userId: judge.user.id },
      }),
    );
    const deciding = publishBefore(statusContest, 2);
    const decided = await code(
      setEntryStatus({
        ctx: ctxOf(organizer, after, deciding.db),
        input: { entryId: toDecide.id, status: 'shortlisted' },
      }),
    );
    expect([saving, assigning, removing, deciding].map((i) => i.state.ran)).toEqual([true, true, true, true]);
    expect({ saved, assigned, removed, decided }).toEqual({
      saved: '409 results_published',
      assigned: '409 results_published',
      removed: '409 results_published',
      decided: '409 results_published',
    });
    expect(await db.select().from(scores).where(eq(scores.entryId, toScore.id))).toEqual([]);
    const [decidedRow] = await db.select().from(entries).where(eq(entries.id, toDecide.id));
    expect(decidedRow?.status).toBe('submitted');
  });

  it('lands in the frozen copy when it commits between the publisher’s read and its write', async () => {
    const contest = interleaved[4] as Contest;
    const judge = await person();
    await assignJudgeRow(db, contest.slug, judge.user.id);
    const entry = await entryIn(contest, '最后一刻');
    let saved = 'not run';
    const { db: racing, state } = interleave(db, 2, async () => {
      saved = await code(
        saveScores({ ctx: ctxOf(judge, during), input: { entryId: entry.id, ...sheet(10, 5) } }),
      );
    });
    await publishResults({
      ctx: ctxOf(organizer, after, racing),
      input: { slug: contest.slug, confirmGaps: true },
    });
    expect(state.ran).toBe(true);
    expect(saved).toBe('done');
    const results = await getResults({ ctx: ctxOf(null, after), input: { slug: contest.slug } });
    expect(results.items.map((i) => [i.entry.title, i.mean, i.scoredBy, i.judgeCount])).toEqual([
      ['最后一刻', 100, 1, 1],
    ]);
  });

  it('never leaves a published result that differs from the frozen one, run in parallel', async () => {
    for (const [index, contest] of parallel.entries()) {
      const judge = await person();
      await assignJudgeRow(db, contest.slug, judge.user.id);
      const entry = await entryIn(contest, `并发${index}`);
      await insertScores(db, entry.id, judge.user.id, { innovation: 2, impact: 1 });
      const publish = () => publishResults({ ctx: ctxOf(organizer, after), input: { slug: contest.slug } });
      const save = () =>
        saveScores({ ctx: ctxOf(judge, during), input: { entryId: entry.id, ...sheet(10, 5) } });
      // Both started in the same tick, either first, or one a few milliseconds later.
      const pause = () => new Promise((resolve) => setTimeout(resolve, 1 + (index % 3)));
      const orders = [
        () => [publish(), save()] as const,
        () => {
          const saving = save();
          return [publish(), saving] as const;
        },
        () => [publish(), pause().then(save)] as const,
        () => [pause().then(publish), save()] as const,
      ];
      const [published, saved] = await Promise.allSettled(
        (orders[index % orders.length] as () => readonly [Promise<unknown>, Promise<unknown>])(),
      );
      expect(published.status).toBe('fulfilled');
      const results = await getResults({ ctx: ctxOf(null, after), input: { slug: contest.slug } });
      const rows = await db
        .select({ score: scores.score })
        .from(scores)
        .where(eq(scores.entryId, entry.id))
        .orderBy(scores.criterion);
      const audits = await db
        .select({ id: auditLog.id, action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.targetId, saved.status === 'fulfilled' ? String(entry.id) : contest.slug)));
      const publication = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'results.publish'), eq(auditLog.targetId, contest.slug)));
      const mean = results.items[0]?.mean;
      if (saved.status === 'fulfilled') {
        // The save committed before the publication, and the frozen copy has it.
        const saveAudit = audits.find((a) => a.action === 'score.save');
        expect(saveAudit && publication[0] && saveAudit.id < publication[0].id).toBe(true);
        expect([mean, rows.map((r) => r.score)]).toEqual([100, [5, 10]]);
      } else {
        expect((saved.reason as { status?: number }).status).toBe(409);
        expect([mean, rows.map((r) => r.score)]).toEqual([20, [1, 2]]);
      }
    }
    // Nothing was published twice.
    const publications = await db.select().from(resultPublications);
    expect(publications.filter((p) => p.contestSlug.startsWith('parallel-'))).toHaveLength(parallel.length);
  });
});
