/**
 * The owner edits a product. A pending or rejected product changes in place and goes back to pending;
 * an approved product keeps its public version and the edit waits as a pending revision (replacing
 * an earlier pending one) until an organizer decides it. One batch holds both paths, each guarded by
 * the product's status in SQL, so an approval landing between the read and the write cannot let an
 * edit reach the public version unreviewed.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { sqlColumnName } from '../../db/pick-columns';
import { productRevisions, products } from '../../db/schema';
import { productNotFound } from '../../lib/errors';
import { type ProductText, productFieldKeys } from '../../schemas/product-fields';
import type { UpdateProduct } from '../../schemas/submissions';
import { latestRevisionsQuery, type OwnProduct, withRevisions } from '../me/own-records';
import { enforceSubmitLimit } from '../me/submit-limit';
import { getOwnProduct, ownProductQuery } from './get-own-product';
import { productSearchText } from './product-search-text';
import { draftOf } from './shared';

/**
 * The revision's field columns and their values, in the order of ProductFields, for the INSERT …
 * SELECT. A column named by its key is stored in snake_case (the client's `casing`), as drizzle
 * writes it everywhere else.
 */
function revisionFieldsSql(next: ProductText) {
  const columns = productFieldKeys.map((key) => sql.identifier(sqlColumnName(productRevisions[key])));
  const values = productFieldKeys.map((key) => sql.param(next[key], productRevisions[key]));
  return { columns: sql.join(columns, sql`, `), values: sql.join(values, sql`, `) };
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
  const next: ProductText = { ...draftOf(current), ...defined };
  const { db } = ctx;
  const fields = revisionFieldsSql(next);
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
    db.run(sql`INSERT INTO product_revisions (product_id, submitted_by, ${fields.columns}, status, created_at)
      SELECT ${input.id}, ${user.id}, ${fields.values}, 'pending', ${ctx.now.getTime()}
      WHERE ${approved}`),
    ownProductQuery(ctx, user.id, input.id),
    latestRevisionsQuery(db, user.id, input.id),
  ]);
  const [product] = withRevisions(rows, revisions);
  if (!product || (inPlace.length === 0 && revision.rowsAffected === 0)) throw productNotFound();
  return { product, outcome: inPlace.length > 0 ? 'updated' : 'revision' };
}
