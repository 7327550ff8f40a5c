/**
 * The link mailed to the new address of an email change. One batch, each statement guarded by the
 * link still being usable, so it works once under concurrent requests: the account takes the new
 * address (verified: the link was mailed there), the old address is told, the audit row is written,
 * and the link is used — last, so the guards before it still see it usable. Links mailed to the old
 * address (verification, reset) and other change links are used up with it. When the new address
 * got an account meanwhile, the unique index refuses the change and the link answers as invalid.
 * Signing in is not needed: the link proves the new address, the request proved the account.
 */
import { and, eq, exists, isNull, ne, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { emailTokens, outbox, users } from '../../db/schema';
import { auditInsertWhere, pseudonym } from '../../lib/audit';
import { enforceRateLimits } from '../../lib/rate-limit';
import type { ConfirmEmailChange } from '../../schemas/account-changes';
import { deliverPending } from '../outbox/deliver-pending';
import { renderMail } from '../outbox/templates';
import { hashMailToken, usableToken } from './mail-tokens';
import { tokenInvalid } from './verify-email';

export async function confirmEmailChange({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config' | 'clientIp' | 'requestId' | 'waitUntil'>;
  input: ConfirmEmailChange;
}): Promise<{ userId: number; email: string }> {
  await enforceRateLimits(ctx, [
    { key: `token:email-change:ip:${ctx.clientIp}`, rule: ctx.config.rateLimitRules.tokenIp },
  ]);
  const tokenHash = hashMailToken(input.token);
  const usable = usableToken(tokenHash, 'change_email', ctx.now);
  const [found] = await ctx.db
    .select({
      userId: users.id,
      role: users.role,
      name: users.name,
      locale: users.locale,
      oldEmail: users.email,
      newEmail: emailTokens.newEmail,
    })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(usable);
  if (!found?.newEmail) throw tokenInvalid();
  const { userId, newEmail } = found;
  const stillUsable = exists(ctx.db.select({ one: sql`1` }).from(emailTokens).where(usable));
  const notice = renderMail(
    { template: 'email-changed', params: { name: found.name, newEmail } },
    found.locale,
  );
  try {
    const [changed] = await ctx.db.batch([
      ctx.db
        .update(users)
        .set({ email: newEmail, emailVerifiedAt: ctx.now, updatedAt: ctx.now })
        .where(and(eq(users.id, userId), stillUsable))
        .returning({ id: users.id }),
      // The old address is told, only when the change happens (an insert … select, not a plain insert).
      ctx.db.insert(outbox).select(
        ctx.db
          .select({
            id: sql`null`.as('id'),
            toEmail: sql`${found.oldEmail}`.as('to_email'),
            template: sql`'email-changed'`.as('template'),
            locale: sql`${found.locale}`.as('locale'),
            subject: sql`${notice.subject}`.as('subject'),
            body: sql`${notice.body}`.as('body'),
            status: sql`'pending'`.as('status'),
            attempts: sql`0`.as('attempts'),
            lastError: sql`null`.as('last_error'),
            nextAttemptAt: sql`${ctx.now.getTime()}`.as('next_attempt_at'),
            sentAt: sql`null`.as('sent_at'),
            createdAt: sql`${ctx.now.getTime()}`.as('created_at'),
            dedupeKey: sql`null`.as('dedupe_key'),
          })
          .from(emailTokens)
          .where(usable),
      ),
      auditInsertWhere(
        ctx,
        {
          action: 'account.email',
          targetType: 'user',
          targetId: pseudonym(ctx.config, userId),
          actor: { id: userId, role: found.role },
        },
        stillUsable.getSQL(),
      ),
      // Links mailed to the old address (and other change links) stop working with it.
      ctx.db
        .update(emailTokens)
        .set({ usedAt: ctx.now })
        .where(
          and(
            eq(emailTokens.userId, userId),
            isNull(emailTokens.usedAt),
            ne(emailTokens.tokenHash, tokenHash),
            stillUsable,
          ),
        ),
      ctx.db.update(emailTokens).set({ usedAt: ctx.now }).where(usable).returning({ id: emailTokens.id }),
    ]);
    if (!changed[0]) throw tokenInvalid();
  } catch (err) {
    // Someone signed the new address up meanwhile: the account keeps its address.
    if (isUniqueViolation(err)) throw tokenInvalid();
    throw err;
  }
  ctx.waitUntil(deliverPending(ctx));
  return { userId, email: newEmail };
}
