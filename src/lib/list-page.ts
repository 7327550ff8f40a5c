/**
 * Helpers for list and detail pages that call services directly: a GET form's query parsed with the
 * API's schema, a stale or tampered cursor answered with the first page, unknown records as null.
 */
import type { z } from 'zod';
import { isAppError } from '~/functions/lib/errors';

/** The query of a list page; an invalid one shows the unfiltered list rather than an error. */
export function parseListQuery<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  const result = schema.safeParse(Object.fromEntries(url.searchParams));
  return result.success ? result.data : schema.parse({});
}

/** Runs a list with the cursor; if the cursor is invalid (422), shows the first page instead. */
export async function firstPageOnBadCursor<T>(
  run: (cursor: string | undefined) => T | Promise<T>,
  cursor: string | undefined,
): Promise<T> {
  try {
    return await run(cursor);
  } catch (err) {
    if (cursor !== undefined && isAppError(err) && err.status === 422) return run(undefined);
    throw err;
  }
}

/** A service result, or null when the service answers "not found" (the page then answers 404). */
export async function orNotFound<T>(run: () => T | Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (isAppError(err) && err.status === 404) return null;
    throw err;
  }
}

/** The current URL with some query parameters replaced (null removes one). */
export function withParams(url: URL, params: Record<string, string | null>): string {
  const next = new URL(url);
  for (const [name, value] of Object.entries(params)) {
    if (value === null) next.searchParams.delete(name);
    else next.searchParams.set(name, value);
  }
  return `${next.pathname}${next.search}`;
}
