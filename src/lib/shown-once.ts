/**
 * A secret shown once after a form (a new access token, a webhook's signing secret): the POST sets
 * it in a short-lived HttpOnly cookie and redirects (303); the page it lands on reads it and clears
 * the cookie, so a reload or the back button never shows it again, and the form's idempotency row
 * stores only the redirect, never the secret. The cookie is scoped to that page's path and names the
 * person who made it: someone else signing in on the same browser within the two minutes sees nothing.
 */
import type { AstroGlobal } from 'astro';
import { isSecureRequest } from '~/functions/auth/session';
import { requestCookie } from '~/src/lib/request-cookie';

const options = (Astro: AstroGlobal, path: string) => ({
  path,
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: isSecureRequest(Astro.url),
});

/** Carries `secret` to the next GET of `path` (the page's own, localized path) by this person. */
export function carryOnce(Astro: AstroGlobal, name: string, path: string, secret: string): void {
  const owner = Astro.locals.ctx.user?.id ?? 0;
  Astro.cookies.set(name, `${owner}.${secret}`, { ...options(Astro, path), maxAge: 120 });
}

/** The carried secret (cleared as it is read) when the signed-in person made it, else null. */
export function takeCarried(Astro: AstroGlobal, name: string, path: string): string | null {
  const value = requestCookie(Astro.request, name) ?? null;
  if (value === null) return null;
  Astro.cookies.set(name, '', { ...options(Astro, path), maxAge: 0 });
  const dot = value.indexOf('.');
  const owner = Number(value.slice(0, dot));
  return dot > 0 && owner === Astro.locals.ctx.user?.id ? value.slice(dot + 1) || null : null;
}
