/**
 * A product's logo and screenshots, managed by its owner (issue 14, decision 019). On a pending or
 * rejected product a picture is `current` at once (public when the product is approved); on an
 * approved product a new picture is `proposed` and waits in the product's pending revision (one is
 * opened from the public text when none is pending), like an edit of its text. Removing and
 * reordering take effect at once: they cannot put anything unreviewed in public.
 */
import { and, eq, sql } from 'drizzle-orm';
import { requireUser, requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { sqlColumnName } from '../../db/pick-columns';
import { MAX_SCREENSHOTS, type MediaKind, media, productRevisions, products } from '../../db/schema';
import { AppError, conflict, notFound, productNotFound } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { productFieldKeys } from '../../schemas/product-fields';
import { discardUpload, eraseSoon, putUpload } from './media-bucket';
import { type MediaRecord, mediaColumns, toMediaRecord } from './media-record';
import { processWith } from './upload-rules';

/** The editable fields' columns, the same in products and product_revisions (ProductFields). */
const TEXT_COLUMNS = sql.join(
  productFieldKeys.map((key) => sql.identifier(sqlColumnName(productRevisions[key]))),
  sql`, `,
);

export type ProductMediaKind = Extract<MediaKind, 'logo' | 'screenshot'>;

const screenshotLimit = (ctx: ServiceContext) =>
  new AppError(
    409,
    'screenshot_limit',
    'error.validation',
    {},
    {
      file: [translate(ctx.locale, 'upload.screenshotLimit', { max: MAX_SCREENSHOTS })],
    },
  );

const isLimitError = (err: unknown): boolean => {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    if (String((e as { message?: unknown }).message ?? '').includes('media_screenshot_limit')) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
};

/** Stores an upload for the owner's product; returns the new picture. */
export async function uploadProductMedia({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { productId: number; kind: ProductMediaKind; file: Uint8Array };
}): Promise<MediaRecord> {
  const user = requireVerifiedUser(ctx);
  const [product] = await ctx.db
    .select({
      status: products.status,
      // Qualified by hand: drizzle leaves a one-table query's columns unqualified.
      screenshots: sql<number>`(SELECT count(*) FROM media AS m WHERE m.product_id = products.id AND m.kind = 'screenshot')`,
    })
    .from(products)
    .where(and(eq(products.id, input.productId), eq(products.ownerId, user.id)));
  if (!product) throw productNotFound();
  // A cheap early answer; the migration's trigger is what holds the limit under concurrency.
  if (input.kind === 'screenshot' && product.screenshots >= MAX_SCREENSHOTS) throw screenshotLimit(ctx);
  const processed = await processWith(ctx.images, input.file, input.kind, ctx.locale);
  const stored = await putUpload(ctx.media, processed, input.kind);
  const state = product.status === 'approved' ? 'proposed' : 'current';
  // Written only while the product is still in the status read above: an approval landing in between
  // cannot make a picture meant for review public.
  const stillAs = sql`EXISTS (SELECT 1 FROM ${products} WHERE ${products.id} = ${input.productId}
    AND ${products.ownerId} = ${user.id} AND (${products.status} = 'approved') = ${state === 'proposed' ? 1 : 0})`;
  const { db } = ctx;
  const proposed = state === 'proposed' ? 1 : 0;
  const pendingOf = sql`product_id = ${input.productId} AND status = 'pending'`;
  let inserted: Array<{ id: number; position: number }>;
  try {
    [, inserted] = await db.batch([
      // A new logo replaces the logo of the same state (the trigger queues its objects for erasure).
      db
        .delete(media)
        .where(
          and(
            eq(media.productId, input.productId),
            eq(media.kind, 'logo'),
            eq(media.state, state),
            sql`${input.kind} = 'logo'`,
            stillAs,
          ),
        ),
      db.all<{ id: number; position: number }>(sql`INSERT INTO ${media}
          (product_id, kind, state, position, hash, ext, variants, width, height, bytes, uploaded_by, created_at)
        SELECT ${input.productId}, ${input.kind}, ${state},
          (SELECT coalesce(max(position), 0) + 1 FROM ${media} WHERE product_id = ${input.productId} AND kind = ${input.kind}),
          ${stored.hash}, ${stored.ext}, ${JSON.stringify(stored.variants)}, ${stored.width}, ${stored.height},
          ${stored.bytes}, ${user.id}, ${ctx.now.getTime()}
        WHERE ${stillAs}
        RETURNING id, position`),
      // A proposed picture waits in a pending revision, and the revision is a new one, as after an
      // edit of the text: its text from the pending revision (or the public text when none waits).
      // An organizer's decision on the revision they reviewed, without this picture, then finds that
      // revision gone instead of publishing a picture they never saw.
      db.run(sql`INSERT INTO ${productRevisions}
          (product_id, submitted_by, ${TEXT_COLUMNS}, status, created_at)
        SELECT product_id, ${user.id}, ${TEXT_COLUMNS}, 'pending', ${ctx.now.getTime()}
        FROM (
          SELECT product_id, ${TEXT_COLUMNS} FROM ${productRevisions} WHERE ${pendingOf}
          UNION ALL
          SELECT id AS product_id, ${TEXT_COLUMNS} FROM ${products}
          WHERE id = ${input.productId} AND NOT EXISTS (SELECT 1 FROM ${productRevisions} WHERE ${pendingOf})
        )
        WHERE ${proposed} AND ${stillAs}
        LIMIT 1`),
      db.run(sql`DELETE FROM ${productRevisions}
        WHERE ${proposed} AND ${pendingOf}
          AND id < (SELECT max(id) FROM ${productRevisions} WHERE ${pendingOf})`),
    ]);
  } catch (err) {
    await discardUpload(ctx.media, stored, input.kind);
    if (isLimitError(err)) throw screenshotLimit(ctx);
    throw err;
  }
  const [row] = inserted;
  if (!row) {
    await discardUpload(ctx.media, stored, input.kind);
    throw conflict('product_changed');
  }
  eraseSoon(ctx);
  // The row as written: only its id and position came from the database (no read back).
  return toMediaRecord({ ...stored, id: row.id, position: row.position, kind: input.kind, state });
}

/** The owner removes a picture (current or proposed) of their product. */
export async function removeProductMedia({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { productId: number; mediaId: number };
}): Promise<void> {
  const user = requireVerifiedUser(ctx);
  const gone = await ctx.db
    .delete(media)
    .where(
      and(
        eq(media.id, input.mediaId),
        eq(media.productId, input.productId),
        sql`EXISTS (SELECT 1 FROM ${products} WHERE ${products.id} = ${input.productId} AND ${products.ownerId} = ${user.id})`,
      ),
    )
    .returning({ id: media.id });
  if (gone.length === 0) throw notFound('media_not_found');
  eraseSoon(ctx);
}

/** Moves a screenshot one place earlier or later (swapping positions with its neighbour). */
export async function moveProductScreenshot({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { productId: number; mediaId: number; direction: 'up' | 'down' };
}): Promise<void> {
  const user = requireVerifiedUser(ctx);
  const shots = await ctx.db
    .select({ id: media.id, position: media.position })
    .from(media)
    .innerJoin(products, eq(products.id, media.productId))
    .where(
      and(eq(media.productId, input.productId), eq(media.kind, 'screenshot'), eq(products.ownerId, user.id)),
    )
    .orderBy(media.position, media.id);
  const at = shots.findIndex((s) => s.id === input.mediaId);
  if (at < 0) throw notFound('media_not_found');
  const other = shots[input.direction === 'up' ? at - 1 : at + 1];
  const self = shots[at];
  if (!other || !self) return; // already first or last
  await ctx.db.batch([
    ctx.db.update(media).set({ position: other.position }).where(eq(media.id, self.id)),
    ctx.db.update(media).set({ position: self.position }).where(eq(media.id, other.id)),
  ]);
}

/** The owner's view of a product's pictures: current and proposed, in order; 404 for others. */
export async function listOwnProductMedia({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { productId: number };
}): Promise<{ product: { id: number; name: string; status: string }; media: MediaRecord[] }> {
  const user = requireUser(ctx);
  const [products_, rows] = await ctx.db.batch([
    ctx.db
      .select({ id: products.id, name: products.name, status: products.status })
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.ownerId, user.id))),
    ctx.db
      .select(mediaColumns)
      .from(media)
      .innerJoin(products, eq(products.id, media.productId))
      .where(and(eq(media.productId, input.productId), eq(products.ownerId, user.id)))
      .orderBy(media.kind, media.position, media.id),
  ]);
  const [product] = products_;
  if (!product) throw productNotFound();
  return { product, media: rows.map(toMediaRecord) };
}
