/**
 * A cookie as the request carried it, URI-decoded as Astro encodes it. One-time cookies (a secret
 * shown once, a team notice) are read here rather than through `Astro.cookies`, which returns what
 * this request already changed: a page rendered twice (decision 023, claims refused) must find them
 * again the second time.
 */
import { cookieValue } from '~/functions/lib/cookies';

export function requestCookie(request: Request, name: string): string | undefined {
  const raw = cookieValue(request.headers.get('cookie'), name);
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
