/**
 * Answers while the database is unavailable (decision 014). Pages get the localized 503 page (HTML:
 * browsers read them; src/pages/500.astro renders it for a database outage), a client that asks for
 * JSON gets 503 problem+json like the API. Both say Retry-After and are never cached.
 */
import { DATABASE_RETRY_AFTER_SECONDS } from '~/functions/db/availability';
import { databaseUnavailable } from '~/functions/lib/errors';
import type { Locale } from '~/functions/lib/locale';
import { problemFromAppError, problemResponse } from '~/functions/lib/problem';
import { applySecurityHeaders } from './security-headers';

/** A request that prefers JSON (an API client or script) over a page. */
export function wantsProblemJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return /application\/(?:problem\+)?json/i.test(accept) && !/text\/html/i.test(accept);
}

/** Retry-After and no-store: set by the 503 page itself and again on the way out. */
export function setUnavailableHeaders(headers: Headers): void {
  headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  headers.set('cache-control', 'no-store');
}

export function unavailableProblem(locale: Locale, requestId: string): Response {
  const err = databaseUnavailable();
  const response = problemResponse(problemFromAppError(err, locale, requestId));
  setUnavailableHeaders(response.headers);
  response.headers.set('x-request-id', requestId);
  applySecurityHeaders(response.headers);
  return response;
}

/** The error page rendered for an outage, on its way out (Astro gives error routes status 500). */
export function unavailablePage(rendered: Response, requestId: string): Response {
  const response = new Response(rendered.body, { status: 503, headers: rendered.headers });
  setUnavailableHeaders(response.headers);
  response.headers.set('x-request-id', requestId);
  applySecurityHeaders(response.headers);
  return response;
}
