/**
 * The owner edits a product. A pending or rejected product changes in place and goes back to pending;
 * an approved product keeps its public version and the edit waits as a pending revision (replacing
 * an earlier pending one) until an organizer decides it. One batch holds both paths, each guarded by
 * the product's status in SQL, so an approval landing between the read and the write cannot let an
 * edit reach the public version unreviewed.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireUser, requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, products } from '../../db/schema';
import { productNotFound } from '../../lib/errors';
import type { ProductFields, UpdateProduct } from '../../schemas/submissions';
import { latestRevisionsQuery, type OwnProduct, productColumns, withRevisions } from '../me/own-records';
import { enforceSubmitLimit } from '../me/submit-limit';
import { productSearchText } from './product-search-text';

const ownProductQuery = (ctx: ServiceContext, userId: number, id: number) =>
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

/** Stored fields: category is a taxonomy key checked when it was written. */
export type Draft = Omit<ProductFields, 'category'> & { category: string };

/** The fields an edit starts from: the pending revision of an approved product, else the product. */
export function draftOf(product: OwnProduct): Draft {
  const revision = product.latestRevision;
  const source = product.status === 'approved' && revision?.status === 'pending' ? revision : product;
  const { name, tagline, description, website, kind, category, tags } = source;
  return { name, tagline, description, website, kind, category, tags };
}

export async function editProduct({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; patch: UpdateProduct };
}): Promise<{ product: OwnProduct; outcome: 'updated' | 'revision' }> {
  const user = requireVerifiedUser(ctx);
  const current = await getOwnProduct({ ctx, input: { id: input.id } });
  await enforceSubmitLimit(ctx, user.id);
  const defined = Object.fromEntries(Object.entries(input.patch).filter(([, value]) => value !== undefined));
  const next: Draft = { ...draftOf(current), ...defined };
  const { db } = ctx;
  const approved = sql`EXISTS (SELECT 1 FROM products WHERE id = ${input.id} AND owner_id = ${user.id} AND status = 'approved')`;
  const [inPlace, , revision, rows, revisions] = await db.batch([
    db
      .update(products)
      .set({
        ...next,
        searchText: productSearchText(next),
        status: 'pending',
        rejectionReason: null,
        updatedAt: ctx.now,
      })
      .where(
        and(
          eq(products.id, input.id),
          eq(products.ownerId, user.id),
          inArray(products.status, ['pending', 'rejected']),
        ),
      )
      .returning({ id: products.id }),
    db.run(
      sql`DELETE FROM product_revisions WHERE product_id = ${input.id} AND status = 'pending' AND ${approved}`,
    ),
    db.run(sql`INSERT INTO product_revisions
        (product_id, submitted_by, name, tagline, description, website, kind, category, tags, status, created_at)
      SELECT ${input.id}, ${user.id}, ${next.name}, ${next.tagline}, ${next.description}, ${next.website},
        ${next.kind}, ${next.category}, ${JSON.stringify(next.tags)}, 'pending', ${ctx.now.getTime()}
      WHERE ${approved}`),
    ownProductQuery(ctx, user.id, input.id),
    latestRevisionsQuery(db, user.id, input.id),
  ]);
  const [product] = withRevisions(rows, revisions);
  if (!product || (inPlace.length === 0 && revision.rowsAffected === 0)) throw productNotFound();
  return { product, outcome: inPlace.length > 0 ? 'updated' : 'revision' };
}
