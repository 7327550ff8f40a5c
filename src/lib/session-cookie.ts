/**
 * The session cookie from Astro pages: the same attributes as the API's Set-Cookie
 * (functions/auth/session.ts sessionCookie): HttpOnly, SameSite=Lax, Path=/, Secure except on
 * plain-HTTP localhost. Astro adds these cookies to whatever response the page returns (303s too).
 */
import type { AstroCookies } from 'astro';
import { type CreatedSession, isSecureRequest, SESSION_COOKIE } from '~/functions/auth/session';

export function setSessionCookie(cookies: AstroCookies, url: URL, session: CreatedSession): void {
  cookies.set(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(url),
    expires: session.expiresAt,
    // The token is already URL-safe (base32 and a dot).
    encode: (value) => value,
  });
}

export function clearSessionCookie(cookies: AstroCookies, url: URL): void {
  cookies.set(SESSION_COOKIE, '', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(url),
    maxAge: 0,
  });
}

/**
 * Where to go after signing in: `?next=` only when it is a path on this site (`/me`, not `//evil`,
 * `/\evil` or `https://…`); otherwise the dashboard in the page's language.
 */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || next.length > 500) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\\]/.test(next)) return fallback;
  try {
    const resolved = new URL(next, 'http://same.site');
    if (resolved.origin !== 'http://same.site') return fallback;
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return fallback;
  }
}
