/**
 * Selects whose SQL is built once per isolate and bound per request (issue 17). Drizzle builds a
 * query's SQL every time it runs: for the home page's batch that was about a tenth of the Worker's
 * CPU per cold render. A shape is built the first time it is used, with placeholders for what
 * differs between requests; each use fills the placeholders and maps the rows with drizzle's own
 * mapper, so results are exactly what the query builder returns.
 *
 * Placeholders take values as the driver stores them: a timestamp column's value as epoch
 * milliseconds (a number), not a Date, since a placeholder bypasses the column's encoder.
 *
 * A bound shape goes into `db.batch([...])` like a query builder, or is awaited alone. It is typed
 * as the builder (so a batch infers its rows) but supports only those two: not `.get()`, `.all()`,
 * `.toSQL()` or a transaction handle.
 */
import type { Client, ResultSet } from '@libsql/client';
import { fillPlaceholders, type Placeholder, sql } from 'drizzle-orm';
import { createDb, type Db } from './client';

/** Prepares SQL without a connection: drizzle never touches the client while building. */
const offline = createDb({} as Client);

interface PreparedShape {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: ResultSet, isFromBatch?: boolean): unknown;
}

/** One placeholder per name, for a shape's builder. */
export type Placeholders<K extends string> = { [P in K]: Placeholder<P> };

/**
 * `build` receives a database handle and one placeholder per name in `keys`, and returns a select
 * builder; the returned function binds one request's values.
 */
export function queryShape<K extends string, Q extends PromiseLike<unknown>>(
  build: (db: Db, p: Placeholders<K>) => Q,
  keys: readonly K[],
): (db: Db, values: { [P in K]: string | number | null }) => Q {
  let prepared: PreparedShape | undefined;
  const placeholders = Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as Placeholders<K>;
  return (db, values) => {
    prepared ??= (build(offline, placeholders) as unknown as { _prepare(): PreparedShape })._prepare();
    const shape = prepared;
    const { sql: text, params } = shape.getQuery();
    const args = fillPlaceholders(params, values) as never[];
    const item = {
      _prepare: () => ({
        getQuery: () => ({ sql: text, params: args }),
        mapResult: shape.mapResult.bind(shape),
      }),
      // biome-ignore lint/suspicious/noThenProperty: awaited alone, a bound shape runs like a query builder.
      then: (resolve: (value: unknown) => unknown, reject: (reason: unknown) => unknown) =>
        db.$client
          .execute({ sql: text, args })
          .then((result) => shape.mapResult(result, true))
          .then(resolve, reject),
    };
    return item as unknown as Q;
  };
}
