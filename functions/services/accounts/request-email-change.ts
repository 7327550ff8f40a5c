/**
 * An email change asked for on the account page, with the current password. Nothing changes until
 * the link mailed to the new address is used (confirm-email-change.ts). The answer never tells
 * whether the new address has an account (decision 008): a free address gets the link, a taken one a
 * note that nothing changed (only its owner reads it), and both paths do the same work — one read
 * (with the mail counter of the address, shared with sign-up) and one batch that also uses up the
 * user's earlier change links, tells the old address that a change was asked for, and is audited.
 * Requests are limited per user like verification resends; mails to one address are capped
 * (RATE_LIMIT_SIGNUP_EMAIL) without refusing.
 */
import { eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { emailTokens, users } from '../../db/schema';
import { auditInsert, pseudonym } from '../../lib/audit';
import { validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { enforceRateLimits, incrementQuery, overLimit, subjectKey } from '../../lib/rate-limit';
import type { ChangeEmail, EmailChangeRequested } from '../../schemas/account-changes';
import { deliverPending } from '../outbox/deliver-pending';
import { enqueueMail } from '../outbox/enqueue-mail';
import { siteLink } from '../outbox/templates';
import { checkCurrentPassword } from './current-password';
import { CHANGE_EMAIL_TTL_MS, newMailToken, unusedTokensOf } from './mail-tokens';

export async function requestEmailChange({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ChangeEmail;
}): Promise<EmailChangeRequested> {
  const user = requireUser(ctx);
  await enforceRateLimits(ctx, [
    { key: `email-change:user:${user.id}`, rule: ctx.config.rateLimitRules.verifyResend },
  ]);
  const account = await checkCurrentPassword(ctx, user, input.currentPassword);
  if (input.email === account.email) throw validation({ email: [translate(ctx.locale, 'field.sameEmail')] });

  const mails = {
    key: `signup:mail:${subjectKey(input.email)}`,
    rule: ctx.config.rateLimitRules.signupEmail,
  };
  const [counted, [owner]] = await ctx.db.batch([
    incrementQuery(ctx, mails),
    ctx.db.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.email, input.email)),
  ]);
  const accepted = { status: 'confirmation_sent' as const, email: input.email };
  if (overLimit(ctx, counted, mails)) return accepted;

  const { token, hash } = newMailToken();
  const toNewAddress = owner
    ? enqueueMail(ctx, {
        to: input.email,
        locale: owner.locale,
        template: 'email-change-taken',
        params: { name: owner.name, signInUrl: siteLink(ctx, '/signin', owner.locale) },
      })
    : enqueueMail(ctx, {
        to: input.email,
        locale: account.locale,
        template: 'email-change-confirm',
        params: {
          name: account.name,
          url: siteLink(ctx, `/me/confirm-email?token=${token}`, account.locale),
        },
      });
  await ctx.db.batch([
    // Only the latest link works: an earlier one may name another address.
    ctx.db.update(emailTokens).set({ usedAt: ctx.now }).where(unusedTokensOf(user.id, 'change_email')),
    ctx.db.insert(emailTokens).values({
      userId: user.id,
      purpose: 'change_email',
      tokenHash: hash,
      // Written for a taken address too, so the account page shows the same pending change; its
      // secret is mailed nowhere, and the unique index on users.email refuses it anyway.
      newEmail: input.email,
      expiresAt: new Date(ctx.now.getTime() + CHANGE_EMAIL_TTL_MS),
      createdAt: ctx.now,
    }),
    toNewAddress,
    enqueueMail(ctx, {
      to: account.email,
      locale: account.locale,
      template: 'email-change-requested',
      params: { name: account.name, newEmail: input.email },
    }),
    auditInsert(ctx, {
      action: 'account.email_change_request',
      targetType: 'user',
      targetId: pseudonym(ctx.config, user.id),
    }),
  ]);
  ctx.waitUntil(deliverPending(ctx));
  return accepted;
}
