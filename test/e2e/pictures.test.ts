/**
 * The pictures journey in Chromium on the built Worker: a founder (JavaScript disabled, 360 px)
 * uploads a logo and three screenshots to a pending product, moves the third up, removes the first
 * and is refused a text file named .png (415, the error beside the input); an anonymous visitor
 * gets 404 for the pictures and the page; an organizer sees the pictures in the queue and approves;
 * then the public page shows the logo and the two screenshots in the owner's order at 360 and
 * 1280 px, with width/height, lazy loading, the 立即体验 link, the QR code on a wide screen only,
 * og:image and no axe violation.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhotonImage } from '@cf-wasm/photon';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { axeViolations, launchBrowser, overflowsHorizontally } from './browser';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
const website = 'https://pictures-e2e.example.com/';
const name = `图片测试产品${Date.now().toString(36)}`;
let browser: Browser;
let dir = '';

/** A signed-in person in their own context (the session cookie is returned for a twin context). */
async function person(role: 'founder' | 'organizer', width: number, javaScriptEnabled = true) {
  const user = await insertUser(db, {
    role,
    email: `pictures-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const { token } = await createSession(db, user.id, new Date('2026-11-25T01:00:00Z'));
  const cookie = { name: SESSION_COOKIE, value: token, url: base };
  const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled });
  await context.addCookies([cookie]);
  return { user, cookie, context, page: await context.newPage() };
}

async function clean(page: Page) {
  expect(await axeViolations(page), page.url()).toEqual([]);
  expect(await overflowsHorizontally(page), page.url()).toBe(false);
}

/** A PNG of one colour, drawn with photon (as the image Worker decodes it). */
async function png(file: string, width: number, height: number, rgb: [number, number, number]) {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([...rgb, 255], i);
  const image = new PhotonImage(rgba, width, height);
  try {
    await writeFile(join(dir, file), image.get_bytes());
  } finally {
    image.free();
  }
  return join(dir, file);
}

/**
 * Presses a form's button and waits for the page it lands on (after the 303, or the refusal
 * itself); returns that document's response. Commit plus `load`, so a same-URL redirect is seen.
 */
async function send(page: Page, button: Locator): Promise<Response> {
  const final = page.waitForResponse((r) => r.request().isNavigationRequest() && r.status() !== 303);
  const committed = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
  await button.click();
  const [response] = await Promise.all([final, committed]);
  await page.waitForLoadState('load');
  return response;
}

/** The `src` of each image under `selector`, once every one has loaded (naturalWidth > 0). */
async function loadedSrcs(page: Page, selector: string): Promise<string[]> {
  const widths = () => page.$$eval(selector, (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
  await expect.poll(async () => (await widths()).every((w) => w > 0), { timeout: 10_000 }).toBe(true);
  return page.$$eval(selector, (imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
}

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'pictures-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('product pictures journey', () => {
  it('upload → reorder → remove → refused file → private until approved → public gallery', async () => {
    // 1. A verified founder, a verified company, a pending product; the founder browses without JS.
    const founder = await person('founder', 360, false);
    const company = await insertCompany(db, founder.user.id);
    const product = await insertProduct(db, company.id, {
      name,
      status: 'pending',
      ownerId: founder.user.id,
      website,
    });
    const picturesUrl = `${base}/me/products/${product.id}/pictures`;
    // axe needs timers, which a JavaScript-disabled page never runs: each founder page checked is
    // replayed, byte for byte and at the same URL and width, in a JavaScript-enabled twin.
    const twin = await browser.newContext({ viewport: { width: 360, height: 800 } });
    await twin.addCookies([founder.cookie]);
    const cleanReplay = async (response: Response) => {
      const page = await twin.newPage();
      const body = await response.body();
      await page.route(response.url(), (route) =>
        route.fulfill({ status: response.status(), headers: response.headers(), body }),
      );
      await page.goto(response.url());
      await clean(page);
      await page.close();
    };
    const page = founder.page;
    const opened = await page.goto(picturesUrl);
    expect(opened?.status()).toBe(200);
    await cleanReplay(opened as Response);

    // 2. The logo: the page comes back with a notice and the logo served from /media/.
    const logo = await png('logo.png', 400, 400, [230, 120, 20]);
    const [red, green, blue] = await Promise.all([
      png('red.png', 1400, 900, [200, 40, 40]),
      png('green.png', 1400, 900, [40, 160, 70]),
      png('blue.png', 1400, 900, [40, 80, 200]),
    ]);
    await page.setInputFiles('#file-logo', logo);
    expect((await send(page, page.locator('form:has(#file-logo) button[type="submit"]'))).status()).toBe(200);
    expect(await page.textContent('main [role="status"]')).toBe('图片已上传。');
    const [logoSrc = ''] = await loadedSrcs(page, 'section[aria-labelledby="pictures-logo"] img');
    expect(logoSrc).toMatch(/^\/media\//);

    // 3. Three screenshots [red, green, blue]; blue moves up → [red, blue, green]; red goes → [blue, green].
    const shots = page.locator('ol.picture-list > li');
    for (const file of [red, green, blue]) {
      await page.setInputFiles('#file-screenshot', file);
      await send(page, page.locator('form:has(#file-screenshot) button[type="submit"]'));
      expect(await page.textContent('main [role="status"]')).toBe('图片已上传。');
    }
    const [redSrc, greenSrc, blueSrc] = await loadedSrcs(page, 'ol.picture-list img');
    expect(new Set([redSrc, greenSrc, blueSrc]).size).toBe(3);
    await send(page, shots.nth(2).getByRole('button', { name: '前移' }));
    expect(await page.textContent('main [role="status"]')).toBe('顺序已调整。');
    expect(await loadedSrcs(page, 'ol.picture-list img')).toEqual([redSrc, blueSrc, greenSrc]);
    await send(page, shots.nth(0).getByRole('button', { name: '删除' }));
    expect(await page.textContent('main [role="status"]')).toBe('图片已删除。');
    const ownerOrder = await loadedSrcs(page, 'ol.picture-list img');
    expect(ownerOrder).toEqual([blueSrc, greenSrc]);

    // 4. A text file named fake.png: 415 and the error beside the screenshot input.
    const fake = join(dir, 'fake.png');
    await writeFile(fake, 'not a picture at all\n'.repeat(20));
    await page.setInputFiles('#file-screenshot', fake);
    const refused = await send(page, page.locator('form:has(#file-screenshot) button[type="submit"]'));
    expect(refused.status()).toBe(415);
    expect((await page.textContent('#file-screenshot-error'))?.trim()).toBe(
      '只能上传 PNG、JPEG 或 WebP 图片（营业执照也可以是 PDF）。',
    );
    expect(await page.getAttribute('#file-screenshot', 'aria-invalid')).toBe('true');
    // The previous action's notice (a removal) is not shown beside a failed upload.
    expect(await page.locator('main [role="status"]').count()).toBe(0);
    expect(await page.getAttribute('#file-screenshot', 'aria-describedby')).toContain(
      'file-screenshot-error',
    );
    expect(await loadedSrcs(page, 'ol.picture-list img')).toEqual(ownerOrder);
    await cleanReplay(refused);
    await twin.close();

    // 5. Nothing is public while the product is pending.
    const visitor = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const anon = await visitor.newPage();
    expect((await anon.goto(`${base}${blueSrc}`))?.status()).toBe(404);
    expect((await anon.goto(`${base}/products/${product.id}`))?.status()).toBe(404);

    // 6. The organizer sees the pictures in the queue and approves the product.
    const organizer = await person('organizer', 1280);
    const admin = organizer.page;
    await admin.goto(`${base}/admin/products`);
    const record = admin.locator('li.record', { has: admin.locator('h3', { hasText: name }) });
    const strip = await loadedSrcs(admin, `li.record:has(h3:text-is("${name}")) .picture-strip img`);
    expect(strip).toHaveLength(3); // the logo and both screenshots
    expect(strip).toEqual(expect.arrayContaining([logoSrc, ...ownerOrder]));
    await send(admin, record.locator('button[name="decision"][value="approve"]'));
    expect(admin.url()).toContain('done=1');
    expect(await admin.textContent('main [role="status"]')).toBe('已处理。');
    expect(await admin.locator('li.record h3', { hasText: name }).count()).toBe(0);

    // 7. The public page at a phone's and a computer's width.
    for (const width of [360, 1280]) {
      await anon.setViewportSize({ width, height: 800 });
      const shown = await anon.goto(`${base}/products/${product.id}`);
      expect(shown?.status(), `width ${width}`).toBe(200);
      expect(await loadedSrcs(anon, '.product-head img')).toEqual([logoSrc]);
      // The logo's own styles reach the <img> Picture.astro renders: rounded, never shrunk.
      expect(
        await anon.$eval('.product-head img.logo', (img) => {
          const style = getComputedStyle(img);
          return { radius: style.borderTopLeftRadius, shrink: style.flexShrink };
        }),
      ).toEqual({ radius: '22%', shrink: '0' });
      expect(await loadedSrcs(anon, '.gallery img'), `gallery at ${width}`).toEqual(ownerOrder);
      const imgs = await anon.$$eval('main img', (all) =>
        all.map((i) => ({
          src: i.getAttribute('src'),
          width: i.getAttribute('width'),
          height: i.getAttribute('height'),
          loading: i.getAttribute('loading'),
        })),
      );
      for (const img of imgs) {
        expect(Number(img.width), `${img.src} width`).toBeGreaterThan(0);
        expect(Number(img.height), `${img.src} height`).toBeGreaterThan(0);
      }
      // Above the fold: the header's logo and the first screenshot load at once; the rest lazily.
      const eager = imgs.filter((i) => i.loading !== 'lazy').map((i) => i.src);
      expect(eager).toEqual([logoSrc, ownerOrder[0]]);
      expect(await anon.getAttribute('a.try-it', 'href')).toBe(website);
      expect(await anon.textContent('a.try-it')).toBe('立即体验');
      expect(await anon.isVisible('.site-qr svg'), `QR code at ${width}`).toBe(width >= 768);
      const largest = await anon.getAttribute('.gallery li:first-child a', 'href');
      expect(largest).toMatch(/^\/media\/[0-9a-f]{32}-1280\.jpg$/);
      expect(await anon.getAttribute('meta[property="og:image"]', 'content')).toMatch(
        new RegExp(`${largest?.replace(/\./g, '\\.')}$`),
      );
      await clean(anon);
      await anon.screenshot({ path: `/tmp/pictures-${width}.png`, fullPage: true });
    }
    expect((await anon.goto(`${base}${ownerOrder[0]}`))?.status()).toBe(200);
    await visitor.close();
  });
});
