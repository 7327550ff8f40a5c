/**
 * When the database does not answer (decision 014). The Worker's libSQL client sends every round
 * trip through `databaseFetch`, which gives it DATABASE_TIMEOUT_MS: a hanging endpoint fails the
 * request instead of holding it open, and a refused connection fails at once. `isDatabaseUnavailable`
 * recognises both (and the libSQL client's own transport errors) through drizzle's wrapping, so the
 * API answers 503 problem+json and pages the 503 page, each with Retry-After. A database too busy
 * to take a write in time is the same for a client (decision 017): sqld rolls back a transaction
 * that kept another writer waiting 5 s (TRANSACTION_TIMEOUT), SQLite answers SQLITE_BUSY, and a
 * stream left idle too long expires (STREAM_EXPIRED). Each means the write did not happen.
 */

/** How long one database round trip (a statement, a batch, a transaction step) may take. */
export const DATABASE_TIMEOUT_MS = 10_000;

/** What 503 answers tell clients to wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The database endpoint refused, dropped or did not answer a round trip in time. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

type Fetch = (request: Request) => Promise<Response>;

/** A `fetch` for `createClient({ fetch })`: each round trip gets `timeoutMs`, failures are typed. */
export function databaseFetch(timeoutMs = DATABASE_TIMEOUT_MS): Fetch {
  return async (request) => {
    try {
      // The signal also covers reading the body, which the client does after this returns.
      return await globalThis.fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const timedOut = (err as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new DatabaseUnavailableError(
        timedOut ? `no answer within ${timeoutMs} ms` : `unreachable: ${String(err)}`,
        { cause: err },
      );
    }
  };
}

// Codes of @libsql/client for transport failures (HTTP errors of the endpoint, broken WebSockets),
// and of sqld and SQLite for a write that lost the wait for the lock (rolled back, safe to retry).
const TRANSPORT_CODES = new Set(['SERVER_ERROR', 'HRANA_WEBSOCKET_ERROR']);
const BUSY_CODES = new Set(['TRANSACTION_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'STREAM_EXPIRED']);

/** Whether an error (or one of its causes: drizzle and libSQL wrap them) means the database is down or busy. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return unavailableReason(err) !== null;
}

/** The message of the error that says the database is down (for logs), or null. */
export function unavailableReason(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; current && depth < 6; depth++) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (
      current instanceof DatabaseUnavailableError ||
      (typeof code === 'string' && (TRANSPORT_CODES.has(code) || BUSY_CODES.has(code))) ||
      // A body read cut off by the timeout's signal, or a fetch failing outside `databaseFetch`.
      name === 'TimeoutError' ||
      (current instanceof TypeError && /fetch|network|connect/i.test(String(message)))
    ) {
      return `${String(name ?? 'Error')}${typeof code === 'string' ? ` ${code}` : ''}: ${String(message)}`;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
