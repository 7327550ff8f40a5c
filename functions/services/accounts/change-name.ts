/** A new display name for the signed-in user, audited in the same batch (no names in the log). */
import { eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { users } from '../../db/schema';
import { auditInsert, pseudonym } from '../../lib/audit';
import type { ChangeName } from '../../schemas/account-changes';

export async function changeName({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'config' | 'user' | 'now' | 'requestId'>;
  input: ChangeName;
}): Promise<{ name: string }> {
  const user = requireUser(ctx);
  await ctx.db.batch([
    ctx.db.update(users).set({ name: input.name, updatedAt: ctx.now }).where(eq(users.id, user.id)),
    auditInsert(ctx, {
      action: 'account.name',
      targetType: 'user',
      targetId: pseudonym(ctx.config, user.id),
    }),
  ]);
  return { name: input.name };
}
