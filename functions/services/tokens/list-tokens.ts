/**
 * Token lists: a person's own tokens (the account page, GET /v1/me/tokens), and for organizers and
 * admins every token with its owner (the admin page, GET /v1/admin/tokens), newest first. Expired
 * tokens stay listed until the daily purge removes them.
 */
import { desc, eq } from 'drizzle-orm';
import { requireRole, requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { accessTokens, users } from '../../db/schema';
import { tokenColumns } from './shared';

export async function listMyTokens({ ctx }: { ctx: ServiceContext }) {
  const user = requireUser(ctx);
  return ctx.db
    .select(tokenColumns)
    .from(accessTokens)
    .where(eq(accessTokens.userId, user.id))
    .orderBy(desc(accessTokens.createdAt));
}

/** Every token (at most `limit`, newest first) with its owner; organizers and admins only. */
export async function listAllTokens({ ctx, limit = 200 }: { ctx: ServiceContext; limit?: number }) {
  requireRole(ctx, 'organizer');
  return ctx.db
    .select({ ...tokenColumns, owner: { id: users.id, name: users.name, email: users.email } })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .orderBy(desc(accessTokens.createdAt))
    .limit(limit);
}
