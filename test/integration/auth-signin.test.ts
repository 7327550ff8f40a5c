import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { SESSION_ABSOLUTE_MS, SESSION_LIFETIME_MS } from '~/functions/auth/session';
import { sessions, users } from '~/functions/db/schema';
import { testApp } from '../factories/app';
import { postJson, sessionFrom, signUpBody, signUpVerified } from '../factories/auth';
import { testConfig } from '../factories/db';
import { insertUser } from '../factories/records';

const { app, db, clock, hasher } = await testApp({ config: testConfig({ rateLimits: false }) });
const DAY = 86_400_000;

/** An account signed up and verified through the mailed link, which signed it in. */
const signUp = () => signUpVerified(app, db);

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

describe('POST /api/v1/auth/login', () => {
  it('signs in with the right password, case-insensitively on the email', async () => {
    const account = await signUp();
    const res = await postJson(app, '/api/v1/auth/login', {
      email: account.email.toUpperCase(),
      password: account.password,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: account.id, email: account.email, emailVerified: true });
    expect(res.headers.getSetCookie()[0]).toMatch(
      /^opc_session=[a-z2-7]+\.[a-z2-7]+; Path=\/; HttpOnly; SameSite=Lax/,
    );
  });

  it('answers an unknown email and a wrong password alike, and hashes once in both cases', async () => {
    const account = await signUp();
    const headers = { 'x-request-id': 'same-request-id-1' };
    const before = hasher.calls.verify;
    const unknown = await postJson(
      app,
      '/api/v1/auth/login',
      { email: 'nobody-here@example.com', password: 'whatever-it-is' },
      { headers },
    );
    expect(hasher.calls.verify).toBe(before + 1);
    const wrong = await postJson(
      app,
      '/api/v1/auth/login',
      { email: account.email, password: 'whatever-it-is' },
      { headers },
    );
    expect(hasher.calls.verify).toBe(before + 2);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    expect(await wrong.text()).toBe(await unknown.text());
    expect(unknown.headers.getSetCookie()).toEqual([]);
  });

  it('answers an unverified account like a wrong password, after the same work', async () => {
    const body = signUpBody();
    expect((await postJson(app, '/api/v1/auth/signup', body)).status).toBe(202);
    const headers = { 'x-request-id': 'same-request-id-3' };
    const before = hasher.calls.verify;
    const unverified = await postJson(
      app,
      '/api/v1/auth/login',
      { email: body.email, password: body.password },
      { headers },
    );
    expect(hasher.calls.verify).toBe(before + 1);
    const unknown = await postJson(
      app,
      '/api/v1/auth/login',
      { email: 'nobody-here@example.com', password: body.password },
      { headers },
    );
    expect(unverified.status).toBe(401);
    expect(await unverified.text()).toBe(await unknown.text());
    expect(unverified.headers.getSetCookie()).toEqual([]);
    const [user] = await db.select().from(users).where(eq(users.email, body.email));
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, user?.id ?? 0)),
    ).toEqual([]);
  });

  it('says in the wrong-password message that a new account opens its mailed link first', async () => {
    const zh = await postJson(app, '/api/v1/auth/login', { email: 'nobody@example.com', password: 'x' });
    expect(await zh.json()).toMatchObject({
      code: 'invalid_credentials',
      detail: '邮箱或密码不正确。新注册的账号需要先打开验证邮件中的链接。',
    });
    const en = await postJson(
      app,
      '/api/v1/auth/login',
      { email: 'nobody@example.com', password: 'x' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(((await en.json()) as { detail: string }).detail).toBe(
      'The email or password is not correct. A new account must first open the link mailed to it.',
    );
  });

  it('upgrades a stored hash made with weaker parameters', async () => {
    const weak = await createPasswordHasher(testConfig().passwordPepper, 500).hash('old-but-fine-pass');
    const user = await insertUser(db, { passwordHash: weak });
    expect(hasher.needsRehash(weak)).toBe(true);
    const res = await postJson(app, '/api/v1/auth/login', {
      email: user.email,
      password: 'old-but-fine-pass',
    });
    expect(res.status).toBe(200);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(hasher.needsRehash(row?.passwordHash ?? '')).toBe(false);
    // The new hash still verifies.
    const again = await postJson(app, '/api/v1/auth/login', {
      email: user.email,
      password: 'old-but-fine-pass',
    });
    expect(again.status).toBe(200);
  });
});

describe('sessions', () => {
  it('slide forward when past half their life and end after 30 idle days', async () => {
    const start = clock.now();
    const account = await signUp();
    clock.advance(14 * DAY);
    const early = await app.request('/api/v1/me', { headers: { cookie: account.cookie } });
    expect(early.status).toBe(200);
    expect(early.headers.getSetCookie()).toEqual([]); // more than half the lifetime left

    clock.advance(2 * DAY); // 16 days in: less than half left → the expiry moves
    const slid = await app.request('/api/v1/me', { headers: { cookie: account.cookie } });
    expect(slid.status).toBe(200);
    const refreshed = slid.headers.getSetCookie()[0] ?? '';
    expect(refreshed).toContain(account.cookie);
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, account.id));
    expect(row?.expiresAt.getTime()).toBe(clock.now().getTime() + SESSION_LIFETIME_MS);

    clock.advance(SESSION_LIFETIME_MS - 1000);
    expect((await app.request('/api/v1/me', { headers: { cookie: account.cookie } })).status).toBe(200);
    clock.advance(SESSION_LIFETIME_MS + 1000);
    const expired = await app.request('/api/v1/me', { headers: { cookie: account.cookie } });
    expect(expired.status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.userId, account.id))).toHaveLength(0);
    clock.set(start);
  });

  it('end 90 days after sign-in even when used every day (absolute cap)', async () => {
    const start = clock.now();
    const account = await signUp();
    const me = () => app.request('/api/v1/me', { headers: { cookie: account.cookie } });
    for (let day = 1; day < 90; day++) {
      clock.advance(DAY);
      expect((await me()).status, `day ${day}`).toBe(200);
    }
    // The last slide stops at the cap: the cookie never outlives it.
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, account.id));
    expect(row?.expiresAt.getTime()).toBe(start.getTime() + SESSION_ABSOLUTE_MS);
    clock.set(new Date(start.getTime() + SESSION_ABSOLUTE_MS));
    expect((await me()).status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.userId, account.id))).toHaveLength(0);
    clock.set(start);
  });

  it('refuses a forged secret for a real session id', async () => {
    const account = await signUp();
    const [id] = account.cookie.replace('opc_session=', '').split('.');
    const res = await app.request('/api/v1/me', {
      headers: { cookie: `opc_session=${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa` },
    });
    expect(res.status).toBe(401);
  });

  it('logout ends this session and clears the cookie', async () => {
    const account = await signUp();
    const res = await postJson(app, '/api/v1/auth/logout', undefined, { cookie: account.cookie });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^opc_session=; .*Max-Age=0/),
      expect.stringMatching(/^opc_me=; .*Max-Age=0/),
    ]);
    expect((await app.request('/api/v1/me', { headers: { cookie: account.cookie } })).status).toBe(401);
  });

  it('logout-all ends every session of the user, not those of others', async () => {
    const account = await signUp();
    const other = await signUp();
    const second = sessionFrom(
      await postJson(app, '/api/v1/auth/login', { email: account.email, password: account.password }),
    );
    expect((await app.request('/api/v1/me', { headers: { cookie: second } })).status).toBe(200);

    const res = await postJson(app, '/api/v1/auth/logout-all', undefined, { cookie: account.cookie });
    expect(res.status).toBe(204);
    for (const cookie of [account.cookie, second])
      expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await app.request('/api/v1/me', { headers: { cookie: other.cookie } })).status).toBe(200);
    expect((await postJson(app, '/api/v1/auth/logout-all', undefined)).status).toBe(401);
  });

  it('refuses a sign-in posted from another site', async () => {
    const account = await signUp();
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    expect(res.status).toBe(403);
  });
});

describe('the session cookie outside plain-HTTP loopback', () => {
  const site = 'https://opc.example.com';
  const https = (path: string, init: RequestInit = {}) =>
    app.request(`${site}${path}`, {
      ...init,
      headers: { origin: site, 'content-type': 'application/json', ...init.headers },
    });

  it('is named with the __Host- prefix: Secure, Path=/, no Domain', async () => {
    const account = await signUp();
    const res = await https('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    expect(res.status).toBe(200);
    const [set] = res.headers.getSetCookie();
    expect(set).toMatch(
      /^__Host-opc_session=[a-z2-7]+\.[a-z2-7]+; Path=\/; HttpOnly; SameSite=Lax; .*Secure/,
    );
    expect(set).not.toMatch(/Domain=/i);
    const token = set?.split(';')[0]?.split('=')[1] ?? '';

    // The prefixed cookie signs in over HTTPS; the same token under the plain name (which a subdomain
    // could plant) does not.
    const withPrefix = await https('/api/v1/me', { headers: { cookie: `__Host-opc_session=${token}` } });
    expect(withPrefix.status).toBe(200);
    expect(withPrefix.headers.get('cache-control')).toBe('private, no-store');
    const planted = await https('/api/v1/me', { headers: { cookie: `opc_session=${token}` } });
    expect(planted.status).toBe(401);
    expect(planted.headers.get('cache-control')).toBe('private, no-store');

    const out = await https('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie: `__Host-opc_session=${token}` },
    });
    expect(out.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-opc_session=; .*Max-Age=0.*Secure/),
      expect.stringMatching(/^__Host-opc_me=; .*Max-Age=0.*Secure/),
    ]);
  });

  it('keeps the plain name on http://localhost, where a browser refuses Secure cookies', async () => {
    const account = await signUp();
    expect(account.cookie).toMatch(/^opc_session=/);
    const res = await app.request('http://localhost/api/v1/me', {
      headers: { cookie: `__Host-${account.cookie}` },
    });
    expect(res.status).toBe(401);
  });
});
