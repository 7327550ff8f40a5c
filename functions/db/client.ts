/**
 * The database handle. Production and local runs use the same code: a libSQL `Client` (the web
 * client to Turso or to the local endpoint in the Worker; the Node client on a file in tests and
 * scripts) wrapped per request, so every round trip is counted for the Server-Timing header.
 */
import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';

export type Db = LibSQLDatabase & { $client: Client };

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

/**
 * A statement sent in front of a request's first read, in the same round trip (decision 023): the
 * signed-in page's session check. `check` sees its rows before the read's are returned, and throws
 * to abandon the request's work when they disagree with what the request assumed.
 */
export interface FirstTripProbe {
  statement: InStatement;
  check(result: ResultSet): void;
}

/** Where a request's probe waits for its first round trip; `settle` sends it alone if none came. */
export class FirstTripSlot {
  #probe: FirstTripProbe | null = null;
  #done: Promise<void> | null = null;
  #send: ((stmt: InStatement) => Promise<ResultSet>) | null = null;

  arm(probe: FirstTripProbe): void {
    this.#probe = probe;
    this.#done = null;
  }

  /** Whether the next read may carry the probe. */
  get waiting(): boolean {
    return this.#probe !== null && this.#done === null;
  }

  /** Sends the probe in front of `statements` in one batch and returns their results. */
  async ride(
    send: (statements: InStatement[]) => Promise<ResultSet[]>,
    statements: InStatement[],
  ): Promise<ResultSet[]> {
    const probe = this.#probe as FirstTripProbe;
    const trip = send([probe.statement, ...statements]);
    this.#done = trip.then((results) => probe.check(results[0] as ResultSet));
    await this.#done;
    return (await trip).slice(1);
  }

  /** Resolves once the probe was checked, sending it alone when nothing carried it; throws its failure. */
  async settle(): Promise<void> {
    if (!this.#probe) return;
    if (!this.#done) {
      const probe = this.#probe;
      const send = this.#send as (stmt: InStatement) => Promise<ResultSet>;
      this.#done = send(probe.statement).then((result) => probe.check(result));
    }
    await this.#done;
  }

  /** @internal The wrapped client's own execute, for `settle`. */
  bind(send: (stmt: InStatement) => Promise<ResultSet>): void {
    this.#send = send;
  }
}

/** Only a plain select may travel with the probe: a write never runs before the session is checked. */
const isRead = (stmt: InStatement) => /^\s*select\b/i.test(typeof stmt === 'string' ? stmt : stmt.sql);

/**
 * Wraps a client so each network call adds to `metrics` (a transaction counts each statement) and,
 * with a slot, so the first read carries the slot's probe.
 */
export function instrumentClient(client: Client, metrics: DbMetrics, slot?: FirstTripSlot): Client {
  const execute = (stmt: InStatement) => timed(metrics, () => client.execute(stmt));
  const batch = (statements: InStatement[], mode?: TransactionMode) =>
    timed(metrics, () => client.batch(statements, mode));
  slot?.bind(execute);
  return new Proxy(client, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'execute':
          return async (stmtOrSql: InStatement, args?: unknown) => {
            const stmt: InStatement =
              typeof stmtOrSql === 'string' && args !== undefined
                ? ({ sql: stmtOrSql, args } as InStatement)
                : stmtOrSql;
            if (slot?.waiting && isRead(stmt)) {
              const [result] = await slot.ride((all) => batch(all), [stmt]);
              return result;
            }
            await slot?.settle();
            return execute(stmt);
          };
        case 'batch':
          return async (statements: InStatement[], mode?: TransactionMode) => {
            if (slot?.waiting && statements.length > 0 && statements.every(isRead)) {
              return slot.ride((all) => batch(all, mode), statements);
            }
            await slot?.settle();
            return batch(statements, mode);
          };
        case 'migrate':
        case 'executeMultiple':
          return async (...args: unknown[]) => {
            await slot?.settle();
            return timed(metrics, () =>
              (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args),
            );
          };
        case 'transaction':
          return async (mode?: TransactionMode) => {
            await slot?.settle();
            return instrumentTransaction(await timed(metrics, () => target.transaction(mode)), metrics);
          };
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

/** A drizzle handle for one request, with its round-trip counter (given to share one) and first-trip slot. */
export function requestDb(
  client: Client,
  metrics: DbMetrics = newMetrics(),
): { db: Db; metrics: DbMetrics; firstTrip: FirstTripSlot } {
  const firstTrip = new FirstTripSlot();
  return { db: createDb(instrumentClient(client, metrics, firstTrip)), metrics, firstTrip };
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
