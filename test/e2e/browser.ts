/** Debian Chromium through playwright-core, with the flags this sandbox needs. */
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

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

/**
 * axe with every rule enabled: returns the violations as short strings for readable failures.
 * Legacy mode runs axe in the page itself instead of finishing in a second blank page (our pages
 * have no iframes), and only violations are collected in full: together about a third less CPU.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
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
