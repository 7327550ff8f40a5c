/**
 * The notification outbox: a message is a row written in the same batch as the change it announces,
 * so a rolled-back change never sends mail and a committed one always will. Delivery happens after
 * the response (deliver-pending.ts through ctx.waitUntil) and again from the Cron Trigger.
 *
 * Usage (e.g. a moderation decision):
 *   await ctx.db.batch([
 *     ctx.db.update(products).set({ status: 'rejected', rejectionReason: reason }).where(…),
 *     enqueueMail(ctx, { to: owner.email, locale: owner.locale, template: 'moderation-decision',
 *       params: { name: owner.name, subject: '产品「…」', decision: 'rejected', reason,
 *                 url: siteLink(ctx, '/me', owner.locale) } }),
 *   ]);
 *   ctx.waitUntil(deliverPending(ctx));
 */
import type { ServiceContext } from '../../context';
import { outbox } from '../../db/schema';
import type { Locale } from '../../lib/locale';
import { type MailMessage, renderMail } from './templates';

export type OutgoingMail = MailMessage & { to: string; locale: Locale };

type OutboxContext = Pick<ServiceContext, 'db' | 'now'>;

/** The outbox row as an insert query: run it in the same batch or transaction as the change. */
export function enqueueMail(ctx: OutboxContext, mail: OutgoingMail) {
  const { subject, body } = renderMail(mail, mail.locale);
  return ctx.db.insert(outbox).values({
    toEmail: mail.to,
    template: mail.template,
    locale: mail.locale,
    subject,
    body,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: ctx.now,
    createdAt: ctx.now,
  });
}
