/**
 * The API keeps its own Origin rule in the built Worker: a bodyless write from a client that sends no
 * Origin (curl, a server) reaches the API, which refuses only a foreign Origin or a browser's
 * `Sec-Fetch-Site: cross-site`. The page layer's form check (cross-site form posts) does not apply to
 * /api, and still applies to pages.
 */

import { describe, expect, inject, it } from 'vitest';
import { createDb } from '~/functions/db/client';
import { insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(`file:${inject('workerDbFile')}`);
const db = createDb(client);

async function session() {
  const user = await insertUser(db, { email: `origin-${Math.random().toString(36).slice(2)}@example.com` });
  return { user, cookie: await sessionCookieFor(db, user.id, new Date('2026-11-25T01:00:00Z')) };
}
const me = (cookie: string) => fetch(`${base}/api/v1/me`, { headers: { cookie } });

describe('API writes without a body or an Origin', () => {
  it.each(['/auth/logout', '/auth/logout-all'])(
    'POST %s with only the cookie ends the session',
    async (path) => {
      const { cookie } = await session();
      expect((await me(cookie)).status).toBe(200);
      const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { cookie } });
      expect(res.status).toBeLessThan(300);
      expect((await me(cookie)).status).toBe(401);
    },
  );

  it('POST /auth/verify-email/resend with only the cookie reaches the API', async () => {
    const { cookie } = await session();
    const res = await fetch(`${base}/api/v1/auth/verify-email/resend`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(res.headers.get('content-type') ?? '').not.toContain('text/plain');
    expect(res.status).not.toBe(403);
  });

  it.each([{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }])(
    'refuses a write sent by another site (%o) and keeps the session',
    async (headers) => {
      const { cookie } = await session();
      const res = await fetch(`${base}/api/v1/auth/logout`, {
        method: 'POST',
        headers: { cookie, ...headers },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await me(cookie)).status).toBe(200);
    },
  );

  it('still refuses a bodyless page write without Origin (the form layer)', async () => {
    const { cookie } = await session();
    const res = await fetch(`${base}/signout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
  });
});
