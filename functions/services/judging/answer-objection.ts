/**
 * Organizers answer a 公示 objection publicly; the answer can be revised, each time audited.
 */
import { eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { objections } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { notFound } from '../../lib/errors';
import type { AnswerObjection } from '../../schemas/judging';

export async function answerObjection({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AnswerObjection & { objectionId: number };
}) {
  requireRole(ctx, 'organizer');
  const { db } = ctx;
  const [before] = await db
    .select({ id: objections.id, status: objections.status, answer: objections.answer })
    .from(objections)
    .where(eq(objections.id, input.objectionId));
  if (!before) throw notFound('objection_not_found');
  const after = { status: 'resolved' as const, answer: input.answer };
  await db.batch([
    db
      .update(objections)
      .set({ ...after, answeredBy: ctx.user?.id ?? null, answeredAt: ctx.now })
      .where(eq(objections.id, before.id)),
    auditInsert(ctx, {
      action: 'objection.answer',
      targetType: 'objection',
      targetId: before.id,
      before: { status: before.status, answer: before.answer },
      after,
    }),
  ]);
  return { id: before.id, ...after, answeredAt: ctx.now };
}
