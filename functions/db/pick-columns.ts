/** Drizzle column picks from a list of keys, so a list declared once (e.g. a form's fields) names the columns. */
import { getTableColumns, type Table } from 'drizzle-orm';

export function pickColumns<T extends Table, const K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
): Pick<T['_']['columns'], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, columns[key]])) as Pick<T['_']['columns'], K>;
}
