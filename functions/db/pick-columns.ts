/** Drizzle column picks from a list of keys, so a list declared once (e.g. a form's fields) names the columns. */
import { type Column, getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';

export function pickColumns<T extends Table, const K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
): Pick<T['_']['columns'], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, columns[key]])) as Pick<T['_']['columns'], K>;
}

/**
 * A column's name in the database: a column named by its key is stored in snake_case (the client's
 * `casing`), as drizzle writes it everywhere else. For SQL written by hand.
 */
export const sqlColumnName = (column: Column): string =>
  column.keyAsName ? toSnakeCase(column.name) : column.name;

/** The column with its table's name, e.g. `"products"."id"`, for a correlated subquery. */
export const qualifiedColumn = (column: Column) =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(sqlColumnName(column))}`;
