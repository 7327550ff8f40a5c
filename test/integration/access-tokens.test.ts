/**
 * Personal access tokens (decision 021): created with a session and shown once, stored as a hash,
 * accepted as `Authorization: Bearer` with the owner's rights narrowed by the scopes, refused where
 * only a session will do, revoked at once, dead with the account or past their expiry, counted by
 * their own rate limit, audited; a person's 21st live token is refused even when requests race.
 */
import { and, eq, gt } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_PATTERN } from '~/functions/auth/scopes';
import type { Db } from '~/functions/db/client';
import { accessTokens, auditLog, users } from '~/functions/db/schema';
import { isAppError } from '~/functions/lib/errors';
import { TOKENS_PER_USER } from '~/functions/schemas/tokens';
import { createToken } from '~/functions/services/tokens/create-token';
import { type Json, testApp } from '../factories/app';
import { testConfig } from '../factories/db';
import { insertCompany, insertUser } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { productBody, signedIn } from '../factories/submissions';
import { beforeFirstBatch } from '../helpers/before-first-batch';

const NOW = '2026-11-25T10:00:00+08:00';
type Env = Awaited<ReturnType<typeof testApp>>;

async function call(
  env: Env,
  method: string,
  path: string,
  auth: { cookie?: string; token?: string },
  payload?: unknown,
  extra: Record<string, string> = {},
) {
  const headers = writeHeaders(auth.cookie, extra);
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const res = await env.app.request(`/api/v1${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  return { res, status: res.status, body: (await res.json().catch(() => ({}))) as Json };
}

async function mint(env: Env, cookie: string, scopes: string[], expiresInDays = 30) {
  const { status, body } = await call(
    env,
    'POST',
    '/me/tokens',
    { cookie },
    { name: '同步脚本', scopes, expiresInDays },
  );
  expect(status, JSON.stringify(body)).toBe(201);
  return body as Json & { token: string; id: string };
}

let env: Env;
let founder: Awaited<ReturnType<typeof signedIn>>;
let organizer: Awaited<ReturnType<typeof signedIn>>;
beforeEach(async () => {
  env = await testApp({ now: NOW, config: testConfig({ rateLimits: false }) });
  founder = await signedIn(env.db);
  organizer = await signedIn(env.db, { role: 'organizer' });
});

describe('creating a token', () => {
  it('shows the token once, keeps only a hash, and lists it without the secret', async () => {
    const created = await mint(env, founder.cookie, ['read', 'write', 'read']);
    expect(created.token).toMatch(TOKEN_PATTERN);
    expect(created.token.startsWith(`opc_pat_${created.id}_`)).toBe(true);
    expect(created.scopes).toEqual(['read', 'write']);
    expect(created.expiresAt).toBe('2026-12-25T10:00:00+08:00');

    const secret = created.token.split('_').at(-1) ?? '';
    const stored = await env.client.execute('select * from access_tokens');
    expect(JSON.stringify(stored.rows)).not.toContain(secret);

    const listed = await call(env, 'GET', '/me/tokens', { cookie: founder.cookie });
    expect(listed.body.items).toEqual([
      {
        id: created.id,
        name: '同步脚本',
        scopes: ['read', 'write'],
        createdAt: created.createdAt,
        expiresAt: created.expiresAt,
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    // The PIPL export names it too, without the secret or its hash.
    const exported = await call(env, 'GET', '/me/export', { cookie: founder.cookie });
    expect(exported.body.accessTokens.map((t: Json) => [t.name, t.scopes])).toEqual([
      ['同步脚本', ['read', 'write']],
    ]);
    expect(JSON.stringify(exported.body)).not.toContain(secret);
  });

  it('refuses scopes the role may not hold, expiries past a year, and names that are markup', async () => {
    const admin = await call(
      env,
      'POST',
      '/me/tokens',
      { cookie: founder.cookie },
      { name: 'x', scopes: ['admin:read'] },
    );
    expect([admin.status, Object.keys(admin.body.errors ?? {})]).toEqual([422, ['scopes']]);
    const long = await call(
      env,
      'POST',
      '/me/tokens',
      { cookie: founder.cookie },
      { name: 'x', scopes: ['read'], expiresInDays: 366 },
    );
    expect([long.status, Object.keys(long.body.errors ?? {})]).toEqual([422, ['expiresInDays']]);
    const markup = await call(
      env,
      'POST',
      '/me/tokens',
      { cookie: founder.cookie },
      { name: '<b>x', scopes: ['read'] },
    );
    expect([markup.status, Object.keys(markup.body.errors ?? {})]).toEqual([422, ['name']]);
    expect((await env.client.execute('select count(*) as n from access_tokens')).rows[0]?.n).toBe(0);
    // An organizer may hold the admin scopes.
    expect((await mint(env, organizer.cookie, ['admin:read'])).scopes).toEqual(['admin:read']);
  });

  it('writes an audit row for every creation and revocation', async () => {
    const created = await mint(env, founder.cookie, ['read']);
    expect((await call(env, 'DELETE', `/me/tokens/${created.id}`, { cookie: founder.cookie })).status).toBe(
      204,
    );
    const rows = await env.db.select().from(auditLog).where(eq(auditLog.targetId, created.id));
    expect(rows.map((r) => r.action)).toEqual(['token.create', 'token.revoke']);
  });
});

describe('using a token', () => {
  it('acts as its owner: reads what they may read and writes with the write scope', async () => {
    const company = await insertCompany(env.db, founder.user.id);
    const { token } = await mint(env, founder.cookie, ['read', 'write']);
    const me = await call(env, 'GET', '/me', { token });
    expect([me.status, me.body.id]).toEqual([200, founder.user.id]);
    expect(me.res.headers.get('cache-control')).toBe('private, no-store');
    const submitted = await call(env, 'POST', '/products', { token }, productBody(company.id));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const [row] = await env.db.select().from(accessTokens);
    expect(row?.lastUsedAt?.getTime()).toBe(new Date(NOW).getTime());
  });

  it('is narrowed by its scopes: a read token cannot write, an admin read token cannot decide', async () => {
    const company = await insertCompany(env.db, founder.user.id);
    const read = (await mint(env, founder.cookie, ['read'])).token;
    const refused = await call(env, 'POST', '/products', { token: read }, productBody(company.id), {
      'accept-language': 'en',
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'insufficient_scope']);
    expect(refused.body.detail).toContain('write');
    expect(refused.res.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="write"',
    );

    const adminRead = (await mint(env, organizer.cookie, ['admin:read'])).token;
    expect((await call(env, 'GET', '/admin/overview', { token: adminRead })).status).toBe(200);
    const pending = await insertCompany(env.db, founder.user.id, { status: 'pending' });
    const decide = await call(
      env,
      'POST',
      `/admin/companies/${pending.id}/decision`,
      { token: adminRead },
      {
        decision: 'approve',
      },
    );
    expect([decide.status, decide.body.code]).toEqual([403, 'insufficient_scope']);
    // The founder's token, even with every scope they may hold, gets no organizer rights.
    const all = (await mint(env, founder.cookie, ['read', 'write'])).token;
    expect((await call(env, 'GET', '/admin/overview', { token: all })).status).toBe(403);
  });

  it('cannot mint a token, change the password or email, or delete the account', async () => {
    const { token } = await mint(env, founder.cookie, ['read', 'write']);
    for (const [method, path, body] of [
      ['POST', '/me/tokens', { name: '再来一个', scopes: ['read'] }],
      ['POST', '/me/password', { currentPassword: 'x', password: 'new-river-lantern-2027' }],
      ['POST', '/me/email', { email: 'new@example.org', currentPassword: 'x' }],
      ['DELETE', '/me', { password: 'x' }],
      ['POST', '/auth/logout-all', undefined],
    ] as const) {
      const answer = await call(env, method, path, { token }, body);
      expect([path, answer.status, answer.body.code]).toEqual([path, 403, 'session_required']);
    }
    expect(await env.db.select().from(accessTokens)).toHaveLength(1);
  });

  it('answers 401 with the same problem for a malformed, unknown, wrong, expired or revoked token', async () => {
    const created = await mint(env, founder.cookie, ['read'], 1);
    const wrongSecret = `${created.token.slice(0, -4)}aaaa`;
    const unknown = created.token.replace(created.id, 'aaaaaaaaaaaaaaaa');
    for (const token of ['nonsense', unknown, wrongSecret]) {
      const answer = await call(env, 'GET', '/me', { token });
      expect([answer.status, answer.body.code]).toEqual([401, 'access_token_invalid']);
      expect(answer.res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
    // Not a bearer scheme at all.
    const basic = await env.app.request('/api/v1/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    // A bad token is not passed over for the session cookie that came with it.
    expect((await call(env, 'GET', '/me', { cookie: founder.cookie, token: wrongSecret })).status).toBe(401);

    expect((await call(env, 'GET', '/me', { token: created.token })).status).toBe(200);
    env.clock.set(new Date(new Date(NOW).getTime() + 86_400_000));
    expect((await call(env, 'GET', '/me', { token: created.token })).status).toBe(401);

    env.clock.set(new Date(NOW));
    const live = await mint(env, founder.cookie, ['read']);
    expect((await call(env, 'DELETE', `/me/tokens/${live.id}`, { cookie: founder.cookie })).status).toBe(204);
    expect((await call(env, 'GET', '/me', { token: live.token })).status).toBe(401);
  });

  it('skips the Origin check that guards cookies, which still holds for a cookie', async () => {
    const company = await insertCompany(env.db, founder.user.id);
    const { token } = await mint(env, founder.cookie, ['write']);
    const foreign = { origin: 'https://evil.example' };
    const byToken = await call(env, 'POST', '/products', { token }, productBody(company.id), foreign);
    expect(byToken.status).toBe(201);
    const byCookie = await call(
      env,
      'POST',
      '/products',
      { cookie: founder.cookie },
      productBody(company.id),
      foreign,
    );
    expect([byCookie.status, byCookie.body.code]).toEqual([403, 'foreign_origin']);
  });

  it('dies with its account', async () => {
    const person = await signedIn(env.db);
    const { token } = await mint(env, person.cookie, ['read']);
    await env.db.delete(users).where(eq(users.id, person.user.id));
    expect(await env.db.select().from(accessTokens)).toHaveLength(0);
    expect((await call(env, 'GET', '/me', { token })).status).toBe(401);
  });
});

describe('HEAD', () => {
  it('passes the access checks of the GET it runs', async () => {
    expect((await env.app.request('/api/v1/me', { method: 'HEAD' })).status).toBe(401);
    expect(
      (
        await env.app.request('/api/v1/admin/overview', {
          method: 'HEAD',
          headers: { cookie: founder.cookie },
        })
      ).status,
    ).toBe(403);
    const { token } = await mint(env, organizer.cookie, ['admin:write']);
    const head = await env.app.request('/api/v1/admin/overview', {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(403);
  });
});

describe('staff', () => {
  it("see every token with its owner and revoke anyone's; founders cannot", async () => {
    const created = await mint(env, founder.cookie, ['read']);
    const listed = await call(env, 'GET', '/admin/tokens', { cookie: organizer.cookie });
    expect(listed.body.items.map((t: Json) => [t.id, t.owner.id])).toEqual([[created.id, founder.user.id]]);
    const other = await signedIn(env.db);
    expect((await call(env, 'GET', '/admin/tokens', { cookie: other.cookie })).status).toBe(403);
    expect((await call(env, 'DELETE', `/me/tokens/${created.id}`, { cookie: other.cookie })).status).toBe(
      404,
    );
    expect(
      (await call(env, 'DELETE', `/admin/tokens/${created.id}`, { cookie: organizer.cookie })).status,
    ).toBe(204);
    expect((await call(env, 'GET', '/me', { token: created.token })).status).toBe(401);
    expect(
      (await call(env, 'DELETE', `/admin/tokens/${created.id}`, { cookie: organizer.cookie })).status,
    ).toBe(404);
  });
});

describe('rate limit per token', () => {
  it('refuses a token past its own limit with 429 while another token goes on', async () => {
    const limited = await testApp({
      now: NOW,
      config: testConfig({
        rateLimitRules: { ...testConfig().rateLimitRules, tokenRequests: { limit: 3, windowSeconds: 60 } },
      }),
    });
    const person = await signedIn(limited.db);
    const a = await mint(limited, person.cookie, ['read']);
    const b = await mint(limited, person.cookie, ['read']);
    // Knowing a token's id is not enough to use up its limit: a wrong secret is not counted.
    const wrong = `${a.token.slice(0, -4)}${a.token.endsWith('aaaa') ? 'bbbb' : 'aaaa'}`;
    for (let i = 0; i < 5; i++)
      expect((await call(limited, 'GET', '/me', { token: wrong })).status).toBe(401);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(limited, 'GET', '/me', { token: a.token })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await call(limited, 'GET', '/me', { token: b.token })).status).toBe(200);
    // Made-up token ids leave no counters behind.
    await call(limited, 'GET', '/me', { token: a.token.replace(a.id, 'aaaaaaaaaaaaaaaa') });
    const keys = (
      await limited.client.execute("select key from rate_limits where key like 'token:%'")
    ).rows.map((r) => r.key);
    expect(keys.sort()).toEqual([`token:${a.id}`, `token:${b.id}`].sort());
  });
});

describe(`at most ${TOKENS_PER_USER} live tokens per person`, () => {
  const ctxOf = (db: Db) => ({
    ...envContext(),
    db,
    user: { ...founder.user, role: 'founder' as const, emailVerified: true },
  });
  const envContext = () => ({
    catalog: env.catalog,
    config: env.config,
    now: new Date(NOW),
    locale: 'zh-CN' as const,
    requestId: 'race',
    sessionId: null,
    token: null,
    hasher: env.hasher,
    media: env.media,
    images: undefined as never,
    waitUntil: () => {},
    clientIp: '127.0.0.1',
    origin: 'http://localhost',
  });
  const input = { name: '并发', scopes: ['read' as const], expiresInDays: 30 };
  const live = async () =>
    (
      await env.db
        .select()
        .from(accessTokens)
        .where(gt(accessTokens.expiresAt, new Date(NOW)))
    ).length;

  it('holds when the last free place is taken between another request’s start and its write', async () => {
    for (let i = 0; i < TOKENS_PER_USER - 1; i++) await createToken({ ctx: ctxOf(env.db), input });
    let second: unknown = null;
    const racing = beforeFirstBatch(env.db, async () => {
      second = await createToken({ ctx: ctxOf(env.db), input });
    });
    const first = await createToken({ ctx: ctxOf(racing), input }).catch((err: unknown) => err);
    expect(second).toMatchObject({ name: '并发' });
    expect(isAppError(first) && [first.status, first.code]).toEqual([409, 'token_limit']);
    expect(await live()).toBe(TOKENS_PER_USER);
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'token.create')));
    expect(audits).toHaveLength(TOKENS_PER_USER);
  });

  it('would be passed by a read-then-write version (what the conditional INSERT … SELECT prevents)', async () => {
    for (let i = 0; i < TOKENS_PER_USER - 1; i++) await createToken({ ctx: ctxOf(env.db), input });
    const readThenWrite = async (database: Db) => {
      if ((await live()) >= TOKENS_PER_USER) throw new Error('over the cap');
      const { id, secretHash } = (await import('~/functions/auth/access-token')).newAccessToken();
      await database.batch([
        database.insert(accessTokens).values({
          id,
          userId: founder.user.id,
          name: '读后写',
          scopes: ['read'],
          secretHash,
          createdAt: new Date(NOW),
          expiresAt: new Date('2026-12-25T10:00:00+08:00'),
        }),
      ]);
    };
    await readThenWrite(beforeFirstBatch(env.db, () => readThenWrite(env.db)));
    expect(await live()).toBe(TOKENS_PER_USER + 1);
  });

  it('counts only live tokens: an expired one frees its place', async () => {
    await insertUser(env.db);
    for (let i = 0; i < TOKENS_PER_USER; i++) await createToken({ ctx: ctxOf(env.db), input });
    await env.db
      .update(accessTokens)
      .set({ expiresAt: new Date(NOW) })
      .where(eq(accessTokens.userId, founder.user.id));
    await expect(createToken({ ctx: ctxOf(env.db), input })).resolves.toMatchObject({ name: '并发' });
  });
});
