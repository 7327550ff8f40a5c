/**
 * The session cookie from Astro pages: the same attributes as the API's Set-Cookie
 * (functions/auth/session.ts sessionCookie): HttpOnly, SameSite=Lax, Path=/, Secure and `__Host-`
 * named except on plain-HTTP localhost. Astro adds these cookies to whatever response the page returns (303s too).
 */
import type { AstroCookies } from 'astro';
import { type CreatedSession, isSecureRequest, sessionCookieName } from '~/functions/auth/session';
import { claimsCookieName } from '~/functions/auth/session-claims';

export function setSessionCookie(cookies: AstroCookies, url: URL, session: CreatedSession): void {
  cookies.set(sessionCookieName(isSecureRequest(url)), session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(url),
    expires: session.expiresAt,
    // The token is already URL-safe (base32 and a dot).
    encode: (value) => value,
  });
}

/** Clears the session cookie and the claims beside it (decision 023). */
export function clearSessionCookie(cookies: AstroCookies, url: URL): void {
  const secure = isSecureRequest(url);
  for (const name of [sessionCookieName(secure), claimsCookieName(secure)]) {
    cookies.set(name, '', { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 0 });
  }
}

/** A plain path on this site: one leading slash, no second slash or backslash after it. */
const PLAIN_PATH = /^\/(?![/\\])/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\\s]/;

/**
 * Where to go after signing in: `?next=` only when it is a path on this site, otherwise the fallback
 * (the dashboard in the page's language). The target is resolved first (dot segments, encodings)
 * and the resolved path is what is checked and answered: `/.//evil` resolves to `//evil`, which a
 * browser would follow to another host.
 */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || next.length > 500 || !PLAIN_PATH.test(next) || UNSAFE_CHARS.test(next)) return fallback;
  const base = 'http://same.site';
  try {
    const resolved = new URL(next, base);
    const path = resolved.pathname + resolved.search + resolved.hash;
    if (resolved.origin !== base || !PLAIN_PATH.test(path) || UNSAFE_CHARS.test(path)) return fallback;
    // What a browser does with the answer must be the answer again.
    const followed = new URL(path, base);
    return followed.origin === base && followed.pathname + followed.search + followed.hash === path
      ? path
      : fallback;
  } catch {
    return fallback;
  }
}
