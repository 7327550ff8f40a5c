/**
 * A cookie's value in a request's Cookie header, as sent (not URI-decoded): undefined when absent.
 * The one parser for the session cookie, its claims and the pages' one-time cookies.
 */
export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
