/**
 * The built Worker in workerd (wrangler dev on dist/server), as production runs it, talking over
 * HTTP to the local libSQL endpoint on a freshly seeded database: real requests through the runtime.
 */
import { createClient } from '@libsql/client';
import { describe, expect, inject, it } from 'vitest';
import { roundTrips } from '../factories/app';

const base = inject('workerUrl');
const file = inject('workerDbFile');

async function count(sql: string): Promise<number> {
  const client = createClient({ url: `file:${file}` });
  const result = await client.execute(sql);
  client.close();
  return Number(result.rows[0]?.[0]);
}

describe('the built Worker in workerd', () => {
  it('answers the health check after a round trip to the local libSQL endpoint', async () => {
    const res = await fetch(`${base}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
    expect(roundTrips(res)).toBe(1);
  });

  it('renders the Chinese home page with live figures read from the database in one round trip', async () => {
    // A query string of its own misses the page cache, so the page is rendered here.
    const res = await fetch(`${base}/?home-figures`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    const verified = await count("SELECT count(*) FROM companies WHERE status = 'verified'");
    const agents = await count("SELECT count(*) FROM products WHERE status = 'approved' AND kind = 'agent'");
    expect(html).toContain(`data-figure="figure.companies"><span class="figure-value">${verified}</span>`);
    expect(html).toContain(`data-figure="figure.agents"><span class="figure-value">${agents}</span>`);
    expect(roundTrips(res)).toBe(1);
  });

  it('renders English at /en/ with hreflang alternates and a switch back to Chinese', async () => {
    const html = await (await fetch(`${base}/en/`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<link rel="alternate" hreflang="zh-CN" href="[^"]+\/"/);
    expect(html).toMatch(/<a class="lang-switch" href="\/"/);
  });

  it('answers unknown pages with a localized 404 page', async () => {
    const zh = await fetch(`${base}/no-such-page`);
    expect(zh.status).toBe(404);
    expect(await zh.text()).toContain('页面不存在');
    const en = await fetch(`${base}/en/no-such-page`);
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('Page not found');
  });

  it('sends the security headers on pages, API answers and static assets', async () => {
    for (const path of ['/', '/api/v1/health', '/favicon.svg']) {
      const res = await fetch(`${base}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('strict-transport-security'), path).toContain('max-age=');
    }
  });

  it('answers API errors as problem+json in the language of Accept-Language', async () => {
    const res = await fetch(`${base}/api/v1/nothing-here`, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      code: 'not_found',
      detail: 'The requested resource was not found.',
    });
  });

  it('refuses a form POST from a foreign origin', async () => {
    const res = await fetch(`${base}/`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.status).toBe(403);
  });
});
