/**
 * Work of the Cron Trigger (wrangler.jsonc `triggers.crons`, src/worker.ts `scheduled`): event
 * reminders, then the mail outbox, and delete expired rows. Runs outside any request, so it builds its own service context from the deps.
 */
import type { AppDeps, ServiceContext } from './context';
import { createDb } from './db/client';
import { DEFAULT_LOCALE } from './lib/locale';
import { runEventReminders } from './services/events/send-reminders';
import { type PurgeReport, purgeExpired } from './services/maintenance/purge-expired';
import { eraseDeletedMedia } from './services/media/media-bucket';
import { type DeliveryReport, deliverPending } from './services/outbox/deliver-pending';
import type { MailTransport } from './services/outbox/mail-transport';
import { expireVouchers } from './services/vouchers/expiry-and-export';
import { deliverWebhooks } from './services/webhooks/deliver-webhooks';

export function scheduledContext(deps: AppDeps, requestId: string): ServiceContext {
  return {
    db: createDb(deps.connect()),
    catalog: deps.catalog,
    config: deps.config,
    now: deps.clock.now(),
    locale: DEFAULT_LOCALE,
    requestId,
    user: null,
    sessionId: null,
    token: null,
    hasher: deps.hasher,
    media: deps.media,
    images: deps.images,
    waitUntil: (promise) =>
      void promise.catch((err) => console.error(`[${requestId}] background task failed`, err)),
    clientIp: '',
    origin: deps.config.siteUrl ?? 'http://localhost',
  };
}

export async function runScheduledDelivery(
  deps: AppDeps,
  transport?: MailTransport,
): Promise<DeliveryReport> {
  const ctx = scheduledContext(deps, `cron-${deps.clock.now().getTime()}`);
  // Event work must not hold up the outbox: a failure is logged, and delivery goes on.
  try {
    const reminders = await runEventReminders(ctx);
    if (reminders.events + reminders.promoted > 0) console.log(`[events] cron: ${JSON.stringify(reminders)}`);
  } catch (err) {
    console.error(`[events] cron failed (${ctx.requestId})`, err);
  }
  // Vouchers past their term give their unused amount back to the budget (once).
  try {
    const expiry = await expireVouchers(ctx);
    if (expiry.expired > 0) console.log(`[vouchers] cron: ${JSON.stringify(expiry)}`);
  } catch (err) {
    console.error(`[vouchers] cron failed (${ctx.requestId})`, err);
  }
  const report = await deliverPending(ctx, transport);
  if (report.sent + report.failed > 0)
    console.log(`[outbox] cron: ${report.sent} sent, ${report.failed} failed`);
  // Webhooks are retried on the same schedule; a failure here must not hide the mail report.
  try {
    const hooks = await deliverWebhooks(ctx);
    if (hooks.delivered + hooks.failed + hooks.recorded > 0)
      console.log(`[webhooks] cron: ${JSON.stringify(hooks)}`);
  } catch (err) {
    console.error(`[webhooks] cron failed (${ctx.requestId})`, err);
  }
  return report;
}

export async function runScheduledPurge(deps: AppDeps): Promise<PurgeReport> {
  const ctx = scheduledContext(deps, `cron-purge-${deps.clock.now().getTime()}`);
  // R2 objects of deleted pictures that a request's own clean-up did not get to.
  const erased = await eraseDeletedMedia(ctx, deps.media).catch((err: unknown) => {
    console.error(`[media] erasure failed (${ctx.requestId})`, err);
    return 0;
  });
  if (erased > 0) console.log(`[media] cron: ${erased} objects erased`);
  const report = await purgeExpired(ctx);
  const total = report.sessions + report.emailTokens + report.idempotencyKeys + report.rateLimits;
  if (total > 0) console.log(`[purge] cron: ${JSON.stringify(report)}`);
  return report;
}
