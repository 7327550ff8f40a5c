/**
 * A new password from a reset link. One batch, each statement guarded by the token still being
 * usable: set the password (and mark the address verified: the link was mailed to it), sign out every
 * session, and use up every open reset link of the user.
 * The token therefore works once, also under concurrent requests.
 */
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { accessTokens, emailTokens, sessions, users } from '../../db/schema';
import { validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { enforceRateLimits } from '../../lib/rate-limit';
import { passwordMatchesEmail, type ResetPassword } from '../../schemas/auth';
import { hashMailToken, unusedTokensOf, usableToken } from './mail-tokens';
import { tokenInvalid } from './verify-email';

export async function resetPassword({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now' | 'hasher' | 'locale' | 'config' | 'clientIp'>;
  input: ResetPassword;
}): Promise<{ userId: number }> {
  await enforceRateLimits(ctx, [
    { key: `token:reset:ip:${ctx.clientIp}`, rule: ctx.config.rateLimitRules.tokenIp },
  ]);
  const tokenHash = hashMailToken(input.token);
  const usable = usableToken(tokenHash, 'reset_password', ctx.now);
  const [owner] = await ctx.db
    .select({ id: users.id, email: users.email })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(usable);
  if (!owner) throw tokenInvalid();
  if (passwordMatchesEmail(input.password, owner.email))
    throw validation({ password: [translate(ctx.locale, 'field.passwordIsEmail')] });
  const passwordHash = await ctx.hasher.hash(input.password);
  const ownerId = sql`(select ${emailTokens.userId} from ${emailTokens} where ${usable})`;
  const [, , , used] = await ctx.db.batch([
    // The link came by mail, so the reset proves the address too: it is verified from now on.
    ctx.db
      .update(users)
      .set({
        passwordHash,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${ctx.now.getTime()})`,
        updatedAt: ctx.now,
      })
      .where(eq(users.id, ownerId)),
    ctx.db.delete(sessions).where(eq(sessions.userId, ownerId)),
    // Account recovery: a token minted with a stolen session must not outlive it (decision 021).
    ctx.db.delete(accessTokens).where(eq(accessTokens.userId, ownerId)),
    ctx.db
      .update(emailTokens)
      .set({ usedAt: ctx.now })
      .where(unusedTokensOf(ownerId, 'reset_password'))
      .returning({ tokenHash: emailTokens.tokenHash }),
  ]);
  // Another request used the token between the read and this batch.
  if (!used.some((row) => Buffer.from(row.tokenHash).equals(tokenHash))) throw tokenInvalid();
  return { userId: owner.id };
}
