/**
 * Votes and company registration under real concurrency: simultaneous HTTP requests to the built
 * Worker in workerd, each its own stream on the local libSQL endpoint (or sqld: `npm run test:sqld`). The database keeps one vote
 * per user and product, an exact count, and one company per credit code.
 */

import { describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { creditCode, insertUser } from '../factories/records';
import { companyBody } from '../factories/submissions';
import { fetchRetrying, reportRetries } from '../helpers/retrying-fetch';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(inject('workerDbClientUrl'));
const db = createDb(client);

async function founders(n: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const user = await insertUser(db, { email: `vote-${Math.random().toString(36).slice(2)}@example.com` });
    const { token } = await createSession(db, user.id, new Date('2026-11-25T01:00:00Z'));
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  return cookies;
}

// A 503 is retried, as clients do (decision 014): what must hold is the count and no other 5xx.
const send = (method: string, path: string, cookie: string, body?: unknown) =>
  fetchRetrying(`${base}/api/v1${path}`, {
    method,
    headers: { origin: base, 'content-type': 'application/json', cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function voteCount(productId: number): Promise<number> {
  const row = await client.execute({
    sql: 'SELECT vote_count FROM products WHERE id = ?',
    args: [productId],
  });
  return Number(row.rows[0]?.[0]);
}

describe('under concurrent HTTP requests', () => {
  it('30 founders upvoting at once add exactly 30 votes; one founder voting 20 times at once adds one', async () => {
    const product = await client.execute(
      "SELECT id FROM products WHERE status = 'approved' ORDER BY id DESC LIMIT 1",
    );
    const productId = Number(product.rows[0]?.[0]);
    const before = await voteCount(productId);

    const many = await founders(30);
    const results = await Promise.all(
      many.map((cookie) => send('PUT', `/products/${productId}/vote`, cookie)),
    );
    reportRetries('30 founders voting', results);
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(await voteCount(productId)).toBe(before + 30);

    const [one] = await founders(1);
    const repeated = await Promise.all(
      Array.from({ length: 20 }, () => send('PUT', `/products/${productId}/vote`, one ?? '')),
    );
    reportRetries('one founder voting 20 times', repeated);
    expect(repeated.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(await voteCount(productId)).toBe(before + 31);
    const rows = await client.execute({
      sql: 'SELECT count(*) FROM votes WHERE product_id = ?',
      args: [productId],
    });
    expect(Number(rows.rows[0]?.[0])).toBe(before + 31);
  });

  it('10 founders registering the same credit code at once: exactly one company, nine 409s, no 5xx', async () => {
    const code = creditCode();
    const cookies = await founders(10);
    const results = await Promise.all(
      cookies.map((cookie) => send('POST', '/companies', cookie, companyBody({ creditCode: code }))),
    );
    reportRetries('10 founders registering one credit code', results);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201 || s === 409)).toHaveLength(10);
    // A retried request whose first try created the company (its answer lost) ends in 409.
    const created = statuses.filter((s) => s === 201).length;
    if (results.some((r) => r.retries > 0)) expect(created).toBeLessThanOrEqual(1);
    else expect(created).toBe(1);
    const rows = await client.execute({
      sql: 'SELECT count(*) FROM companies WHERE credit_code = ?',
      args: [code],
    });
    expect(Number(rows.rows[0]?.[0])).toBe(1);
  });
});
