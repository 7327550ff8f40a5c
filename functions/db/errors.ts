/**
 * What the database refused, read from a failed query (drizzle wraps the libSQL error as its
 * cause), so services can turn a constraint the database enforced into a typed conflict.
 */
interface SqliteFailure {
  /** The most specific code, e.g. SQLITE_CONSTRAINT_UNIQUE. */
  code: string;
  message: string;
}

export function sqliteFailure(err: unknown): SqliteFailure | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, extendedCode, message } = current as {
      code?: unknown;
      extendedCode?: unknown;
      message?: unknown;
    };
    const best = typeof extendedCode === 'string' && extendedCode.startsWith('SQLITE_') ? extendedCode : code;
    if (typeof best === 'string' && best.startsWith('SQLITE_'))
      return { code: best, message: String(message ?? '') };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A trigger's `RAISE(ABORT, reason)` with this reason (the migrations name their reasons). */
export function isTriggerRefusal(err: unknown, reason: string): boolean {
  const failure = sqliteFailure(err);
  return Boolean(failure?.code.startsWith('SQLITE_CONSTRAINT') && failure.message.includes(reason));
}

/** A UNIQUE or PRIMARY KEY violation (both read "UNIQUE constraint failed"). */
export function isUniqueViolation(err: unknown): boolean {
  const failure = sqliteFailure(err);
  return Boolean(
    failure?.code.startsWith('SQLITE_CONSTRAINT') && /UNIQUE constraint failed/.test(failure.message),
  );
}
