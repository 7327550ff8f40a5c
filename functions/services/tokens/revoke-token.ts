/**
 * Revokes a token at once by deleting it: the owner revokes their own, an organizer or admin any
 * (decision 021). The audit row is written in the same batch, only when the token still existed.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { hasRole, requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { accessTokens } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { notFound } from '../../lib/errors';

export async function revokeToken({
  ctx,
  id,
  asStaff = false,
}: {
  ctx: ServiceContext;
  id: string;
  /** Any person's token (organizers and admins); else only the caller's own. */
  asStaff?: boolean;
}): Promise<void> {
  const user = requireUser(ctx);
  const staff = asStaff && hasRole(user, 'organizer');
  const which: SQL | undefined = staff
    ? eq(accessTokens.id, id)
    : and(eq(accessTokens.id, id), eq(accessTokens.userId, user.id));
  const [, deleted] = await ctx.db.batch([
    auditInsertWhere(
      ctx,
      { action: 'token.revoke', targetType: 'access_token', targetId: id, actor: user },
      sql`exists (select 1 from ${accessTokens} where ${which})`,
    ),
    ctx.db.delete(accessTokens).where(which).returning({ id: accessTokens.id }),
  ]);
  if (deleted.length === 0) throw notFound('access_token_not_found');
}
