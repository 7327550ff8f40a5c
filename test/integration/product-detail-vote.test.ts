import { describe, expect, it } from 'vitest';
import { requestDb } from '~/functions/db/client';
import { votes } from '~/functions/db/schema';
import { getProduct } from '~/functions/services/products/get-product';
import { buildCatalog } from '../factories/catalog';
import { freshDatabase, serviceContext } from '../factories/db';
import { insertCompany, insertProduct, insertUser } from '../factories/records';

describe('product detail', () => {
  it("knows whether the signed-in user voted, within the page's one round trip", async () => {
    const { client } = await freshDatabase();
    const { db, metrics } = requestDb(client);
    const owner = await insertUser(db);
    const voter = await insertUser(db);
    const product = await insertProduct(db, (await insertCompany(db, owner.id)).id);
    await db.insert(votes).values({ userId: voter.id, productId: product.id, createdAt: new Date() });
    const catalog = buildCatalog();
    const asUser = (user: typeof voter | null) =>
      serviceContext(db, catalog, new Date(), {
        user: user
          ? { id: user.id, email: user.email, name: user.name, role: 'founder', emailVerified: true }
          : null,
      });

    metrics.roundTrips = 0;
    expect((await getProduct({ ctx: asUser(voter), input: { id: product.id } })).votedByMe).toBe(true);
    expect(metrics.roundTrips).toBe(1);
    expect((await getProduct({ ctx: asUser(owner), input: { id: product.id } })).votedByMe).toBe(false);
    expect((await getProduct({ ctx: asUser(null), input: { id: product.id } })).votedByMe).toBe(false);
  });
});
