/**
 * "Forgot password": when the email belongs to a user, a reset link (1 hour, single use) is mailed.
 * While a link is live, a new request re-sends that same link (derivedMailToken) rather than refusing
 * or making another: three requests by someone else can no longer keep the owner from a link.
 * Requests are limited per client address only; mails per address are capped (RATE_LIMIT_RESET_EMAIL
 * per hour) without refusing — past the cap a link sent within the same window is still live, since
 * a link lives as long as the window (decision 008). The caller answers the same whether or not the
 * email exists.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { emailTokens, users } from '../../db/schema';
import { enforceRateLimits, incrementQuery, overLimit, subjectKey } from '../../lib/rate-limit';
import type { ForgotPassword } from '../../schemas/auth';
import { deliverPending } from '../outbox/deliver-pending';
import { enqueueMail } from '../outbox/enqueue-mail';
import { siteLink } from '../outbox/templates';
import { derivedMailToken, RESET_PASSWORD_TTL_MS } from './mail-tokens';

export async function requestPasswordReset({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ForgotPassword;
}): Promise<void> {
  const rules = ctx.config.rateLimitRules;
  await enforceRateLimits(ctx, [{ key: `reset:ip:${ctx.clientIp}`, rule: rules.resetIp }]);
  const live = ctx.db
    .select({ expiresAt: sql<number>`max(${emailTokens.expiresAt})` })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.userId, users.id),
        eq(emailTokens.purpose, 'reset_password'),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, ctx.now),
      ),
    );
  // The mail counter is counted in the batch that reads the address: known or not, the same work.
  const mails = { key: `reset:mail:${subjectKey(input.email)}`, rule: rules.resetEmail };
  const [counted, [user]] = await ctx.db.batch([
    incrementQuery(ctx, mails),
    ctx.db
      .select({
        id: users.id,
        name: users.name,
        locale: users.locale,
        liveUntil: sql<number | null>`(${live})`,
      })
      .from(users)
      .where(eq(users.email, input.email)),
  ]);
  if (!user) return;
  if (overLimit(ctx, counted, mails)) return;

  const expiresAt = new Date(user.liveUntil ?? ctx.now.getTime() + RESET_PASSWORD_TTL_MS);
  const { token, hash } = derivedMailToken(ctx.config.passwordPepper, 'reset_password', user.id, expiresAt);
  const mail = enqueueMail(ctx, {
    to: input.email,
    locale: user.locale,
    template: 'password-reset',
    params: { name: user.name, url: siteLink(ctx, `/reset-password?token=${token}`, user.locale) },
  });
  if (user.liveUntil !== null) {
    await mail;
  } else {
    await ctx.db.batch([
      ctx.db
        .insert(emailTokens)
        .values({
          userId: user.id,
          purpose: 'reset_password',
          tokenHash: hash,
          expiresAt,
          createdAt: ctx.now,
        })
        // Two requests in the same millisecond derive the same link: one row for it is enough.
        .onConflictDoNothing(),
      mail,
    ]);
  }
  ctx.waitUntil(deliverPending(ctx));
}
