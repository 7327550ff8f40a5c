/**
 * Upvotes: idempotent PUT and DELETE, the answer's count read right after the write, and an exact
 * count under concurrent requests (the votes primary key and the count triggers, not JavaScript).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { products, votes } from '~/functions/db/schema';
import { testApp } from '../factories/app';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { rowCounts, signedIn } from '../factories/submissions';

const { app, db } = await testApp();
const maker = await insertUser(db);
const company = await insertCompany(db, maker.id);

const vote = async (method: 'PUT' | 'DELETE', productId: number, cookie?: string) => {
  const res = await app.request(`/api/v1/products/${productId}/vote`, {
    method,
    headers: writeHeaders(cookie),
  });
  return {
    status: res.status,
    body: (await res.json()) as { voted?: boolean; voteCount?: number; code?: string },
  };
};

const storedCount = async (productId: number) => {
  const [row] = await db.select({ n: products.voteCount }).from(products).where(eq(products.id, productId));
  const rows = await db.select().from(votes).where(eq(votes.productId, productId));
  return { column: row?.n, rows: rows.length };
};

describe('PUT|DELETE /api/v1/products/{id}/vote', () => {
  it('keeps one vote however often it is PUT, and none however often it is DELETEd', async () => {
    const product = await insertProduct(db, company.id);
    const { cookie } = await signedIn(db);
    expect(await vote('PUT', product.id, cookie)).toEqual({
      status: 200,
      body: { voted: true, voteCount: 1 },
    });
    expect(await vote('PUT', product.id, cookie)).toEqual({
      status: 200,
      body: { voted: true, voteCount: 1 },
    });
    expect(await storedCount(product.id)).toEqual({ column: 1, rows: 1 });
    expect(await vote('DELETE', product.id, cookie)).toEqual({
      status: 200,
      body: { voted: false, voteCount: 0 },
    });
    expect(await vote('DELETE', product.id, cookie)).toEqual({
      status: 200,
      body: { voted: false, voteCount: 0 },
    });
    expect(await storedCount(product.id)).toEqual({ column: 0, rows: 0 });
  });

  it('answers the count including other people’s votes', async () => {
    const product = await insertProduct(db, company.id);
    const a = await signedIn(db);
    const b = await signedIn(db);
    await vote('PUT', product.id, a.cookie);
    expect((await vote('PUT', product.id, b.cookie)).body).toEqual({ voted: true, voteCount: 2 });
    expect((await vote('DELETE', product.id, a.cookie)).body).toEqual({ voted: false, voteCount: 1 });
  });

  it('needs a signed-in user with a verified email, and an approved product', async () => {
    const product = await insertProduct(db, company.id);
    const pending = await insertProduct(db, company.id, { status: 'pending' });
    const unverified = await signedIn(db, { emailVerifiedAt: null });
    const verified = await signedIn(db);
    const before = await rowCounts(db);
    expect((await vote('PUT', product.id)).status).toBe(401);
    const refused = await vote('PUT', product.id, unverified.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('email_not_verified');
    expect((await vote('PUT', pending.id, verified.cookie)).status).toBe(404);
    expect((await vote('PUT', 987654, verified.cookie)).status).toBe(404);
    expect((await vote('DELETE', pending.id, verified.cookie)).status).toBe(404);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('counts exactly under concurrency: 20 users at once, then 20 PUTs by one user', async () => {
    const product = await insertProduct(db, company.id);
    const voters = await Promise.all(Array.from({ length: 21 }, () => signedIn(db)));
    const crowd = voters.slice(0, 20);
    const answers = await Promise.all(crowd.map((v) => vote('PUT', product.id, v.cookie)));
    expect(answers.every((a) => a.status === 200 && a.body.voted === true)).toBe(true);
    expect(Math.max(...answers.map((a) => a.body.voteCount ?? 0))).toBe(20);
    expect(await storedCount(product.id)).toEqual({ column: 20, rows: 20 });

    const last = voters[20];
    if (!last) throw new Error('no voter');
    const repeats = await Promise.all(Array.from({ length: 20 }, () => vote('PUT', product.id, last.cookie)));
    expect(repeats.every((a) => a.status === 200 && a.body.voted === true && a.body.voteCount === 21)).toBe(
      true,
    );
    expect(await storedCount(product.id)).toEqual({ column: 21, rows: 21 });
  });
});
