/**
 * An organizer approves or rejects a pending edit of an approved product, in one transaction with its
 * audit row and the owner's notification. Approval copies the revision onto the product row and
 * rebuilds search_text; until then the approved version stays public unchanged.
 */
import { and, eq, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { media, productRevisions, products, users } from '../../db/schema';
import { alreadyDecided, notFound } from '../../lib/errors';
import type { ProductDecision } from '../../schemas/submissions';
import { eraseSoon } from '../media/media-bucket';
import { productSearchText } from '../products/product-search-text';
import { productTextColumns, revisionTextColumns } from '../products/shared';
import type { DecisionResult } from './decide-company';
import type { Tx } from './record-decision';
import { deliverAfterCommit, recordDecision, subjects } from './record-decision';

export async function decideRevision({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ProductDecision & { id: number };
}): Promise<DecisionResult<'approved' | 'rejected'>> {
  const actor = requireRole(ctx, 'organizer');
  const result = await ctx.db.transaction(async (tx): Promise<DecisionResult<'approved' | 'rejected'>> => {
    const [row] = await tx
      .select({
        productId: productRevisions.productId,
        status: productRevisions.status,
        revision: revisionTextColumns,
        current: productTextColumns,
        owner: { email: users.email, name: users.name, locale: users.locale },
      })
      .from(productRevisions)
      .innerJoin(products, eq(products.id, productRevisions.productId))
      .leftJoin(users, eq(users.id, products.ownerId))
      .where(eq(productRevisions.id, input.id));
    if (!row) throw notFound('revision_not_found');
    if (row.status !== 'pending') throw alreadyDecided();
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const reason = status === 'rejected' ? (input.reason ?? null) : null;
    if (status === 'approved') {
      await tx
        .update(products)
        .set({ ...row.revision, searchText: productSearchText(row.revision), updatedAt: ctx.now })
        .where(eq(products.id, row.productId));
    }
    await settleProposedMedia(tx, row.productId, status);
    await tx
      .update(productRevisions)
      .set({ status, rejectionReason: reason, decidedBy: actor.id, decidedAt: ctx.now })
      .where(and(eq(productRevisions.id, input.id), eq(productRevisions.status, 'pending')));
    await recordDecision(tx, ctx, {
      audit: {
        action: `revision.${input.decision}`,
        targetType: 'product_revision',
        targetId: input.id,
        before: { productId: row.productId, status: row.status, product: row.current },
        after: {
          productId: row.productId,
          status,
          rejectionReason: reason,
          product: status === 'approved' ? row.revision : row.current,
        },
      },
      owner: row.owner,
      subject: subjects.revision(row.current.name),
      decision: status,
      reason,
    });
    return { id: input.id, status, reason };
  });
  deliverAfterCommit(ctx);
  eraseSoon(ctx);
  return result;
}

/**
 * Pictures proposed for an approved product wait with its revision (decision 019): approved, they
 * become current (a proposed logo replaces the current one); rejected, they are deleted.
 */
async function settleProposedMedia(tx: Tx, productId: number, status: 'approved' | 'rejected') {
  const proposed = and(eq(media.productId, productId), eq(media.state, 'proposed'));
  if (status === 'rejected') {
    await tx.delete(media).where(proposed);
    return;
  }
  await tx
    .delete(media)
    .where(
      and(
        eq(media.productId, productId),
        eq(media.kind, 'logo'),
        eq(media.state, 'current'),
        sql`EXISTS (SELECT 1 FROM ${media} AS p WHERE p.product_id = ${productId} AND p.kind = 'logo' AND p.state = 'proposed')`,
      ),
    );
  await tx.update(media).set({ state: 'current' }).where(proposed);
}
