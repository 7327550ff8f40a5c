/**
 * Webhook events (decision 021) and the queueing of deliveries. A change that announces an event adds
 * `webhookInsert(ctx, type, data)` to its own batch or transaction: one row per subscribed endpoint,
 * written only if the change commits; `ctx.waitUntil(deliverWebhooks(ctx))` then sends them.
 *
 * The body follows Standard Webhooks: `{ "type": "product.approved", "timestamp": "…", "data": {…} }`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { randomToken } from '../../lib/ids';

export const WEBHOOK_EVENTS = [
  'product.approved',
  'event.published',
  'event.changed',
  'results.published',
  'voucher_grant.published',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** One delivery per endpoint subscribed to `type`, as one INSERT … SELECT for a batch or transaction. */
export function webhookInsert(
  ctx: Pick<ServiceContext, 'now'>,
  type: WebhookEvent,
  data: Record<string, unknown>,
  /** Queue only when this holds as the statement runs (e.g. the change it announces happened). */
  condition: SQL = sql`1`,
) {
  const payload = JSON.stringify({ type, timestamp: ctx.now.toISOString(), data });
  const message = `msg_${randomToken(12)}_`;
  const at = ctx.now.getTime();
  return sql`insert into ${webhookDeliveries}
    (endpoint_id, message_id, event_type, payload, status, attempts, next_attempt_at, created_at)
    select ${webhookEndpoints.id}, ${message} || ${webhookEndpoints.id}, ${type}, ${payload}, 'pending', 0, ${at}, ${at}
    from ${webhookEndpoints}
    where exists (select 1 from json_each(${webhookEndpoints.events}) where value = ${type}) and (${condition})`;
}
