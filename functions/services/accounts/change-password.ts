/**
 * A new password for the signed-in user, with the current one. One batch sets it, ends every other
 * session of the user (this one stays signed in), uses up open reset links, and writes the audit row.
 */
import { and, eq, ne } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { emailTokens, sessions, users } from '../../db/schema';
import { auditInsert, pseudonym } from '../../lib/audit';
import { validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { ChangePassword } from '../../schemas/account-changes';
import { passwordMatchesEmail } from '../../schemas/auth';
import { checkCurrentPassword } from './current-password';
import { unusedTokensOf } from './mail-tokens';

export async function changePassword({
  ctx,
  input,
}: {
  ctx: Pick<
    ServiceContext,
    'db' | 'config' | 'user' | 'sessionId' | 'now' | 'requestId' | 'hasher' | 'locale'
  >;
  input: ChangePassword;
}): Promise<{ sessionsEnded: number }> {
  const user = requireUser(ctx);
  const account = await checkCurrentPassword(ctx, user, input.currentPassword);
  if (passwordMatchesEmail(input.password, account.email))
    throw validation({ password: [translate(ctx.locale, 'field.passwordIsEmail')] });
  const passwordHash = await ctx.hasher.hash(input.password);
  const others = ctx.sessionId
    ? and(eq(sessions.userId, user.id), ne(sessions.id, ctx.sessionId))
    : eq(sessions.userId, user.id);
  const [, ended] = await ctx.db.batch([
    ctx.db.update(users).set({ passwordHash, updatedAt: ctx.now }).where(eq(users.id, user.id)),
    ctx.db.delete(sessions).where(others).returning({ id: sessions.id }),
    // A reset link mailed earlier would set another password behind this one's back.
    ctx.db.update(emailTokens).set({ usedAt: ctx.now }).where(unusedTokensOf(user.id, 'reset_password')),
    auditInsert(ctx, {
      action: 'account.password',
      targetType: 'user',
      targetId: pseudonym(ctx.config, user.id),
    }),
  ]);
  return { sessionsEnded: ended.length };
}
