/**
 * An organizer approves or rejects a pending product, in one transaction with its audit row and the
 * owner's notification. Approval needs the company verified (409 otherwise); approving makes the
 * product public (the FTS and listing triggers follow products.status).
 */
import { and, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, products, users } from '../../db/schema';
import { alreadyDecided, conflict, productNotFound } from '../../lib/errors';
import type { ProductDecision } from '../../schemas/submissions';
import { siteLink } from '../outbox/templates';
import { deliverWebhooks } from '../webhooks/deliver-webhooks';
import { webhookInsert } from '../webhooks/events';
import type { DecisionResult } from './decide-company';
import { deliverAfterCommit, recordDecision, subjects } from './record-decision';

export async function decideProduct({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ProductDecision & { id: number };
}): Promise<DecisionResult<'approved' | 'rejected'>> {
  requireRole(ctx, 'organizer');
  const result = await ctx.db.transaction(async (tx): Promise<DecisionResult<'approved' | 'rejected'>> => {
    const [row] = await tx
      .select({
        name: products.name,
        status: products.status,
        rejectionReason: products.rejectionReason,
        companyStatus: companies.status,
        owner: { email: users.email, name: users.name, locale: users.locale },
      })
      .from(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .leftJoin(users, eq(users.id, products.ownerId))
      .where(eq(products.id, input.id));
    if (!row) throw productNotFound();
    if (row.status !== 'pending') throw alreadyDecided();
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    if (status === 'approved' && row.companyStatus !== 'verified') {
      throw conflict('company_not_verified', 'moderation.companyNotVerified');
    }
    const reason = status === 'rejected' ? (input.reason ?? null) : null;
    await tx
      .update(products)
      .set({
        status,
        rejectionReason: reason,
        ...(status === 'approved' ? { approvedAt: ctx.now } : {}),
        updatedAt: ctx.now,
      })
      .where(and(eq(products.id, input.id), eq(products.status, 'pending')));
    if (status === 'approved')
      await tx.run(
        webhookInsert(ctx, 'product.approved', {
          id: input.id,
          name: row.name,
          url: siteLink(ctx, `/products/${input.id}`, 'zh-CN'),
        }),
      );
    await recordDecision(tx, ctx, {
      audit: {
        action: `product.${input.decision}`,
        targetType: 'product',
        targetId: input.id,
        before: { status: row.status, rejectionReason: row.rejectionReason },
        after: { status, rejectionReason: reason },
      },
      owner: row.owner,
      subject: subjects.product(row.name),
      decision: status,
      reason,
    });
    return { id: input.id, status, reason };
  });
  deliverAfterCommit(ctx);
  if (result.status === 'approved') ctx.waitUntil(deliverWebhooks(ctx));
  return result;
}
