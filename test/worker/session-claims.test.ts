/**
 * The claims cookie through the built Worker (decision 023): a signed-in page GET with claims costs
 * one round trip, and claims the database does not confirm are never believed. Each refusal case
 * asserts what the visitor sees (who the page is for, what it refuses) and which cookies come back.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import {
  createSession,
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  SESSION_LIFETIME_MS,
} from '~/functions/auth/session';
import {
  CLAIMS_COOKIE,
  decodeClaims,
  encodeClaims,
  type SessionClaims,
} from '~/functions/auth/session-claims';
import type { RequestUser } from '~/functions/context';
import { createDb } from '~/functions/db/client';
import { sessions, users } from '~/functions/db/schema';
import { roundTrips } from '../factories/app';
import { insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';

const base = inject('workerUrl');
const db = createDb(await workerClient(inject('workerDbClientUrl')));
const NOW = new Date(WORKER_VARS.TEST_NOW);
const PEPPER = WORKER_VARS.PASSWORD_PEPPER;
const unique = () => Math.random().toString(36).slice(2, 10);

async function founder(name = `声明测试${unique()}`) {
  const row = await insertUser(db, { email: `claims-${unique()}@example.com`, name });
  const user: RequestUser = {
    id: row.id,
    email: row.email,
    name,
    role: 'founder',
    emailVerified: true,
    judges: false,
  };
  return { row, user };
}

async function signIn(user: RequestUser, createdAt = NOW) {
  const { token } = await createSession(db, user.id, createdAt);
  const sessionId = token.split('.')[0] ?? '';
  return { token, sessionId };
}

const cookieHeader = (token: string, claims?: SessionClaims) =>
  [
    `${SESSION_COOKIE}=${token}`,
    ...(claims ? [`${CLAIMS_COOKIE}=${encodeClaims(claims, PEPPER)}`] : []),
  ].join('; ');

async function get(path: string, cookie: string) {
  const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { res, html: await res.text() };
}

/** The claims a response sets: undefined when it leaves them alone, null when it drops them. */
function claimsSet(res: Response): SessionClaims | null | undefined {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${CLAIMS_COOKIE}=`));
  if (cookie === undefined) return undefined;
  const value = cookie.split(';')[0]?.slice(CLAIMS_COOKIE.length + 1) ?? '';
  return value ? decodeClaims(value, PEPPER) : null;
}

describe('a signed-in page with the claims cookie', () => {
  it('costs two round trips without claims (and sets them), one with them (and leaves them)', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    const first = await get('/me', cookieHeader(token));
    expect(first.res.status).toBe(200);
    expect(roundTrips(first.res)).toBe(2);
    const claims = claimsSet(first.res);
    expect(claims).toEqual({ sessionId, user });

    const second = await get('/me', cookieHeader(token, claims ?? undefined));
    expect(second.res.status).toBe(200);
    expect(roundTrips(second.res)).toBe(1);
    expect(claimsSet(second.res)).toBeUndefined();
    expect(second.html).toContain(user.name);
  });

  it('confirms the claims even on a page that reads nothing (one round trip, the check alone)', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    const { res } = await get('/about', cookieHeader(token, { sessionId, user }));
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    expect(claimsSet(res)).toBeUndefined();
  });

  it('renders for the real user when the claims promote them: no organizer page, corrected claims', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    const forged = { sessionId, user: { ...user, role: 'admin' as const, name: '假冒管理员' } };
    const { res, html } = await get('/admin/vouchers', cookieHeader(token, forged));
    expect(res.status).toBe(403);
    expect(html).not.toContain('假冒管理员');
    expect(html).toContain(user.name);
    expect(claimsSet(res)).toEqual({ sessionId, user });
  });

  it('refuses forged claims on a page whose first read is a single query (drizzle wraps the refusal)', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    const forged = { sessionId, user: { ...user, role: 'organizer' as const } };
    const { res, html } = await get('/en/admin/events', cookieHeader(token, forged));
    expect(res.status).toBe(403);
    expect(html).toContain(user.name);
    expect(claimsSet(res)).toEqual({ sessionId, user });
  });

  it('renders the page a role granted since the claims were issued allows (not the 403 of the claims)', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    await db.update(users).set({ role: 'organizer' }).where(eq(users.id, user.id));
    const { res, html } = await get('/admin/events', cookieHeader(token, { sessionId, user }));
    expect(res.status).toBe(200);
    expect(html).toContain('活动管理');
    expect(claimsSet(res)).toEqual({ sessionId, user: { ...user, role: 'organizer' } });
  });

  it('never renders on claims it did not sign: a made-up cookie is ignored and the session checked first', async () => {
    const { user } = await founder();
    const victim = await founder();
    const { token } = await signIn(user);
    const sessionId = token.split('.')[0] ?? '';
    const forged = { sessionId, user: { ...victim.user, role: 'admin' as const } };
    for (const value of [
      encodeClaims(forged, 'not-the-server-secret'),
      encodeClaims(forged, PEPPER).replace(/\.[^.]+$/, '.AAAA'),
      encodeClaims(forged, PEPPER).split('.')[0] ?? '',
    ]) {
      const { res, html } = await get('/me', `${SESSION_COOKIE}=${token}; ${CLAIMS_COOKIE}=${value}`);
      expect(res.status).toBe(200);
      // Validated first (two trips), rendered for the session's own user, the claims replaced.
      expect(roundTrips(res)).toBe(2);
      expect(html).toContain(user.name);
      expect(html).not.toContain(victim.user.name);
      expect(claimsSet(res)).toEqual({ sessionId, user });
    }
  });

  it('follows a rename at once: the page shows the new name and the claims follow', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    const renamed = `改名后${unique()}`;
    await db.update(users).set({ name: renamed }).where(eq(users.id, user.id));
    const { res, html } = await get('/me', cookieHeader(token, { sessionId, user }));
    expect(res.status).toBe(200);
    expect(html).toContain(renamed);
    expect(html).not.toContain(user.name);
    expect(claimsSet(res)).toEqual({ sessionId, user: { ...user, name: renamed } });
  });

  it('treats a session signed out elsewhere as signed out: sign-in redirect, claims dropped', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    const { res, html } = await get('/me', cookieHeader(token, { sessionId, user }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent('/me')}`);
    expect(html).not.toContain(user.name);
    expect(claimsSet(res)).toBeNull();
  });

  it('believes no claims with a wrong secret, even for the right session id', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user);
    const wrong = `${sessionId}.${'a'.repeat(32)}`;
    const { res } = await get('/me', cookieHeader(wrong, { sessionId, user }));
    expect(res.status).toBe(303);
    expect(claimsSet(res)).toBeNull();
    // The real token still works: nothing was deleted.
    expect((await get('/me', cookieHeader(token, { sessionId, user }))).res.status).toBe(200);
  });

  it('ends a session past its absolute expiry: signed out, the row deleted', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user, new Date(NOW.getTime() - SESSION_ABSOLUTE_MS));
    await db
      .update(sessions)
      .set({ expiresAt: new Date(NOW.getTime() + SESSION_LIFETIME_MS) })
      .where(eq(sessions.id, sessionId));
    const { res } = await get('/me', cookieHeader(token, { sessionId, user }));
    expect(res.status).toBe(303);
    expect(await db.select().from(sessions).where(eq(sessions.id, sessionId))).toEqual([]);
  });

  it('slides a session past half its life: the expiry moves and the cookie is sent again', async () => {
    const { user } = await founder();
    const { token, sessionId } = await signIn(user, new Date(NOW.getTime() - 20 * 86_400_000));
    const { res } = await get('/me', cookieHeader(token, { sessionId, user }));
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(2); // the page with the check, then the expiry moved
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row?.expiresAt.getTime()).toBe(NOW.getTime() + SESSION_LIFETIME_MS);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=${token}`))).toBe(true);
  });

  it('ignores claims for another session id: the session is checked first, as without claims', async () => {
    const { user } = await founder();
    const other = await founder();
    const { token } = await signIn(user);
    const elsewhere = await signIn(other.user);
    const { res, html } = await get(
      '/me',
      cookieHeader(token, { sessionId: elsewhere.sessionId, user: other.user }),
    );
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(2);
    expect(html).toContain(user.name);
    expect(html).not.toContain(other.user.name);
  });
});
