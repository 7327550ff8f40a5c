/**
 * Email verification from the mailed link, which is also how a new account first signs in (sign-up
 * never does, decision 008). One batch creates the session, marks the user verified (and sets the
 * password of the sign-up that mailed the link) and uses the token, each statement guarded by the
 * token being unused and unexpired, so a link works once.
 */
import { eq, sql } from 'drizzle-orm';
import { newSession } from '../../auth/session';
import type { ServiceContext } from '../../context';
import { emailTokens, sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { enforceRateLimits } from '../../lib/rate-limit';
import type { VerifyEmail } from '../../schemas/auth';
import { hashMailToken, usableToken } from './mail-tokens';
import type { SignedIn } from './sign-in';

export const tokenInvalid = () => new AppError(422, 'token_invalid', 'auth.tokenInvalid');

export async function verifyEmail({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config' | 'clientIp'>;
  input: VerifyEmail;
}): Promise<SignedIn> {
  // Tokens are 160 random bits; the limit still keeps anyone from trying them in bulk.
  await enforceRateLimits(ctx, [
    { key: `token:verify:ip:${ctx.clientIp}`, rule: ctx.config.rateLimitRules.tokenIp },
  ]);
  const usable = usableToken(hashMailToken(input.token), 'verify_email', ctx.now);
  const owner = sql`(select ${emailTokens.userId} from ${emailTokens} where ${usable})`;
  const { row, session } = newSession(0, ctx.now);
  const [, verified, used] = await ctx.db.batch([
    // No row when the token is not usable (insert … select, not a NULL user id that would throw).
    ctx.db.insert(sessions).select(
      ctx.db
        .select({
          id: sql`${row.id}`.as('id'),
          userId: emailTokens.userId,
          secretHash: sql`${row.secretHash}`.as('secret_hash'),
          createdAt: sql`${ctx.now.getTime()}`.as('created_at'),
          expiresAt: sql`${session.expiresAt.getTime()}`.as('expires_at'),
        })
        .from(emailTokens)
        .where(usable),
    ),
    // A second link of an already verified address still signs in; the first instant stays. A link
    // from a sign-up sets that sign-up's password: whoever signed the address up before its owner
    // did keeps no password to the account.
    ctx.db
      .update(users)
      .set({
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${ctx.now.getTime()})`,
        passwordHash: sql`coalesce((select ${emailTokens.passwordHash} from ${emailTokens} where ${usable}), ${users.passwordHash})`,
        updatedAt: ctx.now,
      })
      .where(eq(users.id, owner))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role }),
    ctx.db
      .update(emailTokens)
      .set({ usedAt: ctx.now })
      .where(usable)
      .returning({ userId: emailTokens.userId }),
  ]);
  const user = verified[0];
  if (!user || !used[0]) throw tokenInvalid();
  return { user: { ...user, emailVerified: true }, session };
}
