/**
 * The public pages in Chromium, in both languages, on a phone (360 px) and a desktop (1280 px):
 * axe (no rules disabled) finds nothing, nothing overflows sideways nor stacks a table's column
 * headers, the language switch keeps the page, and search works without JavaScript.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  axeViolations,
  launchBrowser,
  overflowsHorizontally,
  VisitTab,
  wrappedColumnHeaders,
} from './browser';
import { publicPages } from './public-paths';

const base = inject('workerUrl');
const file = inject('workerDbFile');
let browser: Browser;

const paths = (await publicPages(file)).map(([, path]) => path);
const localized = paths.flatMap((p) => [p, p === '/' ? '/en/' : `/en${p}`]);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Bytes of pictures a page may fetch on a phone before the visitor scrolls (decision 019). */
const IMAGE_BUDGET_BYTES = 150 * 1024;

async function imagesOnFirstView(page: import('playwright-core').Page) {
  await page.waitForLoadState('load');
  return page.evaluate(() => {
    const loaded = performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'img') as PerformanceResourceTiming[];
    const broken = [...document.images]
      .filter((img) => img.complete && img.currentSrc && img.naturalWidth === 0)
      .map((img) => img.currentSrc);
    return { bytes: loaded.reduce((sum, e) => sum + e.encodedBodySize, 0), broken };
  });
}

describe.each([
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 900 },
])('$name ($width px)', ({ width, height }) => {
  let tab: VisitTab;
  beforeAll(() => {
    tab = new VisitTab(browser, { viewport: { width, height } });
  });
  afterAll(() => tab.discard());

  it.each(localized)('%s passes axe and fits the screen', async (path) => {
    const page = await tab.open();
    try {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status()).toBe(200);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(await wrappedColumnHeaders(page)).toEqual([]);
      // Pictures on first view (lazy ones below the fold are not fetched): every one loads, and
      // together they stay within the budget.
      const images = await imagesOnFirstView(page);
      expect(images.broken, path).toEqual([]);
      // The budget is a phone's (issue 14): on a desktop more cards, and so more covers, show at once.
      if (width === 360) expect(images.bytes, path).toBeLessThanOrEqual(IMAGE_BUDGET_BYTES);
    } catch (err) {
      await tab.discard();
      throw err;
    }
  });
});

/** Everything a phone fetches for the product list's first view: page, CSS, JS, logos (issue 17). */
const FIRST_VIEW_BUDGET_BYTES = 100 * 1024;

describe('the product list on a phone', () => {
  it.each(['/products', '/en/products'])(
    '%s shows logos and fetches at most 100 KB on first view',
    async (path) => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      try {
        const page = await context.newPage();
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('load');
        const view = await page.evaluate(() => {
          const entries = [
            ...performance.getEntriesByType('navigation'),
            ...performance.getEntriesByType('resource'),
          ] as PerformanceResourceTiming[];
          return {
            // Bytes on the wire: headers and the (compressed) body.
            bytes: entries.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize), 0),
            files: entries.length,
            logos: [...document.querySelectorAll('main img.logo')].filter(
              (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
            ).length,
          };
        });
        console.log(
          `first view of ${path} at 360 px: ${view.bytes} bytes in ${view.files} files, ${view.logos} logos`,
        );
        expect(view.logos).toBeGreaterThan(0);
        expect(view.bytes).toBeLessThanOrEqual(FIRST_VIEW_BUDGET_BYTES);
      } finally {
        await context.close();
      }
    },
  );
});

describe('navigation', () => {
  it('switches language and keeps the page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/contests/agent-innovation-2026`);
    await page.click('a.lang-switch');
    expect(new URL(page.url()).pathname).toBe('/en/contests/agent-innovation-2026');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('a.lang-switch');
    expect(new URL(page.url()).pathname).toBe('/contests/agent-innovation-2026');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await context.close();
  });

  it('searches products with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/products`);
    await page.fill('input[name="q"]', '合同');
    await page.press('input[name="q"]', 'Enter');
    await page.waitForURL(/q=/);
    expect(await page.textContent('main')).toContain('法律智能体助手');
    await context.close();
  });
});
