/** A fingerprint of every row of every table, to prove a refused request changed nothing. */
import type { Client } from '@libsql/client';

// Bookkeeping that a refused request may legitimately touch (it counts the attempt).
const IGNORED = new Set(['rate_limits', '__drizzle_migrations']);

/**
 * Values as JSON can compare them: a bigint as its digits, a blob (an ArrayBuffer, which JSON would
 * write as `{}`) as hex, so a changed `secret_hash` changes the fingerprint.
 */
function comparable(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof ArrayBuffer) return `x'${Buffer.from(value).toString('hex')}'`;
  if (ArrayBuffer.isView(value))
    return `x'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'`;
  return value;
}

export async function databaseFingerprint(client: Client): Promise<string> {
  const tables = await client.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_fts_%' ORDER BY name",
  );
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    if (IGNORED.has(String(name))) continue;
    const rows = await client.execute(`SELECT * FROM "${String(name)}" ORDER BY rowid`);
    parts.push(`${String(name)}:${JSON.stringify(rows.rows, comparable)}`);
  }
  return parts.join('\n');
}
