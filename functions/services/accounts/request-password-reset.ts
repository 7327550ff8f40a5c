/**
 * "Forgot password": when the email belongs to a user, a reset token (1 hour, single use) and its
 * mail are written in one batch. The caller answers the same whether or not the email exists.
 * Limited per client address and per email (counted for unknown emails too, so limits reveal nothing).
 */
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { emailTokens, users } from '../../db/schema';
import { enforceRateLimits, subjectKey } from '../../lib/rate-limit';
import type { ForgotPassword } from '../../schemas/auth';
import { deliverPending } from '../outbox/deliver-pending';
import { enqueueMail } from '../outbox/enqueue-mail';
import { siteLink } from '../outbox/templates';
import { newMailToken, RESET_PASSWORD_TTL_MS } from './mail-tokens';

export async function requestPasswordReset({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ForgotPassword;
}): Promise<void> {
  const rules = ctx.config.rateLimitRules;
  await enforceRateLimits(ctx, [
    { key: `reset:ip:${ctx.clientIp}`, rule: rules.resetIp },
    { key: `reset:email:${subjectKey(input.email)}`, rule: rules.resetEmail },
  ]);
  const [user] = await ctx.db
    .select({ id: users.id, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.email, input.email));
  if (!user) return;
  const { token, hash } = newMailToken();
  await ctx.db.batch([
    ctx.db.insert(emailTokens).values({
      userId: user.id,
      purpose: 'reset_password',
      tokenHash: hash,
      expiresAt: new Date(ctx.now.getTime() + RESET_PASSWORD_TTL_MS),
      createdAt: ctx.now,
    }),
    enqueueMail(ctx, {
      to: input.email,
      locale: user.locale,
      template: 'password-reset',
      params: { name: user.name, url: siteLink(ctx, `/reset-password?token=${token}`, user.locale) },
    }),
  ]);
  ctx.waitUntil(deliverPending(ctx));
}
