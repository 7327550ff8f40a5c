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
 * A bound shape goes into `db.batch([...])` like a query builder, or is awaited alone.
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

type Placeholders<V> = { [K in keyof V]: Placeholder<K & string> };

/**
 * `build` receives a database handle and one placeholder per key of the values, and returns a select
 * builder; the returned function binds values for one request.
 */
export function queryShape<V extends Record<string, string | number | null>, Q extends PromiseLike<unknown>>(
  build: (db: Db, p: Placeholders<V>) => Q,
  keys: ReadonlyArray<keyof V & string>,
): (db: Db, values: V) => Q {
  let prepared: PreparedShape | undefined;
  const placeholders = Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as Placeholders<V>;
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
