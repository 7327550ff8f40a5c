/** The signed-in user's account settings: the session's user plus sign-up and consent details. */
import { eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { users } from '../../db/schema';
import { unauthorized } from '../../lib/errors';

export async function getAccount({ ctx }: { ctx: Pick<ServiceContext, 'db' | 'user'> }) {
  const user = requireUser(ctx);
  const [row] = await ctx.db
    .select({
      createdAt: users.createdAt,
      consentVersion: users.consentVersion,
      consentedAt: users.consentedAt,
    })
    .from(users)
    .where(eq(users.id, user.id));
  if (!row) throw unauthorized();
  return { ...user, ...row };
}

export type Account = Awaited<ReturnType<typeof getAccount>>;
