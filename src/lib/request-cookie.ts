/**
 * A cookie as the request carried it. One-time cookies (a secret shown once, a team notice) are read
 * here rather than through `Astro.cookies`, which returns what this request already changed: a page
 * rendered twice (decision 023, claims refused) must find them again the second time.
 */
export function requestCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}
