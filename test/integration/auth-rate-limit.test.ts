import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RATE_LIMIT_RULES } from '~/functions/config';
import { outbox, users } from '~/functions/db/schema';
import { enforceRateLimits, hitRateLimits } from '~/functions/lib/rate-limit';
import { testApp } from '../factories/app';
import { postJson, signUpBody } from '../factories/auth';
import { buildCatalog } from '../factories/catalog';
import { freshDatabase, serviceContext, testConfig } from '../factories/db';
import { insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const tight = { limit: 3, windowSeconds: 60 };
const rules = {
  ...DEFAULT_RATE_LIMIT_RULES,
  signinIp: { limit: 5, windowSeconds: 300 },
  signinAccount: tight,
  signupIp: tight,
  resetIp: { limit: 100, windowSeconds: 60 },
  resetEmail: { limit: 2, windowSeconds: 3600 },
  verifyResend: { limit: 1, windowSeconds: 3600 },
  tokenIp: { limit: 3, windowSeconds: 3600 },
  teamJoinAccount: { limit: 3, windowSeconds: 3600 },
  teamJoinIp: { limit: 5, windowSeconds: 3600 },
};
// 10:00:00 +08:00: a 60-second window has just started, a 300-second window too.
const NOW = '2026-11-25T10:00:00+08:00';
const { app, clock, db, hasher } = await testApp({
  now: NOW,
  config: testConfig({ rateLimitRules: rules }),
});
const ip = (n: number) => ({ 'cf-connecting-ip': `203.0.113.${n}` });

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

describe('sign-in limits', () => {
  const password = 'owner-password-2026';
  async function account(email: string) {
    await insertUser(db, { email, passwordHash: await hasher.hash(password) });
    return email;
  }
  const login = (email: string, pw: string, from: number) =>
    postJson(app, '/api/v1/auth/login', { email, password: pw }, { headers: ip(from) });

  it("never refuses the owner's right password because of failures from other addresses", async () => {
    const email = await account('target-account@example.com');
    clock.set(NOW);
    clock.advance(15_000);
    // Ten wrong guesses from ten addresses: each address has failed once for this account.
    for (let i = 1; i <= 10; i++)
      expect((await login(email, 'wrong-guess-123', i)).status, `guess ${i}`).toBe(401);
    expect((await login(email, password, 11)).status).toBe(200);
  });

  it('counts failures per account from one address, then 429 with Retry-After, even for the right password', async () => {
    const email = await account('one-address@example.com');
    clock.set(NOW);
    clock.advance(15_000);
    for (let i = 1; i <= 3; i++)
      expect((await login(email, 'wrong-guess-123', 20)).status, `guess ${i}`).toBe(401);
    const blocked = await login(email, password, 20);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('45');
    expect(await blocked.json()).toMatchObject({
      code: 'rate_limited',
      detail: '请求过于频繁，请在 45 秒后重试。',
    });
    expect((await login(email, password, 21)).status).toBe(200); // the owner elsewhere
    clock.advance(45_000); // the next 60-second window
    expect((await login(email, password, 20)).status).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    const email = await account('often@example.com');
    clock.set(NOW);
    // More than the per-address limit (5) of sign-ins from one address, all with the right password.
    for (let i = 1; i <= 8; i++) expect((await login(email, password, 30)).status, `sign-in ${i}`).toBe(200);
    for (let i = 1; i <= 3; i++) expect((await login(email, 'wrong-guess-123', 30)).status).toBe(401);
  });

  it('holds the failure limit under parallel guesses (each reserves its count first)', async () => {
    const email = await account('parallel@example.com');
    clock.set(NOW);
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => (await login(email, 'wrong-guess-123', 40)).status),
    );
    expect(answers.filter((status) => status === 401)).toHaveLength(3);
    expect(answers.filter((status) => status === 429)).toHaveLength(9);
  });

  it('limits one address across many accounts, not other addresses', async () => {
    clock.set(NOW);
    for (let i = 1; i <= 5; i++) {
      const res = await postJson(
        app,
        '/api/v1/auth/login',
        { email: `spray${i}@example.com`, password: 'wrong-guess-123' },
        { headers: ip(50) },
      );
      expect(res.status).toBe(401);
    }
    const blocked = await postJson(
      app,
      '/api/v1/auth/login',
      { email: 'spray6@example.com', password: 'wrong-guess-123' },
      { headers: ip(50) },
    );
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('300');
    const elsewhere = await postJson(
      app,
      '/api/v1/auth/login',
      { email: 'spray6@example.com', password: 'wrong-guess-123' },
      { headers: ip(51) },
    );
    expect(elsewhere.status).toBe(401);
  });
});

describe('other limits', () => {
  it('limits sign-ups per address', async () => {
    clock.set(NOW);
    for (let i = 0; i < 3; i++)
      expect((await postJson(app, '/api/v1/auth/signup', signUpBody(), { headers: ip(60) })).status).toBe(
        202,
      );
    expect((await postJson(app, '/api/v1/auth/signup', signUpBody(), { headers: ip(60) })).status).toBe(429);
  });

  it('never refuses a reset request for an email: a live link is sent again, mails are capped', async () => {
    clock.set(NOW);
    const email = 'reset-limit@example.com';
    await insertUser(db, { email });
    const links = async () =>
      (
        await db
          .select({ body: outbox.body })
          .from(outbox)
          .where(and(eq(outbox.toEmail, email), eq(outbox.template, 'password-reset')))
          .orderBy(asc(outbox.id))
      ).map(({ body }) => /token=([a-z2-7]+)/.exec(body)?.[1]);
    const request = (from: number) =>
      postJson(app, '/api/v1/auth/password-reset', { email }, { headers: ip(from) });
    // Three requests by someone else, from three addresses, then the owner's own.
    for (const from of [70, 71, 72, 73]) expect((await request(from)).status).toBe(202);
    // Two mails (the cap), both with the one live link; the owner's request is not refused.
    const sent = await links();
    expect(sent).toHaveLength(2);
    expect(new Set(sent).size).toBe(1);
    const [token] = sent;
    const reset = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a-new-password-2026',
    });
    expect(reset.status).toBe(204);
    // A new hour: the used link is gone, so the next request mails a new one.
    clock.advance(3_600_000);
    expect((await request(74)).status).toBe(202);
    const after = await links();
    expect(after).toHaveLength(3);
    expect(after[2]).not.toBe(token);
    // Unknown addresses answer alike and get nothing.
    expect(
      (await postJson(app, '/api/v1/auth/password-reset', { email: 'nobody-reset@example.com' })).status,
    ).toBe(202);
  });

  it('caps sign-up mails to one address without refusing, so nobody can flood an inbox', async () => {
    clock.set(NOW);
    const email = 'flooded-owner@example.com';
    await insertUser(db, { email });
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const res = await postJson(app, '/api/v1/auth/signup', signUpBody({ email }), { headers: ip(90 + i) });
      answers.push({ status: res.status, body: await res.json() });
    }
    expect(answers).toEqual(Array(5).fill({ status: 202, body: { status: 'verification_sent', email } }));
    const mails = await db.select().from(outbox).where(eq(outbox.toEmail, email));
    expect(mails.map((m) => m.template)).toEqual(['signup-attempt', 'signup-attempt', 'signup-attempt']);
  });

  it('limits verification resends', async () => {
    clock.set(NOW);
    // Signed in but not verified: a session from before sign-up stopped signing in (decision 008).
    const user = await insertUser(db, { emailVerifiedAt: null });
    const cookie = await sessionCookieFor(db, user.id, clock.now());
    expect((await postJson(app, '/api/v1/auth/verify-email/resend', undefined, { cookie })).status).toBe(202);
    expect((await postJson(app, '/api/v1/auth/verify-email/resend', undefined, { cookie })).status).toBe(429);
  });
});

describe('guessing the current password with a stolen session', () => {
  it('counts password checks per account: past the limit even the right password is refused, nothing changes', async () => {
    clock.set(NOW);
    const password = 'owner-password-2026';
    const user = await insertUser(db, { passwordHash: await hasher.hash(password) });
    const cookie = await sessionCookieFor(db, user.id, clock.now());
    const change = (current: string) =>
      postJson(
        app,
        '/api/v1/me/password',
        { currentPassword: current, password: 'a-new-passphrase-2027' },
        { cookie },
      );
    for (let i = 0; i < tight.limit; i++) expect((await change(`guess-${i}-wrong`)).status).toBe(422);
    const blocked = await change(password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    // The email change and its password check share the counter.
    const email = await postJson(
      app,
      '/api/v1/me/email',
      { email: 'elsewhere@example.org', currentPassword: password },
      { cookie },
    );
    expect(email.status).toBe(429);
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(await hasher.verify(row?.hash ?? '', password)).toBe(true);
  });
});

describe('guessing endpoints', () => {
  const badToken = () => 'x'.repeat(43);
  it.each([
    ['email verification', '/api/v1/auth/verify-email', () => ({ token: badToken() })],
    [
      'reset confirmation',
      '/api/v1/auth/password-reset/confirm',
      () => ({ token: badToken(), password: 'a-long-new-passphrase-9' }),
    ],
  ])('limits %s per address, not other addresses', async (_name, path, body) => {
    clock.set(NOW);
    const address = path.includes('reset') ? 91 : 90;
    for (let i = 0; i < 3; i++) {
      const res = await postJson(app, path, body(), { headers: ip(address) });
      expect(res.status, `attempt ${i + 1}`).toBe(422);
    }
    const blocked = await postJson(app, path, body(), { headers: ip(address) });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).not.toBeNull();
    expect((await postJson(app, path, body(), { headers: ip(address + 10) })).status).toBe(422);
  });

  it('limits team joins per account and per address', async () => {
    clock.set(NOW);
    const join = (cookie: string, address: number) =>
      postJson(
        app,
        '/api/v1/teams/join',
        { inviteCode: 'abcdefghijklmnop' },
        { cookie, headers: ip(address) },
      );
    const guesser = await sessionCookieFor(db, (await insertUser(db)).id, clock.now());
    for (let i = 0; i < 3; i++) expect((await join(guesser, 121 + i)).status, `guess ${i + 1}`).toBe(404);
    expect((await join(guesser, 130)).status).toBe(429);
    // Other accounts from one address: the address limit.
    const others = [];
    for (let i = 0; i < 6; i++)
      others.push(await sessionCookieFor(db, (await insertUser(db)).id, clock.now()));
    const statuses = [];
    for (const cookie of others) statuses.push((await join(cookie, 150)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });
});

describe('RATE_LIMITS=off', () => {
  it('counts nothing and never answers 429', async () => {
    const off = await testApp({ now: NOW, config: testConfig({ rateLimits: false, rateLimitRules: rules }) });
    for (let i = 0; i < 8; i++) {
      const res = await postJson(off.app, '/api/v1/auth/login', {
        email: 'x@example.com',
        password: 'wrong-guess-123',
      });
      expect(res.status).toBe(401);
    }
    const counters = await off.client.execute('select count(*) as n from rate_limits');
    expect(Number(counters.rows[0]?.n)).toBe(0);
  });
});

describe('the counter', () => {
  it('counts concurrent increments exactly', async () => {
    const { db } = await freshDatabase();
    const ctx = serviceContext(db, buildCatalog(), new Date(NOW));
    const rule = { limit: 10, windowSeconds: 60 };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimits(ctx, [{ key: 'concurrent:test', rule }])),
    );
    const counts = results.map(([r]) => r?.count ?? 0).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.filter(([r]) => r?.allowed)).toHaveLength(10);
  });

  it('checks several keys in one round trip and throws with the longest wait', async () => {
    const { db, client } = await freshDatabase();
    let calls = 0;
    const spy = vi.spyOn(client, 'batch').mockImplementation(async (...args) => {
      calls += 1;
      spy.mockRestore();
      return client.batch(...args);
    });
    const ctx = serviceContext(db, buildCatalog(), new Date(NOW));
    await enforceRateLimits(ctx, [
      { key: 'a', rule: { limit: 0, windowSeconds: 60 } },
      { key: 'b', rule: { limit: 0, windowSeconds: 3600 } },
    ]).then(
      () => expect.fail('expected a 429'),
      (err: { status: number; params: { seconds: number } }) => {
        expect(err.status).toBe(429);
        expect(err.params.seconds).toBe(3600);
      },
    );
    expect(calls).toBe(1);
  });
});
