/**
 * The team journey in Chromium on the built Worker: a founder creates a team, a second founder joins
 * with the invite code, they submit and edit the entry; with the clock set past submissionCloses (a
 * second Worker on the same database with TEST_NOW) the entry shows as locked and edits are refused.
 */

import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { waitForHealth } from '../../scripts/lib/local-stack';
import { freePort, startWorker, type WorkerProcess } from '../../scripts/lib/worker-process';
import { insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import { axeViolations, launchBrowser } from './browser';
import { lockContest } from './contest-lock';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
let browser: Browser;
let late: WorkerProcess;

async function signedInContext(url: string, name: string): Promise<BrowserContext & { userId: number }> {
  const user = await insertUser(db, {
    name,
    email: `e2e-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const context = await browser.newContext();
  await signIn(context, user.id, url, new Date('2026-11-25T01:00:00Z'));
  return Object.assign(context, { userId: user.id });
}

async function signIn(context: BrowserContext, userId: number, url: string, at: Date) {
  const { token } = await createSession(db, userId, at);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url }]);
}

let unlock: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // Other files publish and restore the demo contest's results; a published contest refuses entries.
  unlock = await lockContest(inject('workerDbFile'), 'agent-innovation-2026');
  browser = await launchBrowser();
  // The same database, seen by a Worker whose clock stands after the demo contest's submissionCloses.
  const databaseUrl = new URL(inject('workerDbUrl'));
  late = startWorker({
    port: await freePort(),
    databaseUrl: databaseUrl.toString(),
    vars: { ...WORKER_VARS, TEST_NOW: '2030-09-01T00:00:01+08:00' },
    quiet: true,
  });
  await waitForHealth(late.url, 90_000);
});

afterAll(async () => {
  await browser?.close();
  await late?.stop();
  await unlock?.();
});

describe('team journey', () => {
  it('creates a team, joins with the code, submits and edits the entry, then sees it locked', async () => {
    const leader = await signedInContext(base, '队长小王');
    const page = await leader.newPage();
    await page.goto(`${base}/contests/agent-innovation-2026/teams/new`);
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('input[name="name"]', `浏览器测试队-${Date.now()}`);
    await page.selectOption('select[name="track"]', { index: 0 });
    await page.click('main button[type="submit"]');
    await page.waitForURL(/\/me\/teams\/\d+$/);
    const teamUrl = new URL(page.url()).pathname;
    const code = (await page.textContent('.invite-code'))?.trim() ?? '';
    expect(code).toMatch(/^[a-z2-7]{16}$/);

    const member = await signedInContext(base, '队员小李');
    const memberPage = await member.newPage();
    await memberPage.goto(`${base}/teams/join`);
    await memberPage.fill('input[name="inviteCode"]', code);
    await memberPage.click('main button[type="submit"]');
    await memberPage.waitForURL(new RegExp(`${teamUrl}$`));
    expect(await memberPage.textContent('.roster')).toContain('队长小王');

    await page.goto(`${base}${teamUrl}`);
    await page.fill('input[name="title"]', '江城政务问答智能体');
    await page.fill('textarea[name="summary"]', '面向一人公司的政务问答。\n支持多轮对话。');
    await page.fill('input[name="demoUrl"]', 'https://demo.example.com/gov');
    await page.fill('input[name="repoUrl"]', 'https://git.example.com/gov');
    await page.click('section[aria-labelledby="entry"] button[type="submit"]');
    await page.waitForURL(/saved=1/);
    expect(await axeViolations(page)).toEqual([]);

    await memberPage.goto(`${base}${teamUrl}`);
    expect(await memberPage.inputValue('input[name="title"]')).toBe('江城政务问答智能体');
    await memberPage.fill('input[name="title"]', '江城政务问答智能体 2.0');
    await memberPage.click('section[aria-labelledby="entry"] button[type="submit"]');
    await memberPage.waitForURL(/saved=1/);

    // After the deadline: no form, the entry as submitted, and a late PUT changes nothing.
    // A session valid at the later instant (cookies are per host, so it replaces the earlier one).
    await signIn(leader, leader.userId, late.url, new Date('2030-09-01T00:00:00+08:00'));
    const latePage = await leader.newPage();
    await latePage.goto(`${late.url}${teamUrl}`);
    expect(await latePage.locator('input[name="title"]').count()).toBe(0);
    expect(await latePage.textContent('section[aria-labelledby="entry"]')).toContain(
      '江城政务问答智能体 2.0',
    );
    const refused = await latePage.request.put(`${late.url}/api/v1/teams/${teamUrl.split('/').pop()}/entry`, {
      headers: { origin: late.url, 'content-type': 'application/json' },
      data: {
        title: '截止后的修改',
        summary: 'x',
        demoUrl: 'https://a.example.com',
        repoUrl: 'https://b.example.com',
      },
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).code).toBe('submission_closed');

    await leader.close();
    await member.close();
  });
});
