/**
 * Searching the product list in Chromium on the built Worker: a search from the list's form shows
 * how many it found and ranks by relevance (name, then tagline, then the rest; votes within); next
 * and previous pages lead back to the same pages; a tag suggested by the field's <datalist> filters
 * in any case; an empty search suggests popular tags and a way out. At 360 px in Chinese and
 * 1280 px in English (searching an English word), axe finds nothing on any page visited.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '~/functions/db/client';
import { productSearchText } from '~/functions/services/products/product-search-text';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { axeViolations, launchBrowser, overflowsHorizontally, takeScreenshots } from './browser';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
let browser: Browser;

// Seven products that mention 鲸歌 (whale song): two in the name, two in the tagline, three in the
// description only, votes mixed so that relevance and votes disagree.
const FIXTURES = [
  {
    name: '鲸歌翻译',
    tagline: '把声音变成文字',
    description: '海洋声学工具。',
    votes: 3,
    nameEn: 'Whalesong Translator',
  },
  { name: '鲸歌笔记', tagline: '随手记录', description: '记录观察。', votes: 1 },
  { name: '海洋录音', tagline: '鲸歌采集与整理', description: '野外录音。', votes: 10 },
  { name: '声景地图', tagline: '城市与鲸歌声景', description: '声音地图。', votes: 0 },
  {
    name: '声音档案馆',
    tagline: '声音收藏',
    description: '收藏各类鲸歌录音。',
    votes: 20,
    descriptionEn: 'An archive of whalesong recordings.',
  },
  { name: '潮汐课堂', tagline: '海洋课程', description: '课堂上播放鲸歌。', votes: 5 },
  { name: '深海播客', tagline: '每周一期', description: '每期介绍一段鲸歌。', votes: 2 },
] as const;
const ids: number[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  const owner = await insertUser(db, { email: `e2e-search-${Date.now()}@example.com` });
  const company = await insertCompany(db, owner.id, { name: '鲸歌实验室' });
  for (const f of FIXTURES) {
    const text = {
      name: f.name,
      tagline: f.tagline,
      description: f.description,
      tags: ['海洋'],
      category: 'research',
      nameEn: 'nameEn' in f ? f.nameEn : null,
      descriptionEn: 'descriptionEn' in f ? f.descriptionEn : null,
    };
    const row = await insertProduct(db, company.id, {
      ...text,
      voteCount: f.votes,
      searchText: productSearchText(text),
    });
    ids.push(row.id);
  }
});
afterAll(async () => {
  await browser?.close();
});

let shots = 0;

/** axe finds nothing and nothing overflows sideways; a screenshot to look at goes to /tmp. */
async function clean(page: Page) {
  expect(await axeViolations(page), page.url()).toEqual([]);
  expect(await overflowsHorizontally(page), page.url()).toBe(false);
  const width = page.viewportSize()?.width ?? 0;
  if (takeScreenshots)
    await page.screenshot({ path: `/tmp/product-search-${width}-${++shots}.png`, fullPage: true });
}

/** The ids of the cards on the page, in order (from their links). */
async function cardIds(page: Page): Promise<number[]> {
  const hrefs = await page
    .locator('.product-card-title a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => Number(/\/products\/(\d+)$/.exec(href)?.[1]));
}

const countText = async (page: Page) => ((await page.locator('#product-count').textContent()) ?? '').trim();

describe.each([
  { locale: 'zh', width: 360, prefix: '', q: '鲸歌', expected: [0, 1, 2, 3, 4, 5, 6], found: /^找到 7 个/ },
  { locale: 'en', width: 1280, prefix: '/en', q: 'whalesong', expected: [0, 4], found: /^2 results/ },
])('$locale at $width px', ({ width, prefix, q, expected, found }) => {
  it('searches from the list: the count, relevance order, next and previous pages', async () => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${prefix}/products`);
      expect(await countText(page)).toMatch(prefix ? /^\d+ products/ : /^共 \d+ 个产品/);
      await page.fill('#product-q', q);
      await page.locator('form.product-search button[type="submit"]').click();
      await page.waitForURL(/q=/);
      // The sort field was left at its default: the search is ranked by relevance.
      expect(new URL(page.url()).searchParams.get('sort')).toBe('');
      expect(await countText(page)).toMatch(found);
      const all = expected.map((i) => ids[i] ?? 0);
      expect(await cardIds(page)).toEqual(all);
      await clean(page);

      // A few a page: forward to the end, then back to the start.
      const size = expected.length > 3 ? 3 : 1;
      await page.goto(`${page.url()}&limit=${size}`);
      const pages: number[][] = [];
      for (let start = 0; start < all.length; start += size) pages.push(all.slice(start, start + size));
      expect(await cardIds(page)).toEqual(pages[0]);
      expect(await page.locator('a[rel="prev"]').count()).toBe(0);
      for (let k = 1; k < pages.length; k++) {
        await page.locator('a[rel="next"]').click();
        await page.waitForLoadState('load');
        expect(await cardIds(page)).toEqual(pages[k]);
        expect(await countText(page)).toMatch(found);
      }
      expect(await page.locator('a[rel="next"]').count()).toBe(0);
      await clean(page);
      for (let k = pages.length - 2; k >= 0; k--) {
        await page.locator('a[rel="prev"]').click();
        await page.waitForLoadState('load');
        expect(await cardIds(page)).toEqual(pages[k]);
      }
      expect(new URL(page.url()).searchParams.has('cursor')).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('filters by a tag the field suggests, typed in another case', async () => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${prefix}/products`);
      const field = page.locator('#product-tag');
      expect(await field.getAttribute('list')).toBe('product-tag-suggestions');
      const suggested = await page
        .locator('#product-tag-suggestions option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''));
      expect(suggested.length).toBeGreaterThan(5);
      expect(suggested.length).toBeLessThanOrEqual(20);
      // The most used demo tag is a Latin one (agent): typed in capitals, it still matches.
      const tag = suggested.find((t) => /^[a-z]+$/.test(t)) ?? '';
      expect(tag).not.toBe('');
      // The filters are folded on first view (筛选与排序) and open once one is chosen.
      expect(await field.isVisible()).toBe(false);
      await page.locator('details.product-filters > summary').click();
      await field.fill(tag.toUpperCase());
      await page.locator('form.product-search button[type="submit"]').click();
      await page.waitForURL(/tag=/);
      expect(await page.locator('details.product-filters').getAttribute('open')).not.toBeNull();
      const cards = page.locator('.product-card');
      expect(await cards.count()).toBeGreaterThan(0);
      for (const tags of await page.locator('.product-card .product-tags').allInnerTexts()) {
        expect(tags.split(/\s+/)).toContain(tag);
      }
      expect(await countText(page)).toMatch(prefix ? /^\d+ products?/ : /^共 \d+ 个产品/);
      await clean(page);
    } finally {
      await context.close();
    }
  });

  it('an empty search suggests popular tags and clearing the search', async () => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${prefix}/products`);
      await page.fill('#product-q', prefix ? 'zzqqxx' : '查无此物');
      await page.locator('form.product-search button[type="submit"]').click();
      await page.waitForURL(/q=/);
      expect(await countText(page)).toMatch(prefix ? /^0 results/ : /^找到 0 个/);
      expect(await page.locator('.product-card').count()).toBe(0);
      const suggestions = page.locator('.product-suggested-tags a');
      expect(await suggestions.count()).toBeGreaterThan(5);
      const clear = page.locator('.product-empty a', { hasText: prefix ? 'Clear the search' : '清除搜索' });
      expect(await clear.getAttribute('href')).toBe(`${prefix}/products`);
      await clean(page);
      await suggestions.first().click();
      await page.waitForURL(/tag=/);
      expect(new URL(page.url()).searchParams.has('q')).toBe(false);
      expect(await page.locator('.product-card').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
