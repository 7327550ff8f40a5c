/** Debian Chromium through playwright-core, with the flags this sandbox needs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { default as axe, RunOptions } from 'axe-core';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** axe-core's minified build: the same version and rules as the full `axe.source`, half its size. */
const AXE_SOURCE = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve(
    'axe-core/axe.min.js',
  ),
  'utf8',
);
/** What @axe-core/playwright's legacy mode configures after injecting axe. */
const AXE_CONFIGURE =
  "axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } })";

/**
 * axe with every rule enabled: returns the violations as short strings for readable failures.
 * This is @axe-core/playwright's legacy mode (axe.run in the page itself, no second blank page; our
 * pages have no iframes) with only violations collected in full, minus its cost per call: it sent
 * the 1.3 MB unminified source twice on every call. Here the minified source goes into each
 * document (and frame) once, and a second check of the same document runs the axe already there.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  for (const frame of page.frames()) {
    if (await frame.evaluate("typeof window.axe?.run === 'function'")) continue;
    await frame.evaluate(AXE_SOURCE);
    await frame.evaluate(AXE_CONFIGURE);
  }
  const result = await page.evaluate(
    (options) => (window as unknown as { axe: typeof axe }).axe.run({ include: [], exclude: [] }, options),
    { resultTypes: ['violations'] } satisfies RunOptions,
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * The column headers (`thead th`) of the page's tables that wrap onto more than one line: on a phone
 * a wide table must scroll in its frame, not stack its headers' letters.
 */
export function wrappedColumnHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main thead th')]
      .filter((th) => {
        const text = document.createRange();
        text.selectNodeContents(th);
        const lineHeight = Number.parseFloat(getComputedStyle(th).lineHeight) || 24;
        return text.getBoundingClientRect().height > lineHeight * 1.5;
      })
      .map((th) => th.textContent?.trim() ?? ''),
  );
}

/** True when the page is wider than the viewport (a broken layout on a phone). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * Screenshots for a person to look at (under /tmp): taken in local runs, skipped in CI
 * (`E2E_SCREENSHOTS=0`), where nobody looks and each full-page shot costs a few hundred ms.
 */
export const takeScreenshots = process.env.E2E_SCREENSHOTS !== '0';

/**
 * One tab for a file's many page visits at one viewport. A new context and page per visit cost
 * about 0.4 s (a renderer process each), and every renderer compiled axe anew. The visits share the
 * tab but see what a fresh context would: `open` replaces the cookies with the visit's own, and
 * the HTTP cache is off (each visit fetches its styles and pictures, as the image budget counts).
 * After a failed visit, `discard` closes the tab: the next visit starts a new one.
 */
export class VisitTab {
  #page: Page | undefined;

  constructor(
    private readonly browser: Browser,
    private readonly options: BrowserContextOptions,
  ) {}

  /** The tab with only `cookies` set, ready for `goto`. */
  async open(cookies: Parameters<BrowserContext['addCookies']>[0] = []): Promise<Page> {
    if (!this.#page || this.#page.isClosed()) {
      const context = await this.browser.newContext(this.options);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      this.#page = page;
    }
    const context = this.#page.context();
    await context.clearCookies();
    if (cookies.length > 0) await context.addCookies(cookies);
    return this.#page;
  }

  async discard(): Promise<void> {
    const page = this.#page;
    this.#page = undefined;
    await page?.context().close();
  }
}
