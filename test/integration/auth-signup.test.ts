import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emailTokens, outbox, sessions, users } from '~/functions/db/schema';
import { testApp } from '../factories/app';
import { backgroundTasks, postJson, signUpBody } from '../factories/auth';

const { app, db, clock } = await testApp();

afterEach(() => vi.restoreAllMocks());

describe('POST /api/v1/auth/signup', () => {
  it('creates the unverified account with PIPL consent, answers 202 and signs nobody in', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const body = signUpBody({ email: '  Li.Xiang@Example.com ' });
    const res = await postJson(app, '/api/v1/auth/signup', body);
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'verification_sent', email: 'li.xiang@example.com' });
    expect(res.headers.getSetCookie()).toEqual([]);

    const [row] = await db.select().from(users).where(eq(users.email, 'li.xiang@example.com'));
    expect(row).toMatchObject({ name: body.name, role: 'founder', locale: 'zh-CN', emailVerifiedAt: null });
    expect(row?.consentVersion).toBe('2026-05-20'); // the test catalog's privacy page updatedOn
    expect(row?.consentedAt.getTime()).toBe(clock.now().getTime());
    expect(row?.passwordHash).toMatch(/^pbkdf2-sha256\$/);
    expect(row?.passwordHash).not.toContain(body.password);
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, row?.id ?? 0)),
    ).toEqual([]);
  });

  it.each([
    ['a common password', { password: 'password123' }, 'password', '常见'],
    ['a common password in other letter case', { password: 'WoAiNi1314' }, 'password', '常见'],
    ['a short password', { password: 'a7$kQ' }, 'password', '8 到 128'],
    ['a password over 128 characters', { password: 'x'.repeat(129) }, 'password', '8 到 128'],
    [
      'the email as password',
      { email: 'river.lantern@example.com', password: 'River.Lantern@example.com' },
      'password',
      '邮箱',
    ],
    [
      'the local part as password',
      { email: 'riverlantern77@example.com', password: 'riverlantern77' },
      'password',
      '邮箱',
    ],
    ['no consent', { consent: undefined }, 'consent', '隐私政策'],
    ['consent false', { consent: false }, 'consent', '隐私政策'],
    ['an invalid email', { email: 'not-an-email' }, 'email', '邮箱'],
  ])('refuses %s with 422 and a localized field error', async (_label, overrides, field, words) => {
    const res = await postJson(app, '/api/v1/auth/signup', signUpBody(overrides));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: Record<string, string[]> };
    expect(problem.errors[field]?.join(' ')).toContain(words);
  });

  it('accepts 8 characters, a long passphrase with spaces, and characters beyond ASCII', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    for (const password of ['k7#mQ2vx', '  a very long passphrase with spaces  ', '长江大桥夜景很美丽']) {
      const res = await postJson(app, '/api/v1/auth/signup', signUpBody({ password }));
      expect(res.status, password).toBe(202);
    }
  });

  it('writes the token and verification mail with the user, and no session; the mail is sent after the response', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const tasks = backgroundTasks();
    const body = signUpBody();
    const res = await postJson(app, '/api/v1/auth/signup', body, { executionCtx: tasks.executionCtx });
    expect(res.status).toBe(202);
    // Delivery is handed to waitUntil, not awaited by the request.
    expect(tasks.count()).toBe(1);

    const [user] = await db.select().from(users).where(eq(users.email, body.email));
    const id = user?.id ?? 0;
    const [message] = await db.select().from(outbox).where(eq(outbox.toEmail, body.email));
    expect(message).toMatchObject({ template: 'verify-email', locale: 'zh-CN' });
    expect(message?.body).toMatch(/http:\/\/localhost\/verify-email\?token=[a-z2-7]{32}/);
    const tokens = await db.select().from(emailTokens).where(eq(emailTokens.userId, id));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.expiresAt.getTime()).toBe(clock.now().getTime() + 48 * 3_600_000);
    // Only the hash of the token is stored.
    const token = /token=([a-z2-7]+)/.exec(message?.body ?? '')?.[1] ?? '';
    expect(Buffer.from(tokens[0]?.tokenHash ?? []).toString('utf8')).not.toContain(token);
    expect(await db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);

    await tasks.settle();
    const [sent] = await db
      .select()
      .from(outbox)
      .where(eq(outbox.id, message?.id ?? 0));
    expect(sent?.status).toBe('sent');
    expect(
      log.mock.calls.some(
        ([line]) => String(line).startsWith('[outbox]') && String(line).includes(body.email),
      ),
    ).toBe(true);
  });

  it('writes the mail in English for an English request', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const body = signUpBody();
    await postJson(app, '/api/v1/auth/signup', body, { headers: { 'accept-language': 'en' } });
    const [message] = await db.select().from(outbox).where(eq(outbox.toEmail, body.email));
    expect(message?.subject).toBe('Please verify your email address');
    expect(message?.body).toContain('http://localhost/en/verify-email?token=');
  });

  it('honours Idempotency-Key: the same key twice makes one user, one mail and the same answer', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const body = signUpBody();
    const headers = { 'idempotency-key': `signup-${Date.now()}` };
    const first = await postJson(app, '/api/v1/auth/signup', body, { headers });
    const second = await postJson(app, '/api/v1/auth/signup', body, { headers });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await db.select().from(users).where(eq(users.email, body.email))).toHaveLength(1);
    expect(await db.select().from(outbox).where(eq(outbox.toEmail, body.email))).toHaveLength(1);
    // A different request under the same key is refused.
    const other = await postJson(app, '/api/v1/auth/signup', signUpBody(), { headers });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });
});

describe('GET /api/v1/me', () => {
  it('answers a 401 problem when anonymous, in the Accept-Language language', async () => {
    const res = await app.request('/api/v1/me', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'unauthorized', detail: 'Please sign in first.' });
  });
});
