/**
 * Every public page, in both languages, through the built Worker: it answers 200 with the right
 * <html lang>, makes at most one database round trip (Server-Timing), stays within the page budgets
 * (JS ≤ 10 KB and CSS ≤ 20 KB gzipped, HTML ≤ 60 KB), and anonymous GETs are served from the cache.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { publicPages } from '../e2e/public-paths';
import { roundTrips } from '../factories/app';
import { PAGES, pageFiles } from '../helpers/page-map';

const base = inject('workerUrl');
const file = inject('workerDbFile');
const BUDGET = { js: 10 * 1024, css: 20 * 1024, html: 60 * 1024 };

// One sample path per public page (test/e2e/public-paths.ts), plus filtered and searched lists and
// the finished contest: the page map's cached pages, each checked to have a sample below.
const samples = await publicPages(file);
const PUBLIC_PAGES = [
  ...samples.map(([, path]) => path),
  '/communities?district=jiangan',
  `/products?q=${encodeURIComponent('智能体')}`,
  '/products?kind=agent&sort=votes',
  '/contests/opc-ai-product-2025',
];
const pages = PUBLIC_PAGES.flatMap((path) => [path, path === '/' ? '/en/' : `/en${path}`]);

describe('the public page list', () => {
  it('has a sample of every cached page of the page map', () => {
    const pageRoutes = new Set(
      pageFiles()
        .filter((p) => p.file.endsWith('.astro'))
        .map((p) => p.route),
    );
    const cachedPages = Object.entries(PAGES)
      .filter(([route, rule]) => rule?.cached && pageRoutes.has(route))
      .map(([route]) => route);
    expect(cachedPages.length).toBeGreaterThan(10);
    expect(cachedPages.filter((route) => !samples.some(([sample]) => sample === route))).toEqual([]);
  });
});

/** A fresh cache key per request, so the page is rendered (not served from the cache). */
const uncached = (path: string) =>
  `${base}${path}${path.includes('?') ? '&' : '?'}t=${Math.random().toString(36).slice(2)}`;

async function assetBytes(html: string) {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => m[1] ?? '',
  );
  const styles = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  const gz = async (paths: string[]) => {
    let total = 0;
    for (const path of paths)
      total += gzipSync(Buffer.from(await (await fetch(new URL(path, base))).arrayBuffer())).length;
    return total;
  };
  return {
    js: (await gz(scripts)) + inline.reduce((sum, code) => sum + gzipSync(code).length, 0),
    css: await gz(styles),
  };
}

describe.each(pages)('%s', (path) => {
  it('answers 200 in its language within the round-trip and size budgets', async () => {
    const res = await fetch(uncached(path));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<html lang="${path.startsWith('/en') ? 'en' : 'zh-CN'}">`);
    expect(roundTrips(res)).toBeLessThanOrEqual(1);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(BUDGET.html);
    const { js, css } = await assetBytes(html);
    expect(js).toBeLessThanOrEqual(BUDGET.js);
    expect(css).toBeLessThanOrEqual(BUDGET.css);
  });
});

describe('page cache', () => {
  it('serves a repeated anonymous GET from the Cache API without touching the database', async () => {
    const path = `/communities?cache-test=${Math.random().toString(36).slice(2)}`;
    const first = await fetch(`${base}${path}`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    await first.text();
    let second = await fetch(`${base}${path}`);
    // cache.put runs after the response (waitUntil); give it a moment.
    for (let i = 0; i < 20 && second.headers.get('x-cache') !== 'HIT'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      second = await fetch(`${base}${path}`);
    }
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(roundTrips(second)).toBe(0);
    expect(await second.text()).toContain('<html lang="zh-CN">');
  });

  it('never serves or stores pages for a request with a session cookie', async () => {
    const path = `/communities?cookie-test=${Math.random().toString(36).slice(2)}`;
    const signedIn = await fetch(`${base}${path}`, { headers: { cookie: 'opc_session=abc.def' } });
    expect(signedIn.headers.get('x-cache')).toBeNull();
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = await fetch(`${base}${path}`);
    expect(anonymous.headers.get('x-cache')).toBe('MISS');
  });
});
