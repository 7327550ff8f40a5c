/**
 * The database handle. Production and local runs use the same code: a libSQL `Client` (the web
 * client to Turso or to the local endpoint in the Worker; the Node client on a file in tests and
 * scripts) wrapped per request, so every round trip is counted for the Server-Timing header.
 */
import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';

export type Db = LibSQLDatabase;

export interface DbMetrics {
  roundTrips: number;
  ms: number;
}

export const newMetrics = (): DbMetrics => ({ roundTrips: 0, ms: 0 });

async function timed<T>(metrics: DbMetrics, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    metrics.roundTrips += 1;
    metrics.ms += performance.now() - started;
  }
}

function instrumentTransaction(tx: Transaction, metrics: DbMetrics): Transaction {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (
        prop === 'execute' ||
        prop === 'batch' ||
        prop === 'executeMultiple' ||
        prop === 'commit' ||
        prop === 'rollback'
      ) {
        return (...args: unknown[]) =>
          timed(metrics, () => (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Wraps a client so each network call adds to `metrics` (a transaction counts each statement). */
export function instrumentClient(client: Client, metrics: DbMetrics): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'execute':
          return (stmt: InStatement, args?: unknown) =>
            timed(metrics, () =>
              (target.execute as (s: InStatement, a?: unknown) => Promise<unknown>)(stmt, args),
            );
        case 'batch':
        case 'migrate':
        case 'executeMultiple':
          return (...args: unknown[]) =>
            timed(metrics, () => (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        case 'transaction':
          return async (mode?: TransactionMode) =>
            instrumentTransaction(await timed(metrics, () => target.transaction(mode)), metrics);
        default: {
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

export function createDb(client: Client): Db {
  return drizzle({ client, casing: 'snake_case' });
}

/** A drizzle handle for one request, with its own round-trip counter. */
export function requestDb(client: Client): { db: Db; metrics: DbMetrics } {
  const metrics = newMetrics();
  return { db: createDb(instrumentClient(client, metrics)), metrics };
}

export function serverTimingValue(
  metrics: DbMetrics,
  totalMs: number | undefined,
  options: { countRoundTrips: boolean },
): string {
  // In production the count is left out: whether a request made one more round trip can tell, for
  // instance, whether an email has an account (issue 12). Local runs and the benchmark keep it.
  const trips = `${metrics.roundTrips} round trip${metrics.roundTrips === 1 ? '' : 's'}`;
  const parts = [`db;dur=${metrics.ms.toFixed(1)}${options.countRoundTrips ? `;desc="${trips}"` : ''}`];
  if (totalMs !== undefined) parts.push(`total;dur=${totalMs.toFixed(1)}`);
  return parts.join(', ');
}
