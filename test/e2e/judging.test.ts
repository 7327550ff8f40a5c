/**
 * The judging journey in Chromium on the built Worker, with a second Worker on the same database whose
 * clock stands just after the demo contest's submissionCloses (scoring open): the organizer assigns a
 * judge, the judge scores an entry, the organizer shortlists it, makes it a winner and publishes; the
 * public sees the results; a founder files a real-name objection; the organizer answers it and the
 * public sees the answer but never the objector's name. The demo contest is restored afterwards, so
 * the other browser tests still find it open for registration.
 */

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import {
  entries,
  judgeAssignments,
  objections,
  resultPublications,
  resultWithdrawals,
  scores,
} from '~/functions/db/schema';
import { waitForHealth } from '../../scripts/lib/local-stack';
import { freePort, startWorker, type WorkerProcess } from '../../scripts/lib/worker-process';
import { insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import { axeViolations, launchBrowser, overflowsHorizontally } from './browser';
import { lockContest } from './contest-lock';

const CONTEST = 'agent-innovation-2026';
const JUDGING_NOW = new Date('2030-09-01T00:00:01+08:00');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
let browser: Browser;
let judging: WorkerProcess;
const contexts: BrowserContext[] = [];
const createdJudges: number[] = [];
let unlock: (() => Promise<void>) | null = null;

async function as(
  role: 'founder' | 'organizer',
  name: string,
): Promise<{ page: Page; userId: number; email: string }> {
  const user = await insertUser(db, {
    name,
    role,
    email: `e2e-judging-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const context = await browser.newContext();
  contexts.push(context);
  const { token } = await createSession(db, user.id, JUDGING_NOW);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: judging.url }]);
  return { page: await context.newPage(), userId: user.id, email: user.email };
}

async function restoreContest() {
  await db.delete(resultPublications).where(eq(resultPublications.contestSlug, CONTEST));
  await db.delete(resultWithdrawals).where(eq(resultWithdrawals.contestSlug, CONTEST));
  await db.delete(objections).where(eq(objections.contestSlug, CONTEST));
  await db
    .update(entries)
    .set({ status: 'submitted', prizeKey: null })
    .where(eq(entries.contestSlug, CONTEST));
  if (createdJudges.length > 0) {
    await db
      .delete(judgeAssignments)
      .where(and(eq(judgeAssignments.contestSlug, CONTEST), inArray(judgeAssignments.userId, createdJudges)));
  }
}

beforeAll(async () => {
  // The organizer journeys publish this contest too: one file at a time.
  unlock = await lockContest(inject('workerDbFile'), CONTEST);
  browser = await launchBrowser();
  await restoreContest();
  judging = startWorker({
    port: await freePort(),
    databaseUrl: new URL(inject('workerDbUrl')).toString(),
    vars: { ...WORKER_VARS, TEST_NOW: JUDGING_NOW.toISOString() },
    quiet: true,
    configPath: inject('workerConfigPath'),
  });
  await waitForHealth(judging.url, 90_000);
}, 500_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await judging?.stop();
  await restoreContest();
  await unlock?.();
});

describe('judging journey', () => {
  it('assigns, scores, shortlists, publishes, shows results, takes and answers an objection', async () => {
    const base = judging.url;
    const organizer = await as('organizer', '组委会小王');
    const judge = await as('founder', '评委小周');
    createdJudges.push(judge.userId);
    const citizen = await as('founder', '公示查看人');
    const [entry] = await db
      .select({ id: entries.id, title: entries.title })
      .from(entries)
      .where(eq(entries.contestSlug, CONTEST))
      .orderBy(asc(entries.id))
      .limit(1);
    if (!entry) throw new Error('the demo contest has no entry');

    // The organizer assigns the judge by email.
    const admin = organizer.page;
    await admin.goto(`${base}/admin/contests/${CONTEST}`);
    await admin.fill('input[name="email"]', judge.email);
    await admin.click('#judges button:has-text("指派评委")');
    await admin.waitForURL(/saved=judges/);
    expect(await admin.textContent('#judges')).toContain('评委小周');
    expect(await axeViolations(admin)).toEqual([]);

    // The judge sees the contest and progress, opens the entry and scores every criterion.
    const jp = judge.page;
    await jp.goto(`${base}/judge`);
    const progress = (await jp.textContent('.judge-progress')) ?? '';
    const total = Number(/已评 0 \/ (\d+)/.exec(progress)?.[1]);
    expect(total).toBeGreaterThan(0);
    await jp.goto(`${base}/judge/contests/${CONTEST}`);
    await jp.click(`a[href="/judge/entries/${entry.id}"]`);
    await jp.waitForURL(new RegExp(`/judge/entries/${entry.id}$`));
    expect(await axeViolations(jp)).toEqual([]);
    await jp.setViewportSize({ width: 360, height: 800 });
    expect(await overflowsHorizontally(jp)).toBe(false);
    await jp.setViewportSize({ width: 1280, height: 800 });
    const sheet: Record<string, string> = {
      innovation: '9',
      'scenario-value': '8.5',
      technical: '8',
      feasibility: '7',
      demo: '9',
    };
    for (const [key, value] of Object.entries(sheet)) await jp.fill(`#score-${key}`, value);
    await jp.fill('#comment-innovation', '思路新颖，\n场景清晰。');
    await jp.click('button:has-text("保存评分")');
    await jp.waitForURL(/saved=1/);
    // 25·0.9 + 30·0.85 + 20·0.8 + 15·0.7 + 10·0.9 = 83.5
    expect(await jp.textContent('.judge-weighted')).toContain('83.50');
    await jp.goto(`${base}/judge/contests/${CONTEST}`);
    expect(await jp.textContent('.judge-progress')).toContain(`已评 1 / ${total}`);

    // The organizer sees the score, shortlists the entry, makes it the first prize and publishes.
    await admin.goto(`${base}/admin/contests/${CONTEST}`);
    const row = admin.locator(`#entry-${entry.id}`);
    expect(await row.textContent()).toContain('83.50');
    await admin.selectOption(`#status-${entry.id}`, 'shortlisted');
    await row.locator('button:has-text("保存")').click();
    await admin.waitForURL(/saved=entries/);
    await admin.selectOption(`#status-${entry.id}`, 'winner');
    await admin.selectOption(`#prize-${entry.id}`, 'first-prize');
    await admin.locator(`#entry-${entry.id} button:has-text("保存")`).click();
    await admin.waitForURL(/saved=entries/);
    expect(await admin.locator(`#entry-${entry.id}`).textContent()).toContain('一等奖');
    // Publishing goes through the preview; the other entries are unscored, so the gaps are confirmed.
    await admin.click('#publish a:has-text("预览结果")');
    await admin.waitForURL(/preview=1/);
    await admin.check('#field-confirmGaps');
    await admin.click('#publish button:has-text("发布结果")');
    await admin.waitForURL(/saved=publish/);
    expect(await admin.textContent('#publish')).toContain('公示期至');

    // The public sees the results: rank, prize, aggregates, the window's end; no judge names.
    const anonymous = await browser.newContext();
    contexts.push(anonymous);
    const pub = await anonymous.newPage();
    await pub.goto(`${base}/contests/${CONTEST}/results`);
    const table = (await pub.textContent('table')) ?? '';
    expect(table).toContain(entry.title);
    expect(table).toContain('一等奖');
    expect(table).toContain('83.50');
    expect(await pub.textContent('main')).not.toContain('评委小周');
    expect(await pub.textContent('#objections')).toContain('公示期至');
    expect(await axeViolations(pub)).toEqual([]);

    // A signed-in founder files a real-name objection during the window.
    const cp = citizen.page;
    await cp.goto(`${base}/contests/${CONTEST}/results`);
    await cp.fill('input[name="realName"]', '赵公示');
    await cp.selectOption('select[name="entryId"]', String(entry.id));
    await cp.fill('textarea[name="reason"]', '该作品的演示地址在公示期内无法访问，请核实。');
    await cp.click('#objections button:has-text("提交异议")');
    await cp.waitForURL(/filed=1/);
    expect(await cp.textContent('#objections')).toContain('异议已提交');
    expect(await axeViolations(cp)).toEqual([]);

    // The organizer sees the objector's name and answers publicly.
    await admin.goto(`${base}/admin/contests/${CONTEST}`);
    const objection = admin.locator('#objections li').first();
    expect(await objection.textContent()).toContain('赵公示');
    await objection.locator('textarea[name="answer"]').fill('经核实，演示地址已恢复访问，维持原结果。');
    await objection.locator('button:has-text("发布答复")').click();
    await admin.waitForURL(/saved=objections/);

    // The public sees the answer and the status, never the objector; English works too.
    await cp.goto(`${base}/contests/${CONTEST}/results`);
    const notice = (await cp.textContent('#objections')) ?? '';
    expect(notice).toContain('经核实，演示地址已恢复访问，维持原结果。');
    expect(notice).toContain('已答复');
    expect(notice).not.toContain('赵公示');
    await pub.goto(`${base}/en/contests/${CONTEST}/results?lang-check=1`);
    expect(await pub.textContent('h1')).toBe('Results');
    expect(await pub.textContent('main')).not.toContain('赵公示');

    const saved = await db
      .select()
      .from(scores)
      .where(and(eq(scores.entryId, entry.id), eq(scores.judgeId, judge.userId)));
    expect(saved).toHaveLength(5);
  });
});
