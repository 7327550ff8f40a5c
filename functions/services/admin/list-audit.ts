/** The audit log for admins, newest first, in keyset pages over id. */
import { desc, lt } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { auditLog } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Page, PageQuery } from '../../schemas/pagination';

export type AuditRow = typeof auditLog.$inferSelect;

export async function listAudit({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageQuery;
}): Promise<Page<AuditRow>> {
  requireRole(ctx, 'admin');
  const beforeId = input.cursor === undefined ? undefined : decodeCursor(input.cursor, ['number'])[0];
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(beforeId === undefined ? undefined : lt(auditLog.id, beforeId))
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null };
}
