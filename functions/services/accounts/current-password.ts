/**
 * Not a verb: the check of the current password that account changes ask for (email, password).
 * A wrong one is a field error on `currentPassword`, in the request's language. Checks are counted
 * per account like sign-in failures (RATE_LIMIT_SIGNIN_ACCOUNT): a stolen session cookie must not
 * become unlimited guesses at the password that would let it take the account over.
 */
import { eq } from 'drizzle-orm';
import type { RequestUser, ServiceContext } from '../../context';
import { users } from '../../db/schema';
import { unauthorized, validation } from '../../lib/errors';
import type { Locale } from '../../lib/locale';
import { translate } from '../../lib/messages';
import { enforceRateLimits } from '../../lib/rate-limit';

export async function checkCurrentPassword(
  ctx: Pick<ServiceContext, 'db' | 'hasher' | 'locale' | 'config' | 'now'>,
  user: RequestUser,
  password: string,
): Promise<{ email: string; name: string; locale: Locale }> {
  await enforceRateLimits(ctx, [
    { key: `current-password:user:${user.id}`, rule: ctx.config.rateLimitRules.signinAccount },
  ]);
  const [account] = await ctx.db
    .select({ passwordHash: users.passwordHash, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, user.id));
  if (!account) throw unauthorized();
  if (!(await ctx.hasher.verify(account.passwordHash, password)))
    throw validation({ currentPassword: [translate(ctx.locale, 'field.wrongPassword')] }, 'wrong_password');
  return { email: account.email, name: account.name, locale: account.locale };
}
