/** Steps shared by the browser journeys (front door, accounts): a page check and a form post. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, overflowsHorizontally, takeScreenshots } from './browser';

/**
 * axe finds nothing and nothing overflows sideways; a screenshot to look at goes to
 * /tmp/{name}-{width}-{n}.png (not in CI).
 */
export function pageChecker(name: string): (page: Page, what: string) => Promise<void> {
  let shots = 0;
  return async (page, what) => {
    expect(await axeViolations(page), `axe on ${what}`).toEqual([]);
    expect(await overflowsHorizontally(page), `${what} overflows sideways`).toBe(false);
    const width = page.viewportSize()?.width ?? 0;
    if (takeScreenshots)
      await page.screenshot({ path: `/tmp/${name}-${width}-${++shots}.png`, fullPage: true });
  };
}

/**
 * Presses a button and expects the POST to answer `status` (303 by default) and the browser to land
 * on `expected`; otherwise fails with the errors the page shows. Waits use the page's default timeout.
 */
export async function submit(page: Page, button: Locator, expected: RegExp, what: string, status = 303) {
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.request().resourceType() === 'document',
  );
  await button.click();
  const response = await posted;
  if (response.status() !== status) {
    await page.waitForLoadState('domcontentloaded');
    const errors = await page.locator('.form-error, .field-error').allTextContents();
    throw new Error(
      `${what}: POST answered ${response.status()} instead of ${status}; errors: ${errors.join(' | ')}`,
    );
  }
  await page.waitForURL(expected);
  await page.waitForLoadState('domcontentloaded');
}
