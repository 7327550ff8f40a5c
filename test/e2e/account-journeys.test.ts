/**
 * The account journeys in Chromium on the built Worker, at 360 px in Chinese and at 1280 px in
 * English, axe clean at each page:
 * - an unverified founder sees the offer on 我的 to send the verification mail again and where it
 *   went, sends it, is refused "verify first" when registering a company with a link back to 我的,
 *   reads the mail in /dev/outbox and verifies;
 * - a founder changes the display name, the email (the link from the outbox to the new address makes
 *   the change; the old address is told) and the password (the current one required; another
 *   device is signed out, this one stays).
 * Steps share state and run in order; once a step fails the later ones of its journey are skipped.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { creditCode, insertCompany, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import { launchBrowser } from './browser';
import { pageChecker, submit } from './journey';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
const hasher = createPasswordHasher(WORKER_VARS.PASSWORD_PEPPER);
const WAIT = 90_000;
const PASSWORD = 'Lantern-river-7319-quiet';
const NEW_PASSWORD = 'Harbour-kite-4682-amber';

const LANGS = [
  {
    lang: 'zh' as const,
    prefix: '',
    width: 360,
    locale: 'zh-CN' as const,
    text: {
      verifyTitle: '验证邮箱',
      resend: '重新发送验证邮件',
      sentTo: '验证邮件已发送到',
      outboxLink: '打开开发用发件箱',
      verifyFirst: '请先验证你的邮箱',
      verifyMailSubject: '请验证你的邮箱',
      verifyButton: '确认验证邮箱',
      verified: '邮箱已验证',
      nameDone: '名称已更新',
      emailPending: '确认链接已发送到',
      confirmSubject: '确认你的新邮箱',
      confirmButton: '确认更改邮箱',
      emailDone: '邮箱已更改为',
      changedSubject: '你账号的邮箱已更改',
      wrongPassword: '密码不正确。',
      passwordDone: '密码已修改',
    },
  },
  {
    lang: 'en' as const,
    prefix: '/en',
    width: 1280,
    locale: 'en' as const,
    text: {
      verifyTitle: 'Verify your email address',
      resend: 'Send the verification email again',
      sentTo: 'The verification email went to',
      outboxLink: 'Open the development outbox',
      verifyFirst: 'Please verify your email address first.',
      verifyMailSubject: 'Please verify your email address',
      verifyButton: 'Verify my email address',
      verified: 'Your email address is verified',
      nameDone: 'Your name is updated.',
      emailPending: 'A confirmation link went to',
      confirmSubject: 'Confirm your new email address',
      confirmButton: 'Change my email address',
      emailDone: 'Your email address is now',
      changedSubject: 'Your account’s email address was changed',
      wrongPassword: 'The password is not correct.',
      passwordDone: 'Your password is changed',
    },
  },
];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const marker = () => `acct${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A new browser (a device) signed in as the user, at the journey's width and language. */
async function device(
  userId: number,
  width: number,
  locale: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale });
  const { token } = await createSession(db, userId, new Date(WORKER_VARS.TEST_NOW));
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.setDefaultNavigationTimeout(WAIT);
  return { context, page };
}

async function open(page: Page, path: string) {
  const response = await page.goto(`${base}${path}`, { timeout: WAIT });
  expect(response?.status(), `GET ${path}`).toBe(200);
}

const checkPage = pageChecker('account-journeys');

/** The newest mail to `to` in /dev/outbox with `subject`, and its one link matching `href`. */
async function mailLink(page: Page, to: string, subject: string, href: string): Promise<Locator> {
  await open(page, '/dev/outbox');
  const mail = page.locator('article.outbox-message', { hasText: to }).filter({
    has: page.locator('h2', { hasText: subject }),
  });
  expect(await mail.count(), `a "${subject}" mail to ${to} in /dev/outbox`).toBeGreaterThan(0);
  const link = mail.first().locator(`a[href*="${href}"]`);
  expect(await link.count(), `the "${subject}" mail has a ${href} link`).toBe(1);
  return link;
}

describe.each(LANGS)('account journeys ($lang, $width px)', ({ prefix, width, locale, text }) => {
  describe('an unverified founder resends the verification mail from 我的 and verifies', () => {
    const email = `${marker()}@example.com`;
    let page: Page;
    let failed = false;
    const step = (name: string, body: () => Promise<void>) =>
      it(name, async (context) => {
        if (failed) context.skip();
        context.onTestFailed(() => {
          failed = true;
        });
        await body();
      });

    let companyId = 0;

    beforeAll(async () => {
      const user = await insertUser(db, { email, name: '待验证的创始人', emailVerifiedAt: null, locale });
      // A company of theirs (as if registered before the rule), whose pictures page says to verify first.
      companyId = (await insertCompany(db, user.id, { status: 'pending' })).id;
      ({ page } = await device(user.id, width, locale));
    });

    step('sees the offer on 我的, with the address', async () => {
      await open(page, `${prefix}/me`);
      const offer = page.locator('#verify-email');
      expect(await offer.locator('h2').textContent()).toBe(text.verifyTitle);
      expect(await offer.textContent()).toContain(email);
      await checkPage(page, `${prefix}/me (unverified)`);
    });

    step('sends the mail again and is told where it went', async () => {
      await submit(
        page,
        page.locator('#verify-email button[type="submit"]'),
        new RegExp(`${prefix}/me\\?resent=1`),
        'resend',
      );
      const status = page.locator('#verify-email .notice[role="status"]');
      expect(await status.textContent()).toContain(`${text.sentTo} ${email}`);
      expect(await page.locator('#verify-email a[href="/dev/outbox"]').textContent()).toBe(text.outboxLink);
      await checkPage(page, `${prefix}/me after resending`);
    });

    step('is refused "verify first" when registering a company, with a link to 我的', async () => {
      await open(page, `${prefix}/me/companies/new`);
      await page.fill('#field-name', `待验证工作室 ${email}`);
      await page.fill('#field-creditCode', creditCode());
      await page.fill('#field-founderName', '陈一');
      await page.selectOption('#field-district', 'jiangan');
      await page.fill('#field-businessScope', '人工智能应用软件开发。');
      await submit(
        page,
        page.locator('main form button[type="submit"]'),
        new RegExp(`${prefix}/me/companies/new$`),
        'register company unverified',
        403,
      );
      const alert = page.locator('main .form-error[role="alert"]');
      expect(await alert.textContent()).toContain(text.verifyFirst);
      const link = alert.locator('a');
      expect(await link.getAttribute('href')).toBe(`${prefix}/me#verify-email`);
      await checkPage(page, 'the refused company form');
      await link.click();
      await page.waitForURL(new RegExp(`${prefix}/me#verify-email$`));
      expect(await page.locator('#verify-email h2').textContent()).toBe(text.verifyTitle);
    });

    step('the pictures page says to verify first, with a link to 我的', async () => {
      await open(page, `${prefix}/me/companies/${companyId}/pictures`);
      const link = page.locator(`main .notice a[href="${prefix}/me#verify-email"]`);
      expect(await link.count()).toBe(1);
      await checkPage(page, 'the pictures page of an unverified founder');
    });

    step('reads the mail in /dev/outbox and verifies', async () => {
      const link = await mailLink(page, email, text.verifyMailSubject, '/verify-email?token=');
      expect(new URL((await link.getAttribute('href')) ?? '').pathname).toBe(`${prefix}/verify-email`);
      await link.click();
      await page.waitForURL(/\/verify-email\?token=/);
      const button = page.locator('main form button[type="submit"]');
      expect(await button.textContent()).toContain(text.verifyButton);
      await submit(page, button, new RegExp(`${prefix}/me`), 'verify');
      expect(await page.locator('main .notice[role="status"]').first().textContent()).toContain(
        text.verified,
      );
      expect(await page.locator('#verify-email').count(), 'the offer is gone once verified').toBe(0);
    });
  });

  describe('a founder changes name, email and password on the account page', () => {
    const oldEmail = `${marker()}@example.com`;
    const newEmail = `${marker()}-new@example.org`;
    const newName = `改名后的创始人 ${width}`;
    let page: Page;
    let other: Page;
    let failed = false;
    const step = (name: string, body: () => Promise<void>) =>
      it(name, async (context) => {
        if (failed) context.skip();
        context.onTestFailed(() => {
          failed = true;
        });
        await body();
      });

    beforeAll(async () => {
      const user = await insertUser(db, {
        email: oldEmail,
        name: '原来的创始人',
        passwordHash: await hasher.hash(PASSWORD),
        locale,
      });
      ({ page } = await device(user.id, width, locale));
      ({ page: other } = await device(user.id, width, locale));
    });

    step('changes the display name', async () => {
      await open(page, `${prefix}/me/account`);
      await checkPage(page, `${prefix}/me/account`);
      await page.fill('#field-name', newName);
      await submit(
        page,
        page.locator('form:has(input[name="intent"][value="change-name"]) button[type="submit"]'),
        new RegExp(`${prefix}/me/account\\?done=name$`),
        'change name',
      );
      expect(await page.locator('main .notice[role="status"]').first().textContent()).toContain(
        text.nameDone,
      );
      expect(await page.locator('.account-facts dd').first().textContent()).toBe(newName);
    });

    step('asks for a new email address: nothing changes until the link is opened', async () => {
      await page.fill('#field-newEmail', newEmail);
      await page.fill('#field-emailPassword', PASSWORD);
      await submit(
        page,
        page.locator('form:has(input[name="intent"][value="change-email"]) button[type="submit"]'),
        new RegExp(`${prefix}/me/account\\?done=email-sent$`),
        'change email',
      );
      expect(await page.locator('section[aria-labelledby="account-email"] .notice').textContent()).toContain(
        `${text.emailPending} ${newEmail}`,
      );
      expect(await page.locator('.account-facts').textContent()).toContain(oldEmail);
      expect(await page.locator('main a[href="/dev/outbox"]').count()).toBe(1);
      await checkPage(page, `${prefix}/me/account with a pending change`);
    });

    step('opens the link from the outbox and confirms; the old address is told', async () => {
      const link = await mailLink(page, newEmail, text.confirmSubject, '/me/confirm-email?token=');
      expect(new URL((await link.getAttribute('href')) ?? '').pathname).toBe(`${prefix}/me/confirm-email`);
      await link.click();
      await page.waitForURL(/\/me\/confirm-email\?token=/);
      await checkPage(page, `${prefix}/me/confirm-email`);
      await submit(
        page,
        page.locator('main form button[type="submit"]', { hasText: text.confirmButton }),
        new RegExp(`${prefix}/me/account\\?done=email$`),
        'confirm email change',
      );
      expect(await page.locator('main .notice[role="status"]').first().textContent()).toContain(
        `${text.emailDone} ${newEmail}`,
      );
      expect(await page.locator('.account-facts').textContent()).toContain(newEmail);
      await open(page, '/dev/outbox');
      const notice = page
        .locator('article.outbox-message', { hasText: oldEmail })
        .filter({ has: page.locator('h2', { hasText: text.changedSubject }) });
      expect(await notice.count(), 'the old address is told of the change').toBe(1);
      expect(await notice.textContent()).toContain(newEmail);
    });

    step('changes the password with the current one; the other device is signed out', async () => {
      await open(page, `${prefix}/me/account`);
      const form = page.locator('form:has(input[name="intent"][value="change-password"])');
      await page.fill('#field-currentPassword', 'not-my-password');
      await page.fill('#field-newPassword', NEW_PASSWORD);
      await submit(
        page,
        form.locator('button[type="submit"]'),
        new RegExp(`${prefix}/me/account$`),
        'wrong current password',
        422,
      );
      expect(await page.locator('#field-currentPassword-error').textContent()).toBe(text.wrongPassword);
      await checkPage(page, `${prefix}/me/account with a field error`);

      await page.fill('#field-currentPassword', PASSWORD);
      await page.fill('#field-newPassword', NEW_PASSWORD);
      await submit(
        page,
        page.locator('form:has(input[name="intent"][value="change-password"]) button[type="submit"]'),
        new RegExp(`${prefix}/me/account\\?done=password$`),
        'change password',
      );
      expect(await page.locator('main .notice[role="status"]').first().textContent()).toContain(
        text.passwordDone,
      );
      // This device stays signed in; the other one is sent to sign in.
      await open(page, `${prefix}/me/account`);
      await other.goto(`${base}${prefix}/me/account`);
      expect(new URL(other.url()).pathname).toBe(`${prefix}/signin`);
    });
  });
});
