/**
 * Migration safety: for every earlier migration, build a database at that point, fill each table with
 * rows, migrate to the latest and check that no row and no value of an existing column was lost.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, type InValue } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { createDb } from '~/functions/db/client';
import { creditCodeCheckChar } from '~/functions/lib/credit-code';
import { MIGRATIONS_FOLDER } from '../../scripts/lib/database';

interface Journal {
  entries: Array<{ idx: number; tag: string }>;
}
const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as Journal;

/** A migrations folder holding only the first `count` migrations. */
function folderUpTo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'opc-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const entries = journal.entries.slice(0, count);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries)
    cpSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(dir, `${entry.tag}.sql`));
  return dir;
}

async function userTables(client: Client): Promise<string[]> {
  const rows = await client.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_fts_%' ORDER BY name",
  );
  return rows.rows.map((r) => String(r.name));
}

/** Tables ordered so that referenced tables come first. */
async function dependencyOrder(client: Client, tables: string[]): Promise<string[]> {
  const deps = new Map<string, string[]>();
  for (const table of tables) {
    const fks = await client.execute(`PRAGMA foreign_key_list("${table}")`);
    deps.set(
      table,
      fks.rows.map((r) => String(r.table)).filter((t) => t !== table),
    );
  }
  const ordered: string[] = [];
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    for (const dep of deps.get(table) ?? []) visit(dep);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/** A plausible value for a column from its name and type, satisfying the schema's CHECKs. */
function valueFor(table: string, column: string, type: string, i: number): InValue {
  if (column === 'email' || column.endsWith('_email')) return `user${i}@example.com`;
  if (column === 'credit_code') {
    const body = `9142010${i}MA4K0000${i}`.slice(0, 17);
    return body + (creditCodeCheckChar(body) ?? '0');
  }
  if (column === 'tags') return JSON.stringify([`tag${i}`]);
  if (column === 'status') return 'pending';
  if (column === 'before' || column === 'after') return JSON.stringify({ i });
  if (column === 'ends_at') return 1_790_000_000_000 + i + 3_600_000; // events: starts before it ends
  if (/_at$/.test(column) || column === 'window_start') return 1_790_000_000_000 + i;
  if (/INT/i.test(type)) return i;
  if (/REAL/i.test(type)) return i + 0.5;
  if (/BLOB/i.test(type)) return new Uint8Array([i, table.length]);
  return `${table}.${column}.${i}`;
}

/**
 * Columns whose CHECKs need a particular value: a picture belongs to exactly one product; a
 * voucher's redeemed and pending amounts fit in its amount.
 */
const FIXED: Record<string, Record<string, InValue>> = {
  media: { company_id: null, event_id: null, kind: 'screenshot', state: 'current' },
  vouchers: { redeemed_fen: 0, pending_fen: 0 },
};

async function fill(client: Client): Promise<void> {
  const tables = await dependencyOrder(client, await userTables(client));
  for (const table of tables) {
    const info = await client.execute(`PRAGMA table_info("${table}")`);
    const fks = await client.execute(`PRAGMA foreign_key_list("${table}")`);
    const fkColumns = new Map(fks.rows.map((r) => [String(r.from), String(r.table)]));
    // A lone INTEGER PRIMARY KEY is the rowid: let SQLite number it.
    const primary = info.rows.filter((c) => Number(c.pk) > 0);
    const rowid =
      primary.length === 1 && /INT/i.test(String(primary[0]?.type)) ? String(primary[0]?.name) : null;
    const columns = info.rows.filter((c) => String(c.name) !== rowid);
    for (let i = 1; i <= 3; i++) {
      const values = columns.map((c) => {
        const fixed = FIXED[table]?.[String(c.name)];
        if (fixed !== undefined) return fixed;
        return fkColumns.has(String(c.name)) ? i : valueFor(table, String(c.name), String(c.type), i);
      });
      const names = columns.map((c) => `"${String(c.name)}"`).join(', ');
      await client.execute({
        sql: `INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => '?').join(', ')})`,
        args: values,
      });
    }
  }
}

async function snapshot(client: Client, tables: string[]) {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const table of tables)
    out[table] = (await client.execute(`SELECT * FROM "${table}" ORDER BY rowid`)).rows.map((r) => ({
      ...r,
    }));
  return out;
}

describe.each(journal.entries.slice(0, -1).map((e) => [e.tag, e.idx + 1] as const))(
  'from %s to the latest migration',
  (_tag, count) => {
    it('keeps every row and every value of existing columns', async () => {
      const client = createClient({
        url: `file:${join(mkdtempSync(join(tmpdir(), 'opc-mig-')), 'db.sqlite')}`,
      });
      await client.execute('PRAGMA foreign_keys = ON');
      await migrate(createDb(client), { migrationsFolder: folderUpTo(count) });
      await fill(client);
      const tables = await userTables(client);
      const before = await snapshot(client, tables);
      for (const table of tables) expect(before[table]?.length, `${table} filled`).toBeGreaterThanOrEqual(3);
      await migrate(createDb(client), { migrationsFolder: MIGRATIONS_FOLDER });
      const after = await snapshot(client, tables);
      for (const table of tables) {
        expect(after[table]?.length, table).toBe(before[table]?.length);
        (before[table] ?? []).forEach((row, index) => {
          const later = after[table]?.[index] ?? {};
          for (const [column, value] of Object.entries(row))
            expect(later[column], `${table}.${column}`).toEqual(value);
        });
      }
      client.close();
    });
  },
);

describe('0007_user_ids_never_reused', () => {
  it('keeps every reference to users and never hands out an id deleted before it ran', async () => {
    const client = createClient({
      url: `file:${join(mkdtempSync(join(tmpdir(), 'opc-mig-')), 'db.sqlite')}`,
    });
    await client.execute('PRAGMA foreign_keys = ON');
    const before = journal.entries.findIndex((e) => e.tag.startsWith('0007_'));
    await migrate(createDb(client), { migrationsFolder: folderUpTo(before) });
    const references = async () =>
      (
        await client.execute(
          'SELECT m.name, f."from", f.on_delete FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = \'table\' AND f."table" = \'users\' ORDER BY 1, 2',
        )
      ).rows.map((r) => ({ ...r }));
    const referencesBefore = await references();
    expect(referencesBefore.length).toBeGreaterThan(10);
    for (const n of [1, 2, 3])
      await client.execute({
        sql: "INSERT INTO users (email, name, password_hash, consent_version, consented_at, created_at, updated_at) VALUES (?, ?, 'h', 'v', 0, 0, 0)",
        args: [`u${n}@example.com`, `u${n}`],
      });
    await client.execute("INSERT INTO sessions VALUES ('s', 2, x'00', 0, 0)");
    // The newest account (3) was deleted before the migration: only its audit row is left.
    await client.execute('DELETE FROM users WHERE id = 3');
    await client.execute(
      "INSERT INTO audit_log (actor, actor_role, action, target_type, target_id, created_at) VALUES ('p', 'founder', 'account.delete', 'user', 'p', 0)",
    );

    await migrate(createDb(client), { migrationsFolder: MIGRATIONS_FOLDER });

    // Tables that existed before keep their references (later migrations add tables of their own).
    const tablesBefore = new Set(referencesBefore.map((r) => r.name));
    expect((await references()).filter((r) => tablesBefore.has(r.name))).toEqual(referencesBefore);
    expect((await client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
    expect((await client.execute('SELECT user_id FROM sessions')).rows.map((r) => r.user_id)).toEqual([2]);
    const next = await client.execute(
      "INSERT INTO users (email, name, password_hash, consent_version, consented_at, created_at, updated_at) VALUES ('new@example.com', 'new', 'h', 'v', 0, 0, 0) RETURNING id",
    );
    expect(next.rows[0]?.id).toBe(4);
    client.close();
  });
});
