/**
 * The signed-in user's account settings: the session's user plus sign-up and consent details, and
 * the address of an email change waiting for its link (the latest usable one), in one round trip.
 */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { emailTokens, users } from '../../db/schema';
import { unauthorized } from '../../lib/errors';

export async function getAccount({ ctx }: { ctx: Pick<ServiceContext, 'db' | 'user' | 'now'> }) {
  const user = requireUser(ctx);
  const pending = ctx.db
    .select({ newEmail: emailTokens.newEmail })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.userId, users.id),
        eq(emailTokens.purpose, 'change_email'),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, ctx.now),
      ),
    )
    .orderBy(desc(emailTokens.id))
    .limit(1);
  const [row] = await ctx.db
    .select({
      createdAt: users.createdAt,
      consentVersion: users.consentVersion,
      consentedAt: users.consentedAt,
      pendingEmail: sql<string | null>`(${pending})`,
    })
    .from(users)
    .where(eq(users.id, user.id));
  if (!row) throw unauthorized();
  return { ...user, ...row };
}

export type Account = Awaited<ReturnType<typeof getAccount>>;
