/**
 * The organizer's results journey in Chromium on the built Worker, with a second Worker on the same
 * database whose clock stands after the demo contest's submissionCloses: the organizer opens the
 * entries table and an entry's full text, makes a submitted entry the first prize in one step,
 * previews the results (the public table, the unscored entries and the judge who has not started,
 * named), is refused publishing without the confirmation, publishes with it, sees the public page
 * with prizes and reasons, withdraws with a reason, and the public page says withdrawn. Chinese at
 * 360 px and English at 1280 px, axe clean. The demo contest is restored afterwards; the judging
 * journey, which publishes the same contest, waits for it (contest-lock.ts).
 */

import { and, asc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import {
  auditLog,
  entries,
  judgeAssignments,
  objections,
  resultPublications,
  resultWithdrawals,
  scores,
  users,
} from '~/functions/db/schema';
import { waitForHealth } from '../../scripts/lib/local-stack';
import { freePort, startWorker, type WorkerProcess } from '../../scripts/lib/worker-process';
import { assignJudgeRow, insertScores } from '../factories/judging';
import { insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import { axeViolations, launchBrowser, overflowsHorizontally } from './browser';
import { lockContest } from './contest-lock';

const CONTEST = 'agent-innovation-2026';
const JUDGING_NOW = new Date('2030-09-01T00:00:01+08:00');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
let browser: Browser;
let worker: WorkerProcess;
let unlock: (() => Promise<void>) | null = null;
const contexts: BrowserContext[] = [];
const createdJudges: number[] = [];

async function restoreContest() {
  await db.delete(resultPublications).where(eq(resultPublications.contestSlug, CONTEST));
  await db.delete(resultWithdrawals).where(eq(resultWithdrawals.contestSlug, CONTEST));
  await db.delete(objections).where(eq(objections.contestSlug, CONTEST));
  await db
    .update(entries)
    .set({ status: 'submitted', prizeKey: null })
    .where(eq(entries.contestSlug, CONTEST));
  for (const judgeId of createdJudges) {
    await db.delete(scores).where(eq(scores.judgeId, judgeId));
    await db
      .delete(judgeAssignments)
      .where(and(eq(judgeAssignments.contestSlug, CONTEST), eq(judgeAssignments.userId, judgeId)));
  }
}

async function newPage(width: number, cookieFor?: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  contexts.push(context);
  if (cookieFor !== undefined) {
    const { token } = await createSession(db, cookieFor, JUDGING_NOW);
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: worker.url }]);
  }
  return context.newPage();
}

async function clean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await overflowsHorizontally(page)).toBe(false);
}

beforeAll(async () => {
  unlock = await lockContest(inject('workerDbFile'), CONTEST);
  browser = await launchBrowser();
  await restoreContest();
  worker = startWorker({
    port: await freePort(),
    databaseUrl: new URL(inject('workerDbUrl')).toString(),
    vars: { ...WORKER_VARS, TEST_NOW: JUDGING_NOW.toISOString() },
    quiet: true,
    configPath: inject('workerConfigPath'),
  });
  await waitForHealth(worker.url, 90_000);
}, 500_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await worker?.stop();
  await restoreContest();
  await unlock?.();
});

describe('organizer journeys', () => {
  it('previews, publishes with the gaps confirmed, shows prizes, withdraws with a reason', async () => {
    const base = worker.url;
    const contestEntries = await db
      .select({ id: entries.id, title: entries.title, summary: entries.summary, demoUrl: entries.demoUrl })
      .from(entries)
      .where(eq(entries.contestSlug, CONTEST))
      .orderBy(asc(entries.id));
    const [winner, ...others] = contestEntries;
    if (!winner || others.length === 0) throw new Error('the demo contest needs two entries');
    // A judge of this test scored the first entry; the demo judge judge1 has not started.
    const scorer = await insertUser(db, {
      name: '评委小林',
      email: `e2e-organizer-judge-${Math.random().toString(36).slice(2)}@example.com`,
    });
    createdJudges.push(scorer.id);
    await assignJudgeRow(db, CONTEST, scorer.id);
    await insertScores(db, winner.id, scorer.id, {
      innovation: 9,
      'scenario-value': 8,
      technical: 8,
      feasibility: 7,
      demo: 9,
    });
    const [idleJudge] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.email, 'judge1@example.com'));
    if (!idleJudge) throw new Error('the demo judge judge1 is missing');
    const organizer = await insertUser(db, {
      name: '组委会小陈',
      role: 'organizer',
      email: `e2e-organizer-${Math.random().toString(36).slice(2)}@example.com`,
    });
    const admin = await newPage(360, organizer.id);
    const self = `${base}/admin/contests/${CONTEST}`;

    // The entries table; an entry opens to its full text and links.
    await admin.goto(self);
    const row = admin.locator(`#entry-${winner.id}`);
    expect(await row.locator('details.entry-text').isVisible()).toBe(true);
    expect(await row.locator('details.entry-text p').first().isVisible()).toBe(false);
    await row.locator('details.entry-text summary').click();
    const fullText = (await row.locator('details.entry-text').textContent()) ?? '';
    expect(fullText).toContain(winner.summary.split('\n')[0]?.slice(0, 20) ?? '');
    if (winner.demoUrl) {
      expect(
        await row.locator(`details.entry-text a[href="${winner.demoUrl}"]`).getAttribute('rel'),
      ).toContain('nofollow');
    }
    await clean(admin);

    // A submitted entry becomes the first prize in one step.
    await admin.selectOption(`#status-${winner.id}`, 'winner');
    await admin.selectOption(`#prize-${winner.id}`, 'first-prize');
    await row.locator('button:has-text("保存")').click();
    await admin.waitForURL(/saved=entries/);
    const decided = (await admin.locator(`#entry-${winner.id}`).textContent()) ?? '';
    expect(decided).toContain('获奖');
    expect(decided).toContain('一等奖');
    const transitions = await db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'entry.status'), eq(auditLog.targetId, String(winner.id))));
    expect(transitions.slice(-2).map((a) => (a.after as { status: string }).status)).toEqual([
      'shortlisted',
      'winner',
    ]);

    // The preview: the public table, the unscored entries and the judge who has not started.
    await admin.click('#publish a:has-text("预览结果")');
    await admin.waitForURL(/preview=1/);
    const preview = admin.locator('#publish');
    const previewTable = (await preview.locator('table').textContent()) ?? '';
    expect(previewTable).toContain(winner.title);
    expect(previewTable).toContain('一等奖');
    expect(previewTable).toContain('暂无评分，不参与排名');
    const gapLists = (await preview.locator('ul.gap-list').allTextContents()).join(' ');
    for (const other of others) expect(gapLists).toContain(other.title);
    expect(gapLists).toContain(idleJudge.name);
    expect(await preview.locator('label[for="field-confirmGaps"]').textContent()).toContain(
      `评委 ${idleJudge.name} 尚未开始评分`,
    );
    await clean(admin);

    // Publishing without the confirmation is refused with the gaps named; with it, published.
    await admin.click('#publish button:has-text("发布结果")');
    await admin.waitForLoadState();
    const fieldError = (await admin.locator('#field-confirmGaps-error').textContent()) ?? '';
    expect(fieldError).toContain('请勾选确认');
    expect(fieldError).toContain(`作品「${others[0]?.title}」尚无评分`);
    expect(
      await db.select().from(resultPublications).where(eq(resultPublications.contestSlug, CONTEST)),
    ).toEqual([]);
    await clean(admin);
    await admin.check('#field-confirmGaps');
    await admin.click('#publish button:has-text("发布结果")');
    await admin.waitForURL(/saved=publish/);
    expect(await admin.textContent('#publish')).toContain('公示期至');

    // The public page shows the prize, and why the other rows have none.
    const pub = await newPage(360);
    await pub.goto(`${base}/contests/${CONTEST}/results`);
    const winnerRow = pub.locator('table tbody tr', { hasText: winner.title });
    expect(await winnerRow.locator('td').nth(1).textContent()).toBe('一等奖');
    const otherRow = pub.locator('table tbody tr', { hasText: others[0]?.title ?? '' });
    expect(await otherRow.locator('td').nth(1).textContent()).toBe('暂无评分，不参与排名');
    expect(await otherRow.locator('td').first().textContent()).toBe('未排名');
    await clean(pub);
    const pubEn = await newPage(1280);
    await pubEn.goto(`${base}/en/contests/${CONTEST}/results`);
    expect(
      await pubEn.locator('table tbody tr', { hasText: winner.title }).locator('td').nth(1).textContent(),
    ).toBe('First prize');
    await clean(pubEn);

    // Withdrawn with a reason during the window; the public page says so, in both languages.
    const reason = '评分汇总遗漏了一位评委，核对后将重新发布。';
    await admin.fill('#field-reason', reason);
    await admin.click('#publish button:has-text("撤回结果")');
    await admin.waitForURL(/saved=publish/);
    expect(await admin.textContent('#publish')).toContain(reason);
    await clean(admin);
    const moved = await db.select().from(resultWithdrawals).where(eq(resultWithdrawals.contestSlug, CONTEST));
    expect(moved.map((w) => [w.reason, w.withdrawnBy])).toEqual([[reason, organizer.id]]);

    // The same anonymous visitors: their cached copies were dropped by the withdrawal.
    await pub.goto(`${base}/contests/${CONTEST}/results`);
    expect(await pub.textContent('#withdrawn h2')).toBe('结果已撤回');
    expect(await pub.textContent('#withdrawn')).toContain(reason);
    expect(await pub.locator('table').count()).toBe(0);
    await clean(pub);
    await pubEn.goto(`${base}/en/contests/${CONTEST}/results`);
    expect(await pubEn.textContent('#withdrawn h2')).toBe('Results withdrawn');
    await clean(pubEn);

    // The organizer's page in English at 1280 px, with the preview open again.
    const adminEn = await newPage(1280, organizer.id);
    await adminEn.goto(`${base}/en/admin/contests/${CONTEST}?preview=1`);
    expect(await adminEn.textContent('#publish')).toContain('Entries without scores');
    expect(await adminEn.textContent('#publish')).toContain(reason);
    await clean(adminEn);
  });
});
