/**
 * A write that loses the wait for the database's lock is a 503 with Retry-After (decision 017), never
 * a 500: sqld (Turso) rolls back a transaction that kept another writer waiting 5 s and answers
 * TRANSACTION_TIMEOUT; SQLite answers SQLITE_BUSY. sqld's codes for bad SQL stay 500s, and a
 * constraint the database enforced stays a 409.
 */
import { createClient, LibsqlError } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { createApp } from '~/functions/app';
import { createPasswordHasher } from '~/functions/auth/password';
import { SESSION_COOKIE } from '~/functions/auth/session';
import { manualClock } from '~/functions/lib/clock';
import { localImages } from '~/functions/services/media/process-upload';
import { testApp } from '../factories/app';
import { buildCatalog } from '../factories/catalog';
import { freshDatabase, testConfig } from '../factories/db';
import { memoryBucket } from '../factories/memory-bucket';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { sessionCookieFor, writeHeaders } from '../factories/session';

/** The app on a database whose every statement fails as sqld fails it with `code`. */
async function appFailingWith(code: string, message: string) {
  const { client } = await freshDatabase();
  const failing = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'execute' || prop === 'batch' || prop === 'transaction' || prop === 'executeMultiple') {
        return () => Promise.reject(new LibsqlError(`${code}: ${message}`, code));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return createApp({
    connect: () => failing,
    catalog: buildCatalog(),
    clock: manualClock('2026-11-25T10:00:00+08:00'),
    config: testConfig(),
    hasher: createPasswordHasher(testConfig().passwordPepper, 1000),
    media: memoryBucket(),
    images: localImages,
  });
}

describe('lock timeouts and sqld error codes in the API', () => {
  it.each([
    ['TRANSACTION_TIMEOUT', 'Transaction timed out'],
    ['SQLITE_BUSY', 'SQLite error: database is locked'],
    ['STREAM_EXPIRED', 'The stream has expired due to inactivity'],
  ])('%s is 503 database_unavailable with Retry-After, for reads and writes', async (code, message) => {
    const app = await appFailingWith(code, message);
    for (const [method, path] of [
      ['GET', '/api/v1/products'],
      ['PUT', '/api/v1/products/1/vote'],
    ] as const) {
      const res = await app.request(path, { method, headers: writeHeaders(`${SESSION_COOKIE}=any.token`) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(await res.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
    }
  });

  it.each([
    ['SQL_PARSE_ERROR', 'SQL string could not be parsed: syntax error around L1:6'],
    ['SQLITE_UNKNOWN', 'SQLite error: no such table: nope'],
    ['SQL_INPUT_ERROR', 'SQL input error: no such column: nope (at offset 7)'],
    ['HRANA_PROTO_ERROR', 'Expected number, received null'],
  ])('%s (a bug, not an outage) is a 500 that leaks nothing', async (code, message) => {
    const app = await appFailingWith(code, message);
    const res = await app.request('/api/v1/products');
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(JSON.stringify(await res.json())).not.toContain(message);
  });
});

describe('a real lock held by another connection', () => {
  it('a vote while another connection holds the write lock: 503 with Retry-After, and no vote', async () => {
    const { app, db, file } = await testApp();
    const maker = await insertUser(db);
    const company = await insertCompany(db, maker.id);
    const product = await insertProduct(db, company.id, { status: 'approved' });
    const cookie = await sessionCookieFor(db, (await insertUser(db)).id);
    const holder = createClient({ url: `file:${file}` });
    const tx = await holder.transaction('write');
    try {
      const res = await app.request(`/api/v1/products/${product.id}/vote`, {
        method: 'PUT',
        headers: writeHeaders(cookie),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      await tx.rollback();
      holder.close();
    }
    // Read through a new client: after SQLITE_BUSY the Node client's connection is left unusable
    // (libsql@0.5.29 keeps the failed statement active); the Worker's HTTP client has no such state.
    const reader = createClient({ url: `file:${file}` });
    const votes = await reader.execute({
      sql: 'SELECT count(*) AS n FROM votes WHERE product_id = ?',
      args: [product.id],
    });
    reader.close();
    expect(votes.rows[0]?.n).toBe(0);
  }, 20_000);
});
