/** Sends a new verification link to the signed-in user (rate limited); earlier links stay valid. */
import { eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { emailTokens, users } from '../../db/schema';
import { conflict } from '../../lib/errors';
import { enforceRateLimits } from '../../lib/rate-limit';
import { deliverPending } from '../outbox/deliver-pending';
import { enqueueMail } from '../outbox/enqueue-mail';
import { siteLink } from '../outbox/templates';
import { newMailToken, VERIFY_EMAIL_TTL_MS } from './mail-tokens';

export async function resendVerification({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const user = requireUser(ctx);
  if (user.emailVerified) throw conflict('already_verified', 'auth.alreadyVerified');
  await enforceRateLimits(ctx, [
    { key: `verify-resend:user:${user.id}`, rule: ctx.config.rateLimitRules.verifyResend },
  ]);
  const [row] = await ctx.db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
  const locale = row?.locale ?? ctx.locale;
  const { token, hash } = newMailToken();
  await ctx.db.batch([
    ctx.db.insert(emailTokens).values({
      userId: user.id,
      purpose: 'verify_email',
      tokenHash: hash,
      expiresAt: new Date(ctx.now.getTime() + VERIFY_EMAIL_TTL_MS),
      createdAt: ctx.now,
    }),
    enqueueMail(ctx, {
      to: user.email,
      locale,
      template: 'verify-email',
      params: { name: user.name, url: siteLink(ctx, `/verify-email?token=${token}`, locale) },
    }),
  ]);
  ctx.waitUntil(deliverPending(ctx));
}
