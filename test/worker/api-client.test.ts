/**
 * Another system's view of the API, through the built Worker in workerd: a person creates a personal
 * access token on /me/tokens without JavaScript (shown once), and a client generated from the OpenAPI
 * document (openapi-typescript types in test/generated/opc-api.ts, openapi-fetch) uses it to search
 * products in Chinese, submit a product, register for an event and read the problem+json of refused
 * requests. The types are checked against the document by test/integration/openapi-contract.test.ts,
 * so the document cannot drift from the code without a test failing. Revoking on the page ends it.
 */
import createClient from 'openapi-fetch';
import { describe, expect, inject, it } from 'vitest';
import { TOKEN_PATTERN } from '~/functions/auth/scopes';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { insertCompany, insertEvent, insertUser } from '../factories/records';
import type { paths } from '../generated/opc-api';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const db = createDb(await workerClient(inject('workerDbClientUrl')));

const person = await insertUser(db, { email: `api-client-${Date.now().toString(36)}@example.com` });
const { token: sessionToken } = await createSession(db, person.id, new Date('2026-11-25T01:00:00Z'));
const cookie = `${SESSION_COOKIE}=${sessionToken}`;
const company = await insertCompany(db, person.id);
const event = await insertEvent(db, `api-client-${Date.now().toString(36)}`, { capacity: 10 });

const keyOf = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1] ?? '';
const page = async (path: string, cookies: string) => {
  const res = await fetch(`${base}${path}`, { headers: { cookie: cookies }, redirect: 'manual' });
  return { res, html: await res.text() };
};
/** Posts a form of /me/tokens as the browser would, with the page's idempotency key. */
async function post(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams({ idempotencyKey: keyOf((await page('/me/tokens', cookie)).html) });
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return fetch(`${base}/me/tokens`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', cookie },
    body,
  });
}
/** Creates a token on the page and reads it from the page it lands on, as a person would. */
async function tokenFromPage(scopes: string[]): Promise<string> {
  const created = await post({ intent: 'create', name: '数据平台同步', scopes, expiresInDays: '30' });
  expect(created.status).toBe(303);
  expect(created.headers.get('location')).toBe('/me/tokens?done=created');
  const flash = created.headers.getSetCookie().find((c) => c.startsWith('opc_new_token='));
  expect(flash).toMatch(/HttpOnly/);
  const carried = (flash ?? '').split(';')[0] ?? '';
  const shown = await page('/me/tokens?done=created', `${cookie}; ${carried}`);
  expect(shown.res.headers.get('cache-control')).toBe('private, no-store');
  const token = /opc_pat_[a-z2-7]{16}_[a-z2-7]{32}/.exec(shown.html)?.[0] ?? '';
  expect(token).toMatch(TOKEN_PATTERN);
  // Shown once: the page clears the cookie, and without it the token is nowhere on the page.
  expect(shown.res.headers.getSetCookie().some((c) => /^opc_new_token=;.*Max-Age=0/i.test(c))).toBe(true);
  expect((await page('/me/tokens?done=created', cookie)).html).not.toContain(token);
  return token;
}

const api = (token: string, language = 'zh-CN') =>
  createClient<paths>({
    baseUrl: base,
    headers: { authorization: `Bearer ${token}`, 'accept-language': language },
  });

let token = '';

describe('a personal access token made on the account page', () => {
  it('is shown once after the form, and refused form input re-renders with field errors', async () => {
    const refused = await post({ intent: 'create', name: '', expiresInDays: '30' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('aria-invalid="true"');
    token = await tokenFromPage(['read', 'write']);
  });

  it('lists products with a Chinese search through the generated client', async () => {
    const { data, error, response } = await api(token).GET('/api/v1/products', {
      params: { query: { q: '医疗' } },
    });
    expect(error).toBeUndefined();
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(data?.items.length).toBeGreaterThan(0);
    for (const item of data?.items ?? []) expect(JSON.stringify(item)).toContain('医疗');
  });

  it('submits a product and registers for an event', async () => {
    const client = api(token);
    const submitted = await client.POST('/api/v1/products', {
      body: {
        companyId: company.id,
        name: '病历摘要智能体',
        tagline: '三分钟读完一份病历',
        description: '上传病历，自动整理要点。',
        website: 'https://agent.example.com',
        kind: 'agent',
        category: 'healthcare',
        tags: ['医疗'],
      },
    });
    expect(submitted.error, JSON.stringify(submitted.error)).toBeUndefined();
    expect(submitted.response.status).toBe(201);
    expect(submitted.data?.status).toBe('pending');

    const registered = await client.PUT('/api/v1/events/{slug}/registration', {
      params: { path: { slug: event.slug } },
      body: { answers: {} },
    });
    expect(registered.error, JSON.stringify(registered.error)).toBeUndefined();
    expect(registered.data?.created).toBe(true);
    expect(registered.data?.event.registration?.status).toBe('confirmed');
  });

  it('reads refusals as problem+json in the language asked for', async () => {
    const invalid = await api(token, 'en').POST('/api/v1/products', {
      body: {
        companyId: company.id,
        name: '',
        tagline: '',
        description: '',
        website: 'javascript:alert(1)',
        kind: 'agent',
        category: 'healthcare',
        tags: [],
      },
    });
    expect(invalid.response.status).toBe(422);
    expect(invalid.response.headers.get('content-type')).toContain('application/problem+json');
    expect(invalid.error?.code).toBe('validation_failed');
    expect(Object.keys(invalid.error?.errors ?? {})).toEqual(expect.arrayContaining(['name', 'website']));
    expect(invalid.error?.title).toMatch(/[A-Za-z]/);

    const readOnly = await tokenFromPage(['read']);
    const scoped = await api(readOnly).DELETE('/api/v1/events/{slug}/registration', {
      params: { path: { slug: event.slug } },
    });
    expect([scoped.response.status, scoped.error?.code]).toEqual([403, 'insufficient_scope']);
    expect(scoped.error?.detail).toContain('write');
  });

  it('is revoked by an organizer on /admin/tokens', async () => {
    const spare = await tokenFromPage(['read']);
    const organizer = await insertUser(db, {
      role: 'organizer',
      email: `revoker-${Date.now().toString(36)}@example.com`,
    });
    const { token: orgSession } = await createSession(db, organizer.id, new Date('2026-11-25T01:00:00Z'));
    const orgCookie = `${SESSION_COOKIE}=${orgSession}`;
    const listed = await page('/admin/tokens', orgCookie);
    const id = TOKEN_PATTERN.exec(spare)?.[1] ?? '';
    expect(listed.html).toContain(`value="${id}"`);
    expect(listed.html).not.toContain(spare);
    const revoked = await fetch(`${base}/admin/tokens`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', cookie: orgCookie },
      body: new URLSearchParams({ idempotencyKey: keyOf(listed.html), intent: 'revoke', tokenId: id }),
    });
    expect([revoked.status, revoked.headers.get('location')]).toEqual([303, '/admin/tokens?done=revoked']);
    expect((await api(spare).GET('/api/v1/me')).response.status).toBe(401);
  });

  it('stops working the moment it is revoked on the page', async () => {
    const id = TOKEN_PATTERN.exec(token)?.[1] ?? '';
    const revoked = await post({ intent: 'revoke', tokenId: id });
    expect([revoked.status, revoked.headers.get('location')]).toEqual([303, '/me/tokens?done=revoked']);
    const after = await api(token).GET('/api/v1/me');
    expect([after.response.status, after.error?.code]).toEqual([401, 'access_token_invalid']);
  });
});

describe('webhooks through the built Worker', () => {
  it('are registered on /admin/webhooks (secret shown once) and, locally, recorded at /dev/outbox signed', async () => {
    const organizer = await insertUser(db, {
      role: 'organizer',
      email: `hooks-${Date.now().toString(36)}@example.com`,
    });
    const { token: orgSession } = await createSession(db, organizer.id, new Date('2026-11-25T01:00:00Z'));
    const orgCookie = `${SESSION_COOKIE}=${orgSession}`;
    const form = await page('/admin/webhooks', orgCookie);
    expect(form.res.status).toBe(200);
    const body = new URLSearchParams({
      idempotencyKey: keyOf(form.html),
      intent: 'create',
      url: 'https://hooks.example.com/worker',
    });
    body.append('events', 'event.published');
    const created = await fetch(`${base}/admin/webhooks`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', cookie: orgCookie },
      body,
    });
    expect([created.status, created.headers.get('location')]).toEqual([303, '/admin/webhooks?done=created']);
    const carried = (
      created.headers.getSetCookie().find((c) => c.startsWith('opc_new_webhook_secret=')) ?? ''
    ).split(';')[0];
    const shown = await page('/admin/webhooks?done=created', `${orgCookie}; ${carried}`);
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(shown.html)?.[0] ?? '';
    expect(secret).toMatch(/^whsec_/);
    expect((await page('/admin/webhooks?done=created', orgCookie)).html).not.toContain(secret);

    const slug = `hook-worker-${Date.now().toString(36)}`;
    const published = await fetch(`${base}/api/v1/admin/events`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json', cookie: orgCookie },
      body: JSON.stringify({
        slug,
        titleZh: '钩子活动',
        summaryZh: '简介',
        descriptionZh: '介绍',
        venueZh: '江岸区',
        startsAt: '2026-12-20T14:00:00+08:00',
        endsAt: '2026-12-20T16:00:00+08:00',
        publish: true,
      }),
    });
    expect(published.status).toBe(201);
    // Delivered after the response (waitUntil): recorded, not sent, in a local run.
    let outbox = '';
    for (let i = 0; i < 20 && !outbox.includes(slug); i++) {
      outbox = (await page('/dev/outbox', '')).html;
      if (!outbox.includes(slug)) await new Promise((r) => setTimeout(r, 100));
    }
    const block = outbox.split('class="card outbox-webhook"').find((b) => b.includes(slug)) ?? '';
    expect(block).toContain('event.published');
    expect(block).toContain('https://hooks.example.com/worker');
    expect(block).toMatch(/webhook-signature: v1,[A-Za-z0-9+/=]+/);
    expect(block).not.toContain(secret);
    const listed = await page('/admin/webhooks', orgCookie);
    expect(listed.html).toContain('已记录（本地）');
  });
});
