/** Signed-in requests in tests: a real session row and its cookie. */
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import type { Db } from '~/functions/db/client';

export async function sessionCookieFor(
  db: Db,
  userId: number,
  now = new Date('2026-11-25T02:00:00Z'),
): Promise<string> {
  const { token } = await createSession(db, userId, now);
  return `${SESSION_COOKIE}=${token}`;
}

/** Headers for a same-origin write from a signed-in browser (app.request() runs on http://localhost). */
export function writeHeaders(cookie?: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    origin: 'http://localhost',
    'content-type': 'application/json',
    ...(cookie ? { cookie } : {}),
    ...extra,
  };
}
