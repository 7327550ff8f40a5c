/**
 * Sends due outbox messages. Called after commit through ctx.waitUntil and every 5 minutes by the
 * Cron Trigger (src/worker.ts). Each run first claims the due rows with one conditional update that
 * pushes their next attempt out by a lease, so a request and the cron never send the same row twice.
 * Outside production a message is printed to the console and marked sent (read it at /dev/outbox);
 * in production it is POSTed to MAIL_API_URL. A failure is retried with exponential backoff and
 * marked failed after MAX_ATTEMPTS.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { outbox } from '../../db/schema';
import { defaultTransport, type MailTransport } from './mail-transport';

export const MAX_ATTEMPTS = 8;
const BATCH_SIZE = 20;
/** Long enough for a slow mail API; a crashed run's rows become due again after it. */
const LEASE_MS = 10 * 60_000;
const MINUTE_MS = 60_000;

/** Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most 4 hours. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1), 240) * MINUTE_MS;

export interface DeliveryReport {
  sent: number;
  failed: number;
}

export async function deliverPending(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config'>,
  transport: MailTransport = defaultTransport(ctx.config),
): Promise<DeliveryReport> {
  const { db, now } = ctx;
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(BATCH_SIZE);
  const claimed = await db
    .update(outbox)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .returning({
      id: outbox.id,
      toEmail: outbox.toEmail,
      subject: outbox.subject,
      body: outbox.body,
      attempts: outbox.attempts,
    });
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const updates = [];
  for (const message of claimed.sort((a, b) => a.id - b.id)) {
    try {
      await transport(message);
      report.sent += 1;
      updates.push(
        db
          .update(outbox)
          .set({
            status: 'sent',
            sentAt: now,
            attempts: message.attempts + 1,
            lastError: null,
            // One-time links are not kept readable once delivered by the mail provider.
            ...(ctx.config.isProduction ? { body: redactTokens(message.body) } : {}),
          })
          .where(eq(outbox.id, message.id)),
      );
    } catch (err) {
      report.failed += 1;
      const attempts = message.attempts + 1;
      updates.push(
        db
          .update(outbox)
          .set({
            attempts,
            lastError: String(err instanceof Error ? err.message : err).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          })
          .where(eq(outbox.id, message.id)),
      );
    }
  }
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
  return report;
}

export const redactTokens = (body: string) => body.replace(/([?&]token=)[\w-]+/g, '$1[redacted]');
