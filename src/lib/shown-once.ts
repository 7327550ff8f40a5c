/**
 * A secret shown once after a form (a new access token, a webhook's signing secret): the POST sets
 * it in a short-lived HttpOnly cookie and redirects (303); the page it lands on reads it and clears
 * the cookie, so a reload or the back button never shows it again, and the form's idempotency row
 * stores only the redirect, never the secret.
 */
import type { AstroGlobal } from 'astro';
import { isSecureRequest } from '~/functions/auth/session';

const options = (Astro: AstroGlobal) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: isSecureRequest(Astro.url),
});

export function carryOnce(Astro: AstroGlobal, name: string, secret: string): void {
  Astro.cookies.set(name, secret, { ...options(Astro), maxAge: 120 });
}

/** The carried secret (cleared as it is read), or null. */
export function takeCarried(Astro: AstroGlobal, name: string): string | null {
  const value = Astro.cookies.get(name)?.value ?? null;
  if (value !== null) Astro.cookies.set(name, '', { ...options(Astro), maxAge: 0 });
  return value || null;
}
