/**
 * The team journeys of issue 15 in Chromium on the built Worker, through the real pages, once in
 * Chinese on a phone (360 px) and once in English on a desktop (1280 px), axe-clean at every step:
 *
 * the leader creates a team → sees the invite link and copies it → a second founder, signed out,
 * opens the link, signs in, comes back to the join page with the code filled in and joins → a third
 * types the code in upper case with spaces and dashes and joins → the leader removes the second
 * through the confirmation step (cancelling once) and reads what happened → links a company and,
 * once the entry is saved, a product → the third leaves through the confirmation step and reads
 * what happened → the leader dissolves the team through the confirmation step and reads what
 * happened (the entry deleted too, in the audit log).
 *
 * Steps share state and run in order; once a step fails the later ones are skipped. Then, in
 * Chinese on a phone: handing over leadership through its confirmation, a signed-out visitor of a
 * confirmation sent to sign in (and back to the team), and a result page without its notice.
 */
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { auditLog, teams } from '~/functions/db/schema';
import type { Locale } from '~/functions/lib/locale';
import { t, type UiKey } from '~/src/i18n';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import { axeViolations, launchBrowser, overflowsHorizontally } from './browser';
import { lockContest } from './contest-lock';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
const CONTEST = 'agent-innovation-2026';
const PASSWORD = 'Harbour-lantern-4821';
const hasher = createPasswordHasher(WORKER_VARS.PASSWORD_PEPPER, 1000);
let browser: Browser;

let unlock: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // Other files publish and restore the demo contest's results; a published contest refuses entries.
  unlock = await lockContest(inject('workerDbFile'), CONTEST);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await unlock?.();
});

const marker = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function person(name: string) {
  const email = `team-journey-${marker()}@example.com`;
  const user = await insertUser(db, { name, email, passwordHash: await hasher.hash(PASSWORD) });
  return { id: user.id, name, email };
}

const JOURNEYS = [
  { lang: 'zh', locale: 'zh-CN' as Locale, prefix: '', viewport: { width: 360, height: 740 } },
  { lang: 'en', locale: 'en' as Locale, prefix: '/en', viewport: { width: 1280, height: 900 } },
] as const;

describe.each(JOURNEYS)('team journey ($lang, $viewport.width px)', ({ lang, locale, prefix, viewport }) => {
  const say = (key: UiKey, params: Record<string, string | number> = {}) => t(locale, key, params);
  const url = (path: string) => `${base}${prefix}${path}`;
  let failed: string | null = null;
  const contexts: BrowserContext[] = [];
  let leaderPage: Page;
  let teamPath = '';
  let teamId = 0;
  let code = '';
  const teamName = `${lang === 'zh' ? '旅程队' : 'Journey team'} ${marker()}`;
  const names =
    lang === 'zh'
      ? { leader: '队长周航', second: '队员吴迪', third: '队员郑好' }
      : { leader: 'Leader Zhou', second: 'Member Wu', third: 'Member Zheng' };
  let leader: Awaited<ReturnType<typeof person>>;
  let second: Awaited<ReturnType<typeof person>>;
  let third: Awaited<ReturnType<typeof person>>;
  let companyName = '';
  let productName = '';
  const entryTitle = lang === 'zh' ? '江城报销智能体' : 'Jiangcheng expense agent';

  /** Runs steps in order; after a failure the rest are skipped and name the failed step. */
  function step(name: string, body: () => Promise<void>) {
    it(name, async (context) => {
      if (failed) context.skip(`an earlier step failed: ${failed}`);
      context.onTestFailed(() => {
        failed = name;
      });
      await body();
    });
  }

  async function contextFor(user: { id: number } | null): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    if (user) {
      const { token } = await createSession(db, user.id, new Date('2026-11-25T01:00:00Z'));
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
    }
    return context;
  }

  /** What a person sees: axe-clean, and on a phone no page wider than the screen. */
  async function looksRight(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
  }

  const mainText = async (page: Page) => (await page.textContent('main'))?.replace(/\s+/g, ' ') ?? '';

  beforeAll(async () => {
    leader = await person(names.leader);
    second = await person(names.second);
    third = await person(names.third);
    const tag = marker();
    companyName = lang === 'zh' ? `江城旅程工作室 ${tag}` : `Jiangcheng Journey Studio ${tag}`;
    productName = lang === 'zh' ? `报销助手 ${tag}` : `Expense helper ${tag}`;
    const company = await insertCompany(db, leader.id, { name: companyName });
    await insertProduct(db, company.id, { name: productName, ownerId: leader.id });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  step('the leader creates a team and sees the invite link next to the code', async () => {
    const context = await contextFor(leader);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    leaderPage = await context.newPage();
    await leaderPage.goto(url(`/contests/${CONTEST}/teams/new`));
    await leaderPage.fill('input[name="name"]', teamName);
    await leaderPage.selectOption('select[name="track"]', { index: 0 });
    await leaderPage.click('main button[type="submit"]');
    await leaderPage.waitForURL(/\/me\/teams\/\d+$/);
    teamPath = new URL(leaderPage.url()).pathname;
    teamId = Number(teamPath.split('/').pop());
    expect(await leaderPage.textContent('h1')).toBe(teamName);
    code = (await leaderPage.textContent('.invite-code'))?.trim() ?? '';
    expect(code).toMatch(/^[a-z2-7]{16}$/);
    expect(await leaderPage.textContent('label[for="invite-link"]')).toBe(say('team.page.inviteLink'));
    expect(await leaderPage.inputValue('#invite-link')).toBe(url(`/teams/join?code=${code}`));
    await looksRight(leaderPage);
  });

  step('the copy button copies the link where JavaScript runs, and is absent where it does not', async () => {
    const copy = leaderPage.locator('button[data-copy="invite-link"]');
    await expect.poll(() => copy.isVisible()).toBe(true);
    expect(await copy.textContent()).toBe(say('team.page.copy'));
    await copy.click();
    await expect.poll(() => leaderPage.textContent('[data-copy-status]')).toBe(say('team.page.copied'));
    expect(await leaderPage.evaluate(() => navigator.clipboard.readText())).toBe(
      url(`/teams/join?code=${code}`),
    );
    await looksRight(leaderPage);

    const noScript = await browser.newContext({
      viewport,
      javaScriptEnabled: false,
      storageState: await leaderPage.context().storageState(),
    });
    contexts.push(noScript);
    const page = await noScript.newPage();
    await page.goto(`${base}${teamPath}`);
    expect(await page.isVisible('#invite-link')).toBe(true);
    expect(await page.isVisible('button[data-copy]')).toBe(false);
  });

  step('a signed-out founder opens the link, signs in, and is back with the code filled in', async () => {
    const context = await contextFor(null);
    const page = await context.newPage();
    await page.goto(url(`/teams/join?code=${code}`));
    await page.waitForURL(/\/signin\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(`${prefix}/teams/join?code=${code}`);
    await page.fill('input[name="email"]', second.email);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('main form button[type="submit"]');
    await page.waitForURL((u) => u.pathname === `${prefix}/teams/join`);
    expect(new URL(page.url()).searchParams.get('code')).toBe(code);
    expect(await page.inputValue('input[name="inviteCode"]')).toBe(code);
    expect(await mainText(page)).toContain(say('team.join.fromLink'));
    await looksRight(page);
    await page.click('main button[type="submit"]');
    await page.waitForURL((u) => u.pathname === teamPath);
    expect(await page.textContent('.roster')).toContain(names.leader);
    expect(await page.textContent('.roster')).toContain(names.second);
    await looksRight(page);
  });

  step('a third founder types the code in upper case with spaces and dashes, and joins', async () => {
    const page = await (await contextFor(third)).newPage();
    await page.goto(url('/teams/join'));
    expect(await mainText(page)).toContain(say('team.join.codeHint'));
    const typed = (code.match(/.{4}/g) ?? []).join(' - ').toUpperCase();
    await page.fill('input[name="inviteCode"]', typed);
    await page.click('main button[type="submit"]');
    await page.waitForURL((u) => u.pathname === teamPath);
    expect(await page.textContent('.roster')).toContain(names.third);
  });

  step('the leader removes a member through the confirmation step and reads what happened', async () => {
    await leaderPage.goto(`${base}${teamPath}`);
    const remove = leaderPage.locator(`a[href*="action=remove&userId=${second.id}"]`);
    await remove.click();
    await leaderPage.waitForURL(/\/roster\?action=remove/);
    expect(await leaderPage.textContent('h1')).toBe(
      say('team.confirm.remove.title', { member: names.second, team: teamName }),
    );
    expect(await mainText(leaderPage)).toContain(
      say('team.confirm.remove.body', { member: names.second, team: teamName }),
    );
    await looksRight(leaderPage);
    // Cancelling changes nothing.
    await leaderPage.click(`main a:text-is("${say('team.confirm.cancel')}")`);
    await leaderPage.waitForURL((u) => u.pathname === teamPath);
    expect(await leaderPage.textContent('.roster')).toContain(names.second);

    await remove.click();
    await leaderPage.waitForURL(/\/roster\?action=remove/);
    await leaderPage.click('main form button[type="submit"]');
    await leaderPage.waitForURL((u) => u.pathname === teamPath);
    expect(await leaderPage.textContent('main [role="status"]')).toBe(
      say('team.done.removed', { member: names.second }),
    );
    expect(await leaderPage.textContent('.roster')).not.toContain(names.second);
    await looksRight(leaderPage);
    // Said once: a reload does not say it again.
    await leaderPage.reload();
    expect(await leaderPage.locator(`main [role="status"]:has-text("${names.second}")`).count()).toBe(0);
  });

  step('the leader links the company, then the entry’s product', async () => {
    expect(await mainText(leaderPage)).toContain(say('team.company.currentNone'));
    await leaderPage.selectOption('select[name="companyId"]', { label: companyName });
    await leaderPage.click('section[aria-labelledby="company"] button[type="submit"]');
    await leaderPage.waitForURL(/saved=company/);
    expect(await leaderPage.textContent('section[aria-labelledby="company"] [role="status"]')).toContain(
      say('team.done.company', { company: companyName }),
    );
    expect(await mainText(leaderPage)).toContain(say('team.company.current', { company: companyName }));
    expect(await mainText(leaderPage)).toContain(say('team.company.productAfterEntry'));
    await looksRight(leaderPage);

    await leaderPage.fill('input[name="title"]', entryTitle);
    await leaderPage.fill('textarea[name="summary"]', lang === 'zh' ? '自动识别发票。' : 'Reads invoices.');
    await leaderPage.fill('input[name="demoUrl"]', 'https://demo.example.com/expense');
    await leaderPage.fill('input[name="repoUrl"]', 'https://git.example.com/expense');
    await leaderPage.click('section[aria-labelledby="entry"] button[type="submit"]');
    await leaderPage.waitForURL(/saved=1/);

    await leaderPage.selectOption('select[name="productId"]', { label: productName });
    await leaderPage.click('section[aria-labelledby="company"] button[type="submit"]');
    await leaderPage.waitForURL(/saved=company/);
    expect(await leaderPage.textContent('section[aria-labelledby="company"] [role="status"]')).toContain(
      say('team.done.product', { product: productName }),
    );
    expect(await mainText(leaderPage)).toContain(
      say('team.company.currentProduct', { product: productName }),
    );
    await looksRight(leaderPage);
  });

  step('a member leaves through the confirmation step and reads what happened', async () => {
    const page = await (await contextFor(third)).newPage();
    await page.goto(`${base}${teamPath}`);
    await page.click(`main a:text-is("${say('team.page.leave')}")`);
    await page.waitForURL(/\/roster\?action=leave/);
    expect(await page.textContent('h1')).toBe(say('team.confirm.leave.title', { team: teamName }));
    await looksRight(page);
    await page.click('main form button[type="submit"]');
    await page.waitForURL(/\/roster\?done/);
    expect(await page.textContent('h1')).toBe(say('team.done.left.title', { team: teamName }));
    expect(await page.textContent('main [role="status"]')).toContain(say('team.done.left.body'));
    await looksRight(page);
    await page.goto(`${base}${teamPath}`);
    expect(await page.textContent('h1')).not.toBe(teamName);
  });

  step('the leader dissolves the team through the confirmation step and reads what happened', async () => {
    await leaderPage.goto(`${base}${teamPath}`);
    expect(await leaderPage.textContent('.roster')).not.toContain(names.third);
    await leaderPage.click(`main a:text-is("${say('team.page.dissolve')}")`);
    await leaderPage.waitForURL(/\/roster\?action=dissolve/);
    expect(await leaderPage.textContent('h1')).toBe(say('team.confirm.dissolve.title', { team: teamName }));
    const confirmation = await mainText(leaderPage);
    expect(confirmation).toContain(say('team.confirm.dissolve.body'));
    expect(confirmation).toContain(say('team.confirm.dissolve.entry', { entry: entryTitle }));
    await looksRight(leaderPage);
    await leaderPage.click('main form button[type="submit"]');
    await leaderPage.waitForURL(/\/roster\?done/);
    expect(await leaderPage.textContent('h1')).toBe(say('team.done.dissolved.title', { team: teamName }));
    const said = await leaderPage.textContent('main [role="status"]');
    expect(said).toContain(say('team.done.dissolved.body'));
    expect(said).toContain(say('team.done.dissolved.entry', { entry: entryTitle }));
    await looksRight(leaderPage);
    // The next steps offered: a new team for the contest, among others.
    expect(await leaderPage.locator(`main a[href="${prefix}/contests/${CONTEST}/teams/new"]`).count()).toBe(
      1,
    );

    expect(await db.select().from(teams).where(eq(teams.id, teamId))).toEqual([]);
    const logged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'team.dissolve'), eq(auditLog.targetId, String(teamId))));
    expect(logged.some((row) => (row.before as { name?: string } | null)?.name === teamName)).toBe(true);
    const response = await leaderPage.goto(`${base}${teamPath}`);
    expect(response?.status()).toBe(404);
  });
});

describe('the other roster steps (zh, 360 px)', () => {
  const say = (key: UiKey, params: Record<string, string | number> = {}) => t('zh-CN', key, params);
  const viewport = { width: 360, height: 740 };
  const opened: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of opened) await context.close();
  });
  async function pageOf(user: { id: number } | null): Promise<Page> {
    const context = await browser.newContext({ viewport });
    opened.push(context);
    if (user) {
      const { token } = await createSession(db, user.id, new Date('2026-11-25T01:00:00Z'));
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
    }
    return context.newPage();
  }

  it('hands leadership over through the confirmation step and says so', async () => {
    const leader = await person('队长冯远');
    const member = await person('队员陈思');
    const page = await pageOf(leader);
    await page.goto(`${base}/contests/${CONTEST}/teams/new`);
    await page.fill('input[name="name"]', `移交队 ${marker()}`);
    await page.click('main button[type="submit"]');
    await page.waitForURL(/\/me\/teams\/\d+$/);
    const teamPath = new URL(page.url()).pathname;
    const code = (await page.textContent('.invite-code'))?.trim() ?? '';
    const memberPage = await pageOf(member);
    await memberPage.goto(`${base}/teams/join?code=${code}`);
    await memberPage.click('main button[type="submit"]');
    await memberPage.waitForURL((u) => u.pathname === teamPath);

    await page.reload();
    await page.click(`a[href*="action=leader&userId=${member.id}"]`);
    await page.waitForURL(/\/roster\?action=leader/);
    expect(await page.textContent('h1')).toBe(say('team.confirm.leader.title', { member: member.name }));
    expect(await axeViolations(page)).toEqual([]);
    await page.click('main form button[type="submit"]');
    await page.waitForURL(/done=leader/);
    expect(await page.textContent('main [role="status"]')).toBe(
      say('team.done.leader', { member: member.name }),
    );
    // The former leader is a member now: no leader's actions, a way to leave.
    expect(await page.locator('a[href*="action=remove"]').count()).toBe(0);
    expect(await page.locator(`main a:text-is("${say('team.page.leave')}")`).count()).toBe(1);
  });

  it('sends a signed-out visitor of a confirmation to sign in and back to the team', async () => {
    const page = await pageOf(null);
    await page.goto(`${base}/me/teams/1/roster?action=leave`);
    await page.waitForURL(/\/signin\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/me/teams/1');
  });

  it('says nothing happened when nothing did: the result page without its notice goes to 我的', async () => {
    const page = await pageOf(await person('路人乙'));
    await page.goto(`${base}/me/teams/1/roster?done`);
    await page.waitForURL((u) => u.pathname === '/me');
  });
});
