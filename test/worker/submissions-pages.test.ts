/**
 * 我的 and moderation pages through the built Worker: sign-in redirects, the localized 403, user text
 * escaped (script tags shown as text, never markup), forms posting to their own page (303 / 422 /
 * 409), round trips within budget, and the upvote form's redirect.
 */

import { describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { creditCodeCheckChar } from '~/functions/lib/credit-code';
import { roundTrips } from '../factories/app';
import { insertCompany as insertCompanyRow, insertProduct, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(`file:${inject('workerDbFile')}`);
const db = createDb(client);
const unique = () => Math.random().toString(36).slice(2);

/** A random valid credit code: the shared Worker database outlives the factories' per-file counters. */
function creditCode(): string {
  const body = `91420100MA${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}
const insertCompany = (...[database, ownerId, overrides = {}]: Parameters<typeof insertCompanyRow>) =>
  insertCompanyRow(database, ownerId, { creditCode: creditCode(), ...overrides });

async function signedIn(overrides: Parameters<typeof insertUser>[1] = {}) {
  const user = await insertUser(db, { email: `pages-${unique()}@example.com`, ...overrides });
  const { token } = await createSession(db, user.id, new Date('2026-11-25T01:00:00Z'));
  return { user, cookie: `${SESSION_COOKIE}=${token}` };
}

const get = (path: string, cookie?: string) =>
  fetch(`${base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

const postForm = (path: string, cookie: string, fields: Record<string, string>) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe('我的 pages', () => {
  it('send anonymous visitors to sign in and back, in their language', async () => {
    const zh = await get('/me/products/new');
    expect(zh.status).toBe(303);
    expect(zh.headers.get('location')).toBe(`/signin?next=%2Fme%2Fproducts%2Fnew`);
    const en = await get('/en/me');
    expect(en.headers.get('location')).toBe(`/en/signin?next=%2Fen%2Fme`);
  });

  it('show statuses and reasons, escaping user text: script tags appear as text, never as markup', async () => {
    const { user, cookie } = await signedIn();
    const company = await insertCompany(db, user.id, {
      name: '<b>粗体公司</b>',
      status: 'rejected',
      rejectionReason: '<script>alert("reason")</script>请补充材料',
    });
    await insertProduct(db, company.id, {
      ownerId: user.id,
      status: 'rejected',
      name: '<script>alert("name")</script>',
      rejectionReason: '<img src=x onerror=alert(1)>',
    });
    const res = await get('/me', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(roundTrips(res)).toBeLessThanOrEqual(2);
    const html = await res.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>粗体公司</b>');
    expect(html).toContain('&lt;b&gt;粗体公司&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;reason&quot;)&lt;/script&gt;请补充材料');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('未通过');
  });

  it('register a company through the form: 422 with field errors, 303 to 我的, 409 for a duplicate code', async () => {
    const { cookie } = await signedIn();
    const fields = {
      name: '表单一人公司',
      creditCode: creditCode().toLowerCase(),
      founderName: '王五',
      district: 'qiaokou',
      businessScope: '软件开发',
      website: '',
      idempotencyKey: `form-${unique()}`,
    };
    const invalid = await postForm('/me/companies/new', cookie, {
      ...fields,
      creditCode: '91350100M000100Y44',
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('统一社会信用代码应为 18 位，且校验位正确。');
    const created = await postForm('/me/companies/new', cookie, fields);
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`/me?done=company`);
    const duplicate = await postForm('/en/me/companies/new', cookie, {
      ...fields,
      idempotencyKey: `form-${unique()}`,
    });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toContain(
      'A company with this unified social credit code is already registered.',
    );
  });
});

describe('moderation pages', () => {
  it('answer the localized 403 to founders and render for organizers within two round trips', async () => {
    const founder = await signedIn();
    const organizer = await signedIn({ role: 'organizer' });
    const refused = await get('/en/admin/companies', founder.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Access denied');
    for (const path of ['/admin', '/admin/companies', '/admin/products', '/admin/memberships']) {
      const res = await get(path, organizer.cookie);
      expect(res.status, path).toBe(200);
      expect(roundTrips(res), path).toBeLessThanOrEqual(2);
    }
    expect((await get('/admin/roles', organizer.cookie)).status).toBe(403);
  });

  it('refuse approving a product of an unverified company with the message on the page', async () => {
    const organizer = await signedIn({ role: 'organizer' });
    const owner = await signedIn();
    const company = await insertCompany(db, owner.user.id, { status: 'pending' });
    const product = await insertProduct(db, company.id, { ownerId: owner.user.id, status: 'pending' });
    const res = await postForm('/admin/products', organizer.cookie, {
      id: String(product.id),
      target: 'product',
      decision: 'approve',
      reason: '',
      idempotencyKey: `decide-${unique()}`,
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('这家公司尚未通过认证，产品暂不能上线：请先认证公司。');
  });
});

// Concurrent upvotes over HTTP: test/worker/submission-concurrency.test.ts.
describe('the upvote form', () => {
  it('the vote form answers 303 back to the product page', async () => {
    const maker = await insertUser(db, { email: `maker-${unique()}@example.com` });
    const product = await insertProduct(db, (await insertCompany(db, maker.id)).id);
    const { cookie } = await signedIn();
    const res = await postForm(`/en/products/${product.id}/vote`, cookie, { intent: 'vote' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/en/products/${product.id}#vote`);
    const count = await client.execute({
      sql: 'SELECT vote_count FROM products WHERE id = ?',
      args: [product.id],
    });
    expect(Number(count.rows[0]?.vote_count)).toBe(1);
  });
});
