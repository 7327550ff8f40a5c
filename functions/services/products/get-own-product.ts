/** The owner's own product with its latest revision, for the edit form and the API. */
import { and, eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, products } from '../../db/schema';
import { productNotFound } from '../../lib/errors';
import { latestRevisionsQuery, productColumns, withRevisions } from '../me/own-records';

export const ownProductQuery = (ctx: ServiceContext, userId: number, id: number) =>
  ctx.db
    .select({ ...productColumns, companyName: companies.name })
    .from(products)
    .innerJoin(companies, eq(companies.id, products.companyId))
    .where(and(eq(products.id, id), eq(products.ownerId, userId)));

/** The owner's product with its latest revision (one round trip); 404 for anyone else's. */
export async function getOwnProduct({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  const user = requireUser(ctx);
  const [rows, revisions] = await ctx.db.batch([
    ownProductQuery(ctx, user.id, input.id),
    latestRevisionsQuery(ctx.db, user.id, input.id),
  ]);
  const [product] = withRevisions(rows, revisions);
  if (!product) throw productNotFound();
  return product;
}
