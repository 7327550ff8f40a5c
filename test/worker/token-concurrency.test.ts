/**
 * Personal access tokens under real concurrency, through the built Worker (decision 021): 30
 * simultaneous creations by one person leave exactly 20 live tokens (the cap is a condition of the
 * insert, not a count read before it). Run against sqld too (npm run test:sqld).
 */
import { describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { insertUser } from '../factories/records';
import { fetchRetrying, reportRetries } from '../helpers/retrying-fetch';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(inject('workerDbClientUrl'));
const db = createDb(client);

describe('access tokens under concurrent HTTP requests', () => {
  it('30 creations at once by one person: 20 created, 10 refused with 409, 20 rows', async () => {
    const person = await insertUser(db, {
      email: `tokens-${Math.random().toString(36).slice(2)}@example.com`,
    });
    const { token } = await createSession(db, person.id, new Date('2026-11-25T01:00:00Z'));
    const cookie = `${SESSION_COOKIE}=${token}`;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetchRetrying(`${base}/api/v1/me/tokens`, {
          method: 'POST',
          headers: { origin: base, 'content-type': 'application/json', cookie },
          body: JSON.stringify({ name: `并发令牌 ${i}`, scopes: ['read'], expiresInDays: 30 }),
        }),
      ),
    );
    reportRetries('30 token creations', answers);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    const rows = await client.execute({
      sql: 'SELECT count(*) AS n FROM access_tokens WHERE user_id = ?',
      args: [person.id],
    });
    expect(Number(rows.rows[0]?.n)).toBe(20);
  });
});
