import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { outbox, users } from '~/functions/db/schema';
import { testApp } from '../factories/app';
import {
  mailedToken as mailedTokenIn,
  postJson,
  sessionFrom,
  signUpBody,
  signUpVerified,
} from '../factories/auth';
import { testConfig } from '../factories/db';
import { insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const { app, db, clock } = await testApp({ config: testConfig({ rateLimits: false }) });
const HOUR = 3_600_000;

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

/** Signs up through the API: an unverified account and a verification mail, no session. */
async function signUp(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const body = signUpBody(overrides);
  const res = await postJson(app, '/api/v1/auth/signup', body, { headers });
  expect(res.status).toBe(202);
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, body.email));
  return { ...body, id: row?.id ?? 0 };
}

/** A signed-up account that opened its link (which signed it in). */
const verifiedAccount = (headers: Record<string, string> = {}) => signUpVerified(app, db, {}, headers);

const mailedToken = (email: string, template: string) => mailedTokenIn(db, email, template);

const verifiedAt = async (id: number) =>
  (await db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, id)))[0]?.at ?? null;

const me = async (cookie: string) =>
  (await (await app.request('/api/v1/me', { headers: { cookie } })).json()) as { emailVerified: boolean };

describe('email verification', () => {
  it('signs in with the mailed link: a session cookie like sign-in, and the user', async () => {
    const body = signUpBody();
    await postJson(app, '/api/v1/auth/signup', body);
    const token = await mailedToken(body.email, 'verify-email');
    const res = await postJson(app, '/api/v1/auth/verify-email', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const user = (await res.json()) as { id: number; email: string; emailVerified: boolean };
    expect(user).toMatchObject({ email: body.email, name: body.name, role: 'founder', emailVerified: true });
    const [set] = res.headers.getSetCookie();
    expect(set).toMatch(/^opc_session=[a-z2-7]+\.[a-z2-7]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(set).not.toMatch(/Secure/); // plain-HTTP localhost
    const cookie = sessionFrom(res);
    expect(await (await app.request('/api/v1/me', { headers: { cookie } })).json()).toEqual({
      ...user,
      judges: false,
    });
    // Single use: the second press signs nobody in.
    const again = await postJson(app, '/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(422);
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('sets the __Host- cookie, Secure, over https', async () => {
    const body = signUpBody();
    await postJson(app, '/api/v1/auth/signup', body);
    const res = await app.request('https://portal.example.com/api/v1/auth/verify-email', {
      method: 'POST',
      headers: { origin: 'https://portal.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ token: await mailedToken(body.email, 'verify-email') }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([
      expect.stringMatching(
        /^__Host-opc_session=[a-z2-7]+\.[a-z2-7]+; Path=\/; HttpOnly; SameSite=Lax; .*Secure/,
      ),
    ]);
  });

  it('flips emailVerified with the mailed token, once', async () => {
    const account = await signUp();
    expect(await verifiedAt(account.id)).toBeNull();
    const token = await mailedToken(account.email, 'verify-email');
    const res = await postJson(app, '/api/v1/auth/verify-email', { token });
    expect(res.status).toBe(200);
    expect((await me(sessionFrom(res))).emailVerified).toBe(true);
    expect((await verifiedAt(account.id))?.getTime()).toBe(clock.now().getTime());
    const again = await postJson(app, '/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ code: 'token_invalid' });
  });

  it('accepts the link until 48 hours and refuses it one second later', async () => {
    const start = clock.now();
    const early = await signUp();
    const late = await signUp();
    clock.advance(48 * HOUR - 1000);
    const earlyToken = await mailedToken(early.email, 'verify-email');
    expect((await postJson(app, '/api/v1/auth/verify-email', { token: earlyToken })).status).toBe(200);
    clock.advance(2000);
    const lateToken = await mailedToken(late.email, 'verify-email');
    const refused = await postJson(app, '/api/v1/auth/verify-email', { token: lateToken });
    expect(refused.status).toBe(422);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await verifiedAt(late.id)).toBeNull();
    clock.set(start);
  });

  it('mails a fresh link when the unverified address signs up again; it signs in', async () => {
    const start = clock.now();
    const account = await signUp();
    clock.advance(49 * HOUR); // the first link has expired
    expect((await postJson(app, '/api/v1/auth/signup', account)).status).toBe(202);
    const token = await mailedToken(account.email, 'verify-email');
    const res = await postJson(app, '/api/v1/auth/verify-email', { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: account.id, emailVerified: true });
    clock.set(start);
  });

  it('sets the password of the sign-up whose link is used: a stranger who signed up first keeps none', async () => {
    const stranger = await signUp({ password: 'strangers-guess-2026' });
    const owner = { ...stranger, password: 'owners-own-choice-2026' };
    expect((await postJson(app, '/api/v1/auth/signup', owner)).status).toBe(202);
    const token = await mailedToken(owner.email, 'verify-email'); // the owner's own, newest link
    expect((await postJson(app, '/api/v1/auth/verify-email', { token })).status).toBe(200);
    const signIn = (password: string) =>
      postJson(app, '/api/v1/auth/login', { email: owner.email, password });
    expect((await signIn(stranger.password)).status).toBe(401);
    expect((await signIn(owner.password)).status).toBe(200);
  });

  it('refuses a made-up token', async () => {
    const res = await postJson(app, '/api/v1/auth/verify-email', { token: 'a'.repeat(32) });
    expect(res.status).toBe(422);
  });

  it('resends a link to a signed-in unverified user, and refuses once verified', async () => {
    // Sign-up no longer signs in: only a session from before that (decision 008) is signed in unverified.
    const user = await insertUser(db, { emailVerifiedAt: null });
    const cookie = await sessionCookieFor(db, user.id, clock.now());
    const res = await postJson(app, '/api/v1/auth/verify-email/resend', undefined, { cookie });
    expect(res.status).toBe(202);
    const mails = await db.select().from(outbox).where(eq(outbox.toEmail, user.email));
    expect(mails.filter((m) => m.template === 'verify-email')).toHaveLength(1);
    await postJson(app, '/api/v1/auth/verify-email', {
      token: await mailedToken(user.email, 'verify-email'),
    });
    const done = await postJson(app, '/api/v1/auth/verify-email/resend', undefined, { cookie });
    expect(done.status).toBe(409);
    expect((await postJson(app, '/api/v1/auth/verify-email/resend', undefined)).status).toBe(401);
  });
});

describe('password reset', () => {
  it('answers 202 for known and unknown emails alike; mails only a known one, in its language', async () => {
    const account = await verifiedAccount({ 'accept-language': 'en' });
    const known = await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    const unknown = await postJson(app, '/api/v1/auth/password-reset', {
      email: 'nobody-at-all@example.com',
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    expect(
      await db.select().from(outbox).where(eq(outbox.toEmail, 'nobody-at-all@example.com')),
    ).toHaveLength(0);
    const [mail] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toEmail, account.email), eq(outbox.template, 'password-reset')));
    expect(mail?.subject).toBe('Reset your password');
    expect(mail?.body).toContain('http://localhost/en/reset-password?token=');
  });

  it('sets the new password, ends every session and access token, and the link works once', async () => {
    const account = await verifiedAccount();
    const second = sessionFrom(
      await postJson(app, '/api/v1/auth/login', { email: account.email, password: account.password }),
    );
    // A token minted with the session (perhaps a stolen one) must not outlive the recovery.
    const minted = await app.request('/api/v1/me/tokens', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'application/json', cookie: account.cookie },
      body: JSON.stringify({ name: 'script', scopes: ['read'] }),
    });
    const { token: pat } = (await minted.json()) as { token: string };
    const bearer = { authorization: `Bearer ${pat}` };
    expect((await app.request('/api/v1/me', { headers: bearer })).status).toBe(200);
    await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    const token = await mailedToken(account.email, 'password-reset');
    const res = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'new-harbour-lights-9',
    });
    expect(res.status).toBe(204);
    for (const cookie of [account.cookie, second])
      expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await app.request('/api/v1/me', { headers: bearer })).status).toBe(401);
    const oldLogin = await postJson(app, '/api/v1/auth/login', {
      email: account.email,
      password: account.password,
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await postJson(app, '/api/v1/auth/login', {
      email: account.email,
      password: 'new-harbour-lights-9',
    });
    expect(newLogin.status).toBe(200);

    const reuse = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'another-pass-77',
    });
    expect(reuse.status).toBe(422);
    expect(await reuse.json()).toMatchObject({ code: 'token_invalid' });
  });

  it('sends the live link again rather than a second one; it works once', async () => {
    const account = await verifiedAccount();
    await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    const first = await mailedToken(account.email, 'password-reset');
    clock.advance(60_000);
    await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    const again = await mailedToken(account.email, 'password-reset');
    expect(again).toBe(first);
    const confirm = (password: string) =>
      postJson(app, '/api/v1/auth/password-reset/confirm', { token: first, password });
    expect((await confirm('fresh-river-2027')).status).toBe(204);
    expect((await confirm('fresh-river-2028')).status).toBe(422);
    // Used: the next request mails a new link.
    await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    expect(await mailedToken(account.email, 'password-reset')).not.toBe(first);
  });

  it('accepts the link for 1 hour and refuses it one second after', async () => {
    const start = clock.now();
    const account = await verifiedAccount();
    await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    const token = await mailedToken(account.email, 'password-reset');
    clock.advance(HOUR + 1000);
    const late = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'late-river-2027',
    });
    expect(late.status).toBe(422);
    clock.set(start);
    clock.advance(HOUR - 1000);
    const inTime = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'late-river-2027',
    });
    expect(inTime.status).toBe(204);
    clock.set(start);
  });

  it('marks an unverified address verified: the link was mailed to it; then the new password signs in', async () => {
    const account = await signUp();
    await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    const token = await mailedToken(account.email, 'password-reset');
    const res = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'proven-by-mail-2027',
    });
    expect(res.status).toBe(204);
    expect((await verifiedAt(account.id))?.getTime()).toBe(clock.now().getTime());
    const login = await postJson(app, '/api/v1/auth/login', {
      email: account.email,
      password: 'proven-by-mail-2027',
    });
    expect(login.status).toBe(200);
  });

  it('refuses a weak new password or the email itself, and keeps the token usable', async () => {
    const account = await verifiedAccount();
    await postJson(app, '/api/v1/auth/password-reset', { email: account.email });
    const token = await mailedToken(account.email, 'password-reset');
    const common = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'qwertyuiop',
    });
    expect(common.status).toBe(422);
    const asEmail = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: account.email,
    });
    expect(asEmail.status).toBe(422);
    expect(((await asEmail.json()) as { errors: Record<string, string[]> }).errors.password).toEqual([
      '密码不能与邮箱相同。',
    ]);
    const ok = await postJson(app, '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'good-lantern-2027',
    });
    expect(ok.status).toBe(204);
  });
});

const production = await testApp({
  config: testConfig({ environment: 'production', isProduction: true, rateLimits: false }),
});

describe('who has an account, through Server-Timing', () => {
  const reset = (email: string) => postJson(production.app, '/api/v1/auth/password-reset', { email });

  it('carries durations without round-trip counts in production, for a known and an unknown email', async () => {
    const known = await insertUser(production.db, { email: 'timing-known@example.com' });
    const answers = [await reset(known.email), await reset('timing-unknown@example.com')];
    for (const res of answers) {
      expect(res.status).toBe(202);
      const timing = res.headers.get('server-timing') ?? '';
      expect(timing).toMatch(/^db;dur=\d+\.\d, total;dur=\d+\.\d$/);
      expect(timing).not.toMatch(/round trip/);
    }
  });

  it('keeps the counts outside production (the benchmark reads them)', async () => {
    const res = await postJson(app, '/api/v1/auth/password-reset', { email: 'timing-dev@example.com' });
    expect(res.headers.get('server-timing')).toMatch(/db;dur=[\d.]+;desc="\d+ round trips?"/);
  });
});
