/**
 * Work of the Cron Trigger (wrangler.jsonc `triggers.crons`, src/worker.ts `scheduled`): retry the
 * mail outbox. Runs outside any request, so it builds its own service context from the deps.
 */
import type { AppDeps, ServiceContext } from './context';
import { createDb } from './db/client';
import { DEFAULT_LOCALE } from './lib/locale';
import { type DeliveryReport, deliverPending, type MailTransport } from './services/outbox/deliver-pending';

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
    hasher: deps.hasher,
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
  const report = await deliverPending(ctx, transport);
  if (report.sent + report.failed > 0)
    console.log(`[outbox] cron: ${report.sent} sent, ${report.failed} failed`);
  return report;
}
