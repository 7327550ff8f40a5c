/**
 * An admin grants or revokes `organizer` and `admin` (setting `founder` revokes both), in one
 * transaction with its audit row. An admin cannot remove their own admin role, so the portal never
 * locks itself out by accident. The change applies at the user's next request (sessions read roles).
 */
import { eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { type Role, users } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { conflict, notFound, validation } from '../../lib/errors';
import { translate } from '../../lib/messages';

export interface RoleResult {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export async function setUserRole({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ({ userId: number } | { email: string }) & { role: Role };
}): Promise<RoleResult> {
  const admin = requireRole(ctx, 'admin');
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where('userId' in input ? eq(users.id, input.userId) : eq(users.email, input.email));
    if (!user) {
      if ('email' in input) throw validation({ email: [translate(ctx.locale, 'field.userNotFound')] });
      throw notFound('user_not_found');
    }
    if (user.id === admin.id && input.role !== 'admin')
      throw conflict('cannot_demote_self', 'role.cannotDemoteSelf');
    if (user.role === input.role) return user;
    await tx.update(users).set({ role: input.role, updatedAt: ctx.now }).where(eq(users.id, user.id));
    await tx.run(
      auditInsert(ctx, {
        action: 'role.set',
        targetType: 'user',
        targetId: user.id,
        before: { role: user.role },
        after: { role: input.role },
      }),
    );
    return { ...user, role: input.role };
  });
}
