/**
 * The founder journey in Chromium on the built Worker, end to end through the real forms:
 * sign up (no session yet) → verify the email and sign in (dev outbox link, POST button) → register a
 * company → organizer verifies
 * it → submit a product → organizer approves it → the product is public and found by search.
 * The founder works in Chinese with JavaScript disabled; the organizer in English; the anonymous
 * visitor checks both languages and that user text (a <script> tag) is shown as text, never run.
 * Steps share state and run in order; once a step fails the later ones are skipped, so the first
 * failure is the one to read.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { creditCode } from '../factories/records';
import { axeViolations, launchBrowser } from './browser';

const base = inject('workerUrl');
const marker = `journey${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const founder = {
  name: '旅程测试创始人',
  email: `${marker}@example.com`,
  password: 'Lantern-river-7319-quiet',
};
const company = {
  name: `江城旅程测试科技工作室 ${marker}`,
  creditCode: creditCode(),
  founderName: '陈一',
  district: 'jiangan',
  businessScope: '人工智能应用软件开发；浏览器测试。',
};
const script = '<script>window.__journeyInjected = 1</script>';
const product = {
  name: `旅程测试智能体 ${marker}`,
  tagline: '一句话：帮一人公司处理报销单据',
  description: `第一段：自动识别发票。\n${script}\n第二段 & <b>不是粗体</b>`,
  website: `https://${marker}.example.com`,
  kind: 'agent',
  category: 'office',
  tags: '报销, Invoice, 智能体',
};
const organizer = { email: 'organizer@example.com', password: 'opc-demo-2026!' };

const WAIT = 90_000;
let browser: Browser;
let founderContext: BrowserContext;
let organizerContext: BrowserContext;
let founderPage: Page;
let organizerPage: Page;
let productId = '';
let failed: string | null = null;

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

/**
 * axe injects its script into the page, which a JavaScript-disabled context refuses (it hangs), so
 * the founder's pages are checked in a JavaScript-enabled context carrying the same session.
 */
async function axeOn(path: string, as: BrowserContext | null) {
  const context = await browser.newContext(as ? { storageState: await as.storageState() } : {});
  try {
    const page = await context.newPage();
    await open(page, path, `axe on ${path}`);
    return await axeViolations(page);
  } finally {
    await context.close();
  }
}

async function open(page: Page, path: string, what: string) {
  const response = await page.goto(`${base}${path}`, { timeout: WAIT });
  expect(response?.status(), `${what}: GET ${path} status`).toBe(200);
}

/**
 * Presses a form's submit button and expects the POST to answer 303 and land on `expected`; any
 * other answer fails with the page's own error messages.
 */
async function submit(page: Page, button: Locator, expected: RegExp, what: string) {
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.request().resourceType() === 'document',
    { timeout: WAIT },
  );
  await button.click();
  const response = await posted;
  if (response.status() !== 303) {
    await page.waitForLoadState('domcontentloaded', { timeout: WAIT });
    const errors = await page.locator('.form-error, .field-error').allTextContents();
    throw new Error(
      `${what}: POST ${new URL(response.url()).pathname} answered ${response.status()} instead of 303; ` +
        `errors shown: ${errors.map((e) => e.trim()).join(' | ') || '(none)'}`,
    );
  }
  await page.waitForURL(expected, { timeout: WAIT });
}

/** The card (li) in a list whose heading holds `text`. */
const card = (page: Page, text: string) =>
  page.locator('li.card', { has: page.locator('h2, h3', { hasText: text }) });

beforeAll(async () => {
  browser = await launchBrowser();
  founderContext = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  organizerContext = await browser.newContext({ locale: 'en-US' });
  founderPage = await founderContext.newPage();
  organizerPage = await organizerContext.newPage();
  for (const page of [founderPage, organizerPage]) {
    page.setDefaultTimeout(WAIT);
    page.setDefaultNavigationTimeout(WAIT);
  }
});

afterAll(async () => {
  await browser?.close();
});

describe('founder journey (zh without JavaScript, organizer in English)', () => {
  step('signs up at /signup in Chinese without JavaScript', async () => {
    const page = founderPage;
    await open(page, '/signup', 'sign-up page');
    expect(await page.getAttribute('html', 'lang'), 'sign-up page language').toBe('zh-CN');
    expect(await axeOn('/signup', null), 'axe on /signup').toEqual([]);
    await page.fill('#field-name', founder.name);
    await page.fill('#field-email', founder.email);
    await page.fill('#field-password', founder.password);
    await page.check('#field-consent');
    // Sign-up answers alike for a free and a taken address and signs nobody in: check the inbox.
    await submit(
      page,
      page.locator('main form button[type="submit"]'),
      /\/signin\?notice=verification-sent$/,
      'sign-up',
    );
    expect(await page.textContent('main .notice'), 'sign-up asks to open the mailed link').toContain(
      '请查收邮件',
    );
    expect(await founderContext.cookies(), 'no session before the link is opened').toEqual([]);
  });

  step('verifies the email and signs in through the dev outbox link and the POST button', async () => {
    const page = founderPage;
    await open(page, '/dev/outbox', 'dev outbox');
    const mail = page.locator('article.outbox-message', { hasText: founder.email });
    expect(await mail.count(), `one mail to ${founder.email} in /dev/outbox`).toBe(1);
    expect(await mail.locator('h2').textContent(), 'verification mail subject').toBe('请验证你的邮箱');
    const link = mail.locator('a[href*="/verify-email?token="]');
    expect(await link.count(), 'the verification mail has a clickable /verify-email link').toBe(1);
    const href = (await link.getAttribute('href')) ?? '';
    expect(new URL(href).origin, 'the verification link points at this site').toBe(new URL(base).origin);
    expect(new URL(href).pathname, 'the zh sign-up gets a zh verification link').toBe('/verify-email');
    await link.click();
    await page.waitForURL(/\/verify-email\?token=/);
    // Opening the link alone must not verify (mail scanners prefetch links).
    expect(await page.locator('main form button[type="submit"]').textContent()).toContain('确认验证邮箱');
    await submit(
      page,
      page.locator('main form button[type="submit"]'),
      /\/me\?notice=email-verified$/,
      'verify email',
    );
    expect(await page.textContent('main .notice[role="status"]'), 'verified notice').toContain(
      '邮箱已验证，你已登录',
    );
    expect(await page.textContent('main'), '/me no longer asks to verify').not.toContain(
      '验证邮箱后才能提交产品',
    );
  });

  step('registers a company with a valid 统一社会信用代码 and sees it pending on /me', async () => {
    const page = founderPage;
    await page.click('a[href="/me/companies/new"]');
    await page.waitForURL(/\/me\/companies\/new$/);
    await page.fill('#field-name', company.name);
    await page.fill('#field-creditCode', company.creditCode);
    await page.fill('#field-founderName', company.founderName);
    await page.selectOption('#field-district', company.district);
    await page.fill('#field-businessScope', company.businessScope);
    await submit(
      page,
      page.locator('main form button[type="submit"]'),
      /\/me\?done=company$/,
      'register company',
    );
    expect(await page.textContent('main .notice[role="status"]')).toContain('公司已提交');
    const row = card(page, company.name);
    expect(await row.count(), 'the new company is listed on /me').toBe(1);
    expect(await row.locator('.status').textContent(), 'company status on /me').toBe('待审核');
    expect(await row.locator('code').textContent(), 'credit code on /me').toBe(company.creditCode);
    expect(await axeOn('/me', founderContext), 'axe on /me').toEqual([]);
  });

  step('the organizer signs in at /en/signin and verifies the company at /en/admin/companies', async () => {
    const page = organizerPage;
    await open(page, '/en/signin', 'English sign-in page');
    expect(await page.getAttribute('html', 'lang'), 'sign-in page language').toBe('en');
    await page.fill('#field-email', organizer.email);
    await page.fill('#field-password', organizer.password);
    await submit(
      page,
      page.locator('main form button[type="submit"]'),
      /\/en\/admin$/,
      'organizer sign-in (organizers land on the admin home)',
    );
    await open(page, '/en/admin/companies', 'admin companies queue');
    const row = card(page, company.name);
    expect(await row.count(), 'the founder’s company waits in /en/admin/companies').toBe(1);
    expect(await row.locator('code').textContent()).toBe(company.creditCode);
    expect(await row.textContent(), 'the queue names the submitter').toContain(founder.email);
    await submit(
      page,
      row.locator('button[name="decision"][value="verify"]'),
      /\/en\/admin\/companies\?done=1$/,
      'verify company',
    );
    expect(await page.textContent('main .notice[role="status"]')).toContain('Decision saved.');
    expect(await card(page, company.name).count(), 'the verified company left the queue').toBe(0);
  });

  step('submits a product for the verified company and sees it pending', async () => {
    const page = founderPage;
    await open(page, '/me', '/me');
    expect(await card(page, company.name).locator('.status').textContent(), 'company now verified').toBe(
      '已认证',
    );
    await page.click('a[href="/me/products/new"]');
    await page.waitForURL(/\/me\/products\/new$/);
    const option = page.locator('#field-companyId option', { hasText: company.name });
    expect(await option.count(), 'the company is offered in the product form').toBe(1);
    await page.selectOption('#field-companyId', (await option.getAttribute('value')) ?? '');
    await page.fill('#field-name', product.name);
    await page.fill('#field-tagline', product.tagline);
    await page.fill('#field-description', product.description);
    await page.fill('#field-website', product.website);
    await page.selectOption('#field-kind', product.kind);
    await page.selectOption('#field-category', product.category);
    await page.fill('#field-tags', product.tags);
    await submit(
      page,
      page.locator('main form button[type="submit"]'),
      /\/me\?done=product$/,
      'submit product',
    );
    expect(await page.textContent('main .notice[role="status"]')).toContain('产品已提交');
    const row = card(page, product.name);
    expect(await row.count(), 'the new product is listed on /me').toBe(1);
    expect(await row.locator('.status').textContent(), 'product status on /me').toBe('待审核');
    const edit = (await row.locator('a[href$="/edit"]').getAttribute('href')) ?? '';
    productId = edit.match(/^\/me\/products\/(\d+)\/edit$/)?.[1] ?? '';
    expect(productId, `product id from the edit link "${edit}"`).toMatch(/^\d+$/);
    expect(
      await row.locator(`a[href="/products/${productId}"]`).count(),
      'no public link while pending',
    ).toBe(0);
  });

  step('a pending product is not public yet', async () => {
    const context = await browser.newContext();
    try {
      const response = await (await context.newPage()).goto(`${base}/products/${productId}`, {
        timeout: WAIT,
      });
      expect(response?.status(), 'pending product page for anonymous visitors').toBe(404);
    } finally {
      await context.close();
    }
  });

  step('the organizer approves the product at /en/admin/products', async () => {
    const page = organizerPage;
    await open(page, '/en/admin/products', 'admin products queue');
    const row = card(page, product.name);
    expect(await row.count(), 'the product waits in /en/admin/products').toBe(1);
    expect(await row.locator('.status').textContent(), 'its company shows as verified').toBe('Verified');
    expect(await row.textContent(), 'the description is shown as text to the organizer').toContain(script);
    expect(await page.locator('script', { hasText: '__journeyInjected' }).count()).toBe(0);
    expect(await axeViolations(page), 'axe on /en/admin/products').toEqual([]);
    await submit(
      page,
      row.locator('button[name="decision"][value="approve"]'),
      /\/en\/admin\/products\?done=1$/,
      'approve product',
    );
    expect(await page.textContent('main .notice[role="status"]')).toContain('Decision saved.');
    expect(await card(page, product.name).count(), 'the approved product left the queue').toBe(0);
  });

  step('the founder sees it approved with a link to the public page', async () => {
    const page = founderPage;
    await open(page, '/me', '/me');
    const row = card(page, product.name);
    expect(await row.locator('.status').textContent(), 'product status on /me').toBe('已通过');
    await row.locator(`a[href="/products/${productId}"]`).click();
    await page.waitForURL(new RegExp(`/products/${productId}$`));
    expect(await page.textContent('h1')).toBe(product.name);
  });

  step('anonymous visitors see the product, in both languages, with the <script> shown as text', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT);
      for (const [path, lang, kind] of [
        [`/products/${productId}`, 'zh-CN', '智能体'],
        [`/en/products/${productId}`, 'en', 'AI agent'],
      ] as const) {
        await open(page, path, 'public product page');
        expect(await page.getAttribute('html', 'lang'), `${path} language`).toBe(lang);
        expect(await page.textContent('h1'), `${path} heading`).toBe(product.name);
        expect(await page.textContent('main .lead')).toBe(product.tagline);
        const facts = (await page.textContent('.product-facts')) ?? '';
        expect(facts, `${path} facts`).toContain(kind);
        expect(facts).toContain(company.name);
        expect(facts).toContain(product.website);
        expect(await page.locator('.product-tags a').allTextContents(), `${path} tags`).toEqual(
          expect.arrayContaining(['报销', 'invoice', '智能体']),
        );
        const description = (await page.textContent('section[aria-labelledby="product-description"]')) ?? '';
        expect(description, `${path}: the <script> tag is displayed literally`).toContain(script);
        expect(description).toContain('<b>不是粗体</b>');
        expect(await page.textContent('body')).toContain('<script>');
        expect(
          await page.locator('script', { hasText: '__journeyInjected' }).count(),
          'no injected script',
        ).toBe(0);
        expect(await page.locator('main b').count(), 'no injected markup').toBe(0);
        expect(await page.evaluate(() => '__journeyInjected' in window), 'the script never ran').toBe(false);
        expect(await axeViolations(page), `axe on ${path}`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  step('anonymous visitors find it by searching /products without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT);
      await open(page, '/products', 'product list');
      await page.fill('input[name="q"]', marker);
      await page.press('input[name="q"]', 'Enter');
      await page.waitForURL(/\/products\?.*q=/, { timeout: WAIT });
      const results = page.locator('.product-cards > li');
      expect(await results.count(), `search results for "${marker}"`).toBe(1);
      const link = results.first().locator('.product-card-title a');
      expect(await link.textContent()).toBe(product.name);
      expect(await link.getAttribute('href')).toBe(`/products/${productId}`);
      await open(page, `/en/products?q=${encodeURIComponent(marker)}`, 'English search');
      expect(await page.locator('.product-cards .product-card-title a').allTextContents()).toEqual([
        product.name,
      ]);
    } finally {
      await context.close();
    }
  });
});
