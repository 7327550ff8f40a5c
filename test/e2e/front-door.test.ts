/**
 * The front door in Chromium on the built Worker, at 360 px in Chinese and at 1280 px in English,
 * axe clean at each page:
 * - a signed-out visitor starts 提交产品 on the home page and is carried through sign-up, the mailed
 *   verification link and company registration, arriving back at the product form;
 * - 申请入驻 on a community page: a signed-out visitor is sent to sign in and back; a founder with one
 *   company lands on its application with the community chosen, and applies;
 * - the header: on a phone the navigation is a menu that opens without JavaScript; judges see 评审
 *   and land on /judge after signing in, organizers see 管理 and land on the admin home;
 * - the About page names the operator; an event page writes its time in the one date format.
 * Steps of a journey share state and run in order; once one fails the later ones are skipped.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { judgeAssignments } from '~/functions/db/schema';
import { creditCode, insertCompany, insertEvent, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import { launchBrowser } from './browser';
import { lockContest } from './contest-lock';
import { pageChecker, submit } from './journey';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
const hasher = createPasswordHasher(WORKER_VARS.PASSWORD_PEPPER);
const WAIT = 90_000;
const PASSWORD = 'Willow-harbour-5820-plain';
const COMMUNITY = 'guanggu-model-opc';

const LANGS = [
  {
    lang: 'zh' as const,
    prefix: '',
    width: 360,
    locale: 'zh-CN',
    text: {
      submitProduct: '提交产品',
      continue: '请先登录以继续',
      signUp: '注册',
      signUpSubmit: '注册',
      verifyMail: '请验证你的邮箱',
      verifyButton: '确认验证邮箱',
      needCompany: '先登记一家公司，才能提交产品。',
      registerCompany: '登记公司',
      companySubmit: '提交审核',
      apply: '申请入驻',
      applySubmit: '提交申请',
      applied: '入驻申请已提交。',
      menu: '菜单',
      judge: '评审',
      admin: '管理',
      signIn: '登录',
      operator: '运营方与联系方式',
    },
  },
  {
    lang: 'en' as const,
    prefix: '/en',
    width: 1280,
    locale: 'en',
    text: {
      submitProduct: 'Submit a product',
      continue: 'Sign in to continue.',
      signUp: 'Sign up',
      signUpSubmit: 'Sign up',
      verifyMail: 'Please verify your email address',
      verifyButton: 'Verify my email address',
      needCompany: 'Register a company first to submit a product.',
      registerCompany: 'Register a company',
      companySubmit: 'Submit for review',
      apply: 'Apply to join',
      applySubmit: 'Apply',
      applied: 'Application submitted.',
      menu: 'Menu',
      judge: 'Judging',
      admin: 'Admin',
      signIn: 'Sign in',
      operator: 'Operator and contact',
    },
  },
];

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

let seq = 0;
const marker = () => `front-${Date.now().toString(36)}-${++seq}`;

async function newPage(width: number, locale: string, userId?: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale });
  contexts.push(context);
  if (userId !== undefined) {
    const { token } = await createSession(db, userId, new Date(WORKER_VARS.TEST_NOW));
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.setDefaultNavigationTimeout(WAIT);
  return page;
}

async function open(page: Page, path: string) {
  const response = await page.goto(`${base}${path}`, { timeout: WAIT });
  expect(response?.status(), `GET ${path}`).toBe(200);
}

const checkPage = pageChecker('front-door');

/** Where the page is, without the origin. */
const here = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

describe.each(LANGS)('front door ($lang, $width px)', ({ prefix, width, locale, text }) => {
  describe('a signed-out visitor starts 提交产品 and is carried back to it', () => {
    const email = `${marker()}@example.com`;
    const productForm = `${prefix}/me/products/new`;
    let page: Page;
    let failed = false;
    const step = (name: string, body: () => Promise<void>) =>
      it(name, async (context) => {
        if (failed) context.skip();
        try {
          await body();
        } catch (err) {
          failed = true;
          throw err;
        }
      });

    step('the home page says who it is for and offers the four actions', async () => {
      page = await newPage(width, locale);
      await open(page, `${prefix}/`);
      const actions = page.locator('.start-actions a');
      expect(await actions.count()).toBe(4);
      expect(await page.locator('#how-it-works').count()).toBe(1);
      expect(await page.locator('.steps li').count()).toBe(4);
      await checkPage(page, 'home');
    });

    step('提交产品 asks to sign in and says the visitor will come back', async () => {
      await page.locator('.start-actions a', { hasText: text.submitProduct }).click();
      await page.waitForURL(/\/signin\?next=/);
      expect(new URL(page.url()).searchParams.get('next')).toBe(productForm);
      expect(await page.locator('main .notice').textContent()).toContain(text.continue);
      await checkPage(page, 'sign-in with a return path');
    });

    step('the sign-up link keeps the return path, and signing up keeps it too', async () => {
      await page.locator('main a', { hasText: new RegExp(`^${text.signUp}$`) }).click();
      await page.waitForURL(/\/signup\?next=/);
      expect(new URL(page.url()).searchParams.get('next')).toBe(productForm);
      await checkPage(page, 'sign-up with a return path');
      await page.fill('#field-name', '前门测试');
      await page.fill('#field-email', email);
      await page.fill('#field-password', PASSWORD);
      await page.check('#field-consent');
      await submit(page, page.locator('main form button[type="submit"]'), /\/signin\?/, 'sign-up');
      const url = new URL(page.url());
      expect(url.searchParams.get('notice')).toBe('verification-sent');
      expect(url.searchParams.get('next')).toBe(productForm);
    });

    step('the mailed link carries the return path: verifying lands on the product form', async () => {
      await open(page, '/dev/outbox');
      const mail = page.locator('article.outbox-message', { hasText: email }).filter({
        has: page.locator('h2', { hasText: text.verifyMail }),
      });
      expect(await mail.count()).toBe(1);
      const href = (await mail.locator('a[href*="verify-email"]').getAttribute('href')) ?? '';
      expect(new URL(href).searchParams.get('next')).toBe(productForm);
      await page.goto(href);
      await submit(
        page,
        page.locator('main button', { hasText: text.verifyButton }),
        new RegExp(`${productForm}$`),
        'verify',
      );
      expect(await page.locator('main .notice').textContent()).toContain(text.needCompany);
      await checkPage(page, 'product form without a company');
    });

    step('registering a company continues to the product form, now with the company', async () => {
      await page.locator('main .notice a', { hasText: text.registerCompany }).click();
      await page.waitForURL(/\/me\/companies\/new\?next=/);
      expect(new URL(page.url()).searchParams.get('next')).toBe(productForm);
      await page.fill('#field-name', `前门科技${seq}有限公司`);
      await page.fill('#field-creditCode', creditCode());
      await page.fill('#field-founderName', '前门');
      await page.selectOption('#field-district', { index: 1 });
      await page.fill('#field-businessScope', '人工智能应用软件开发。');
      await page.fill('#field-website', 'frontdoor.example.com');
      await submit(
        page,
        page.locator('main button', { hasText: text.companySubmit }),
        new RegExp(`${productForm}$`),
        'company',
      );
      expect(await page.locator('main .notice', { hasText: text.needCompany }).count()).toBe(0);
      expect(await page.locator('#field-name').count()).toBe(1);
      await checkPage(page, 'product form after company registration');
    });
  });

  describe('申请入驻 on a community page', () => {
    let page: Page;

    it('sends a signed-out visitor to sign in, and back to the application afterwards', async () => {
      page = await newPage(width, locale);
      await open(page, `${prefix}/communities/${COMMUNITY}`);
      await checkPage(page, 'community page');
      await page.locator('main a.button', { hasText: text.apply }).click();
      await page.waitForURL(/\/signin\?next=/);
      expect(new URL(page.url()).searchParams.get('next')).toBe(`${prefix}/communities/${COMMUNITY}/apply`);
    });

    it('takes a founder with one company straight to its application with the community chosen', async () => {
      const founder = await insertUser(db, { name: '入驻测试' });
      const company = await insertCompany(db, founder.id, { status: 'verified' });
      page = await newPage(width, locale, founder.id);
      await open(page, `${prefix}/communities/${COMMUNITY}`);
      await page.locator('main a.button', { hasText: text.apply }).click();
      await page.waitForURL(/\/memberships\/new\?community=/);
      expect(here(page)).toBe(`${prefix}/me/companies/${company.id}/memberships/new?community=${COMMUNITY}`);
      expect(await page.locator('#field-communitySlug').inputValue()).toBe(COMMUNITY);
      await checkPage(page, 'membership form');
      await submit(
        page,
        page.locator('main button', { hasText: text.applySubmit }),
        /\/me\?done=membership/,
        'apply',
      );
      expect(await page.locator('main').textContent()).toContain(text.applied);
    });
  });

  describe('the header and where signing in lands', () => {
    it(`${width < 640 ? 'folds the navigation into a menu' : 'shows the navigation as a row'}`, async () => {
      const page = await newPage(width, locale);
      await open(page, `${prefix}/`);
      const menu = page.locator('details.nav-phone');
      const row = page.locator('.nav-wide');
      if (width < 640) {
        expect(await row.isVisible()).toBe(false);
        expect(await menu.locator('summary').textContent()).toContain(text.menu);
        expect(await menu.locator('.main-nav a').first().isVisible()).toBe(false);
        await menu.locator('summary').click();
        expect(await menu.locator('.main-nav a').first().isVisible()).toBe(true);
        expect(await menu.locator('.main-nav a').count()).toBe(7);
        await checkPage(page, 'open phone menu');
      } else {
        expect(await menu.isVisible()).toBe(false);
        expect(await row.locator('.main-nav a').count()).toBe(7);
      }
    });

    for (const who of ['judge', 'organizer'] as const) {
      it(`lands ${who === 'judge' ? 'a judge on /judge, with 评审' : 'an organizer on the admin home, with 管理'} in the header`, async () => {
        const email = `${marker()}@example.com`;
        const user = await insertUser(db, {
          email,
          name: who === 'judge' ? '评委测试' : '组织者测试',
          role: who === 'judge' ? 'founder' : 'organizer',
          passwordHash: await hasher.hash(PASSWORD),
        });
        // Other files publish and restore the demo contest (which refuses new judges while published
        // and removes other judges when restored): the judge's part holds the contest's lock.
        const unlock =
          who === 'judge' ? await lockContest(inject('workerDbFile'), 'agent-innovation-2026') : null;
        try {
          if (who === 'judge')
            await db.insert(judgeAssignments).values({
              contestSlug: 'agent-innovation-2026',
              userId: user.id,
              createdAt: new Date(WORKER_VARS.TEST_NOW),
            });
          await signInAndLand(user.email, who);
        } finally {
          await unlock?.();
        }
      });
    }

    async function signInAndLand(email: string, who: 'judge' | 'organizer') {
      const page = await newPage(width, locale);
      await open(page, `${prefix}/signin`);
      await page.fill('#field-email', email);
      await page.fill('#field-password', PASSWORD);
      const landing = `${prefix}${who === 'judge' ? '/judge' : '/admin'}`;
      await submit(
        page,
        page.locator('main form button[type="submit"]'),
        new RegExp(`${landing}$`),
        'sign-in',
      );
      const link = page.locator('.account-nav a', { hasText: who === 'judge' ? text.judge : text.admin });
      expect(await link.count(), 'the role link in both navigations').toBe(2);
      expect(await link.first().getAttribute('href')).toBe(landing);
      await checkPage(page, `${who} landing`);
    }
  });

  describe('About and dates', () => {
    it('the About page names the operator and its headings are headings', async () => {
      const page = await newPage(width, locale);
      await open(page, `${prefix}/about`);
      expect(await page.locator('main h2').count()).toBeGreaterThanOrEqual(3);
      const operator = page.locator('section[aria-labelledby="operator"]');
      expect(await operator.locator('h2').textContent()).toBe(text.operator);
      expect(await operator.locator('a[href^="mailto:"]').count()).toBe(1);
      await checkPage(page, 'about');
    });

    it('an event page writes its time in the one format, without GMT+8', async () => {
      const slug = `front-door-${marker()}`;
      await insertEvent(db, slug, {
        startsAt: new Date('2027-01-16T14:00:00+08:00'),
        endsAt: new Date('2027-01-16T17:00:00+08:00'),
      });
      const page = await newPage(width, locale);
      await open(page, `${prefix}/events/${slug}`);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain(
        locale === 'en' ? 'Sat 16 Jan 2027, 14:00–17:00 (China time)' : '2027年1月16日（周六）14:00–17:00',
      );
      expect(main).not.toMatch(/GMT/);
    });
  });
});
