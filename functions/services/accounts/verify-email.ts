/**
 * Email verification from the mailed link: one batch marks the user verified and uses the token,
 * both guarded by the token being unused and unexpired, so a link works once.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { emailTokens, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { enforceRateLimits } from '../../lib/rate-limit';
import type { VerifyEmail } from '../../schemas/auth';
import { hashMailToken, usableToken } from './mail-tokens';

export const tokenInvalid = () => new AppError(422, 'token_invalid', 'auth.tokenInvalid');

export async function verifyEmail({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config' | 'clientIp'>;
  input: VerifyEmail;
}): Promise<{ userId: number }> {
  // Tokens are 160 random bits; the limit still keeps anyone from trying them in bulk.
  await enforceRateLimits(ctx, [
    { key: `token:verify:ip:${ctx.clientIp}`, rule: ctx.config.rateLimitRules.tokenIp },
  ]);
  const usable = usableToken(hashMailToken(input.token), 'verify_email', ctx.now);
  const owner = sql`(select ${emailTokens.userId} from ${emailTokens} where ${usable})`;
  const [, used] = await ctx.db.batch([
    ctx.db
      .update(users)
      .set({ emailVerifiedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(users.id, owner), isNull(users.emailVerifiedAt))),
    ctx.db
      .update(emailTokens)
      .set({ usedAt: ctx.now })
      .where(usable)
      .returning({ userId: emailTokens.userId }),
  ]);
  const row = used[0];
  if (!row) throw tokenInvalid();
  return { userId: row.userId };
}
