/**
 * Sends due webhook deliveries, like the mail outbox (services/outbox/deliver-pending.ts): after the
 * response through ctx.waitUntil and every 5 minutes from the cron. Due rows are first claimed with
 * one conditional update that pushes their next attempt out by a lease, so two runs never send the
 * same row. A 2xx answer delivers; anything else is retried with the outbox's backoff (1, 2, 4 …
 * minutes) and marked failed after MAX_ATTEMPTS. The last HTTP status and error are kept.
 *
 * In production a delivery is POSTed, signed, without following redirects, with a 10 s timeout, and
 * never to a private or loopback address. Elsewhere nothing leaves the machine: it is `recorded`
 * and shown at /dev/outbox with its headers.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { MAX_ATTEMPTS, retryDelayMs } from '../outbox/deliver-pending';
import { isDeliverableUrl } from './address';
import { signatureHeaders } from './signing';

const BATCH_SIZE = 20;
const LEASE_MS = 10 * 60_000;
const TIMEOUT_MS = 10_000;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}
/** Sends one request; resolves with the HTTP status, or null when it was only recorded. */
export type WebhookSender = (request: WebhookRequest) => Promise<number | null>;

/** POSTs over the network (production). */
export const httpSender =
  (options: { allowPrivate?: boolean } = {}): WebhookSender =>
  async ({ url, headers, body }) => {
    if (!options.allowPrivate && !isDeliverableUrl(url))
      throw new Error('refused: not a public https address');
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.status;
  };

/** Keeps the delivery for /dev/outbox (local runs and tests). */
export const recordingSender: WebhookSender = async () => null;

export const defaultSender = (config: { isProduction: boolean }): WebhookSender =>
  config.isProduction ? httpSender() : recordingSender;

export interface WebhookReport {
  delivered: number;
  failed: number;
  recorded: number;
}

export async function deliverWebhooks(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config'>,
  send: WebhookSender = defaultSender(ctx.config),
): Promise<WebhookReport> {
  const { db, now } = ctx;
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(BATCH_SIZE);
  const claimed = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(
      and(
        inArray(webhookDeliveries.id, due),
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.nextAttemptAt, now),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  const report: WebhookReport = { delivered: 0, failed: 0, recorded: 0 };
  if (claimed.length === 0) return report;
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      messageId: webhookDeliveries.messageId,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      inArray(
        webhookDeliveries.id,
        claimed.map((c) => c.id),
      ),
    )
    .orderBy(asc(webhookDeliveries.id));
  // Sent in parallel; each outcome is a plain object (a query builder returned from an async
  // function would be awaited, i.e. run, on the spot), written back in one batch.
  const outcomes = await Promise.all(
    rows.map(async (row) => {
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'OPC-Portal-Webhooks/1',
        ...signatureHeaders(row.secret, row.messageId, now, row.payload),
      };
      try {
        return { row, status: await send({ url: row.url, headers, body: row.payload }), error: null };
      } catch (err) {
        return { row, status: null, error: String(err instanceof Error ? err.message : err).slice(0, 500) };
      }
    }),
  );
  const updates = outcomes.map(({ row, status, error }) => {
    const attempts = row.attempts + 1;
    const ok = error === null && (status === null || (status >= 200 && status < 300));
    if (ok && status === null) report.recorded += 1;
    else if (ok) report.delivered += 1;
    else report.failed += 1;
    const outcome = ok
      ? { status: status === null ? ('recorded' as const) : ('delivered' as const), deliveredAt: now }
      : {
          status: attempts >= MAX_ATTEMPTS ? ('failed' as const) : ('pending' as const),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        };
    return db
      .update(webhookDeliveries)
      .set({ attempts, lastStatus: status, lastError: ok ? null : (error ?? `HTTP ${status}`), ...outcome })
      .where(eq(webhookDeliveries.id, row.id));
  });
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
  return report;
}
