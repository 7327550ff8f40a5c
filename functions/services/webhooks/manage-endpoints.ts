/**
 * Webhook endpoints, for organizers and admins (decision 021): register one (its signing secret is
 * returned once), list them with their last delivery, see an endpoint's recent deliveries, delete
 * one (its deliveries go with it). Registration and deletion are in the audit log, in the same batch.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { auditInsert, auditInsertWhere } from '../../lib/audit';
import { notFound } from '../../lib/errors';
import { shanghaiIso } from '../../lib/shanghai-time';
import type { CreateWebhook } from '../../schemas/webhooks';
import type { WebhookEvent } from './events';
import { newWebhookSecret, signatureHeaders } from './signing';

const deliveryColumns = {
  id: webhookDeliveries.id,
  messageId: webhookDeliveries.messageId,
  eventType: webhookDeliveries.eventType,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  lastStatus: webhookDeliveries.lastStatus,
  lastError: webhookDeliveries.lastError,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
};
type DeliveryRow = { [K in keyof typeof deliveryColumns]: (typeof deliveryColumns)[K]['_']['data'] } & {
  deliveredAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
};

export const toDeliveryJson = (row: DeliveryRow) => ({
  ...row,
  eventType: row.eventType as WebhookEvent,
  createdAt: shanghaiIso(row.createdAt),
  deliveredAt: row.deliveredAt ? shanghaiIso(row.deliveredAt) : null,
});

export async function createWebhook({ ctx, input }: { ctx: ServiceContext; input: CreateWebhook }) {
  const user = requireRole(ctx, 'organizer');
  const secret = newWebhookSecret();
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(webhookEndpoints)
      .values({ url: input.url, events: input.events, secret, createdBy: user.id, createdAt: ctx.now })
      .returning();
    if (inserted)
      await tx.run(
        auditInsert(ctx, {
          action: 'webhook.create',
          targetType: 'webhook',
          targetId: inserted.id,
          after: { url: input.url, events: input.events },
        }),
      );
    return inserted;
  });
  if (!row) throw new Error('webhook insert returned nothing');
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEvent[],
    createdAt: shanghaiIso(row.createdAt),
    lastDelivery: null,
    secret,
  };
}

export async function listWebhooks({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, 'organizer');
  const last = ctx.db
    .select({
      id: sql<number>`max(${webhookDeliveries.id})`.as('last_id'),
      endpointId: webhookDeliveries.endpointId,
    })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.endpointId)
    .as('last');
  const rows = await ctx.db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      createdAt: webhookEndpoints.createdAt,
      delivery: deliveryColumns,
    })
    .from(webhookEndpoints)
    .leftJoin(last, eq(last.endpointId, webhookEndpoints.id))
    .leftJoin(webhookDeliveries, eq(webhookDeliveries.id, last.id))
    .orderBy(desc(webhookEndpoints.id));
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    events: row.events as WebhookEvent[],
    createdAt: shanghaiIso(row.createdAt),
    lastDelivery: row.delivery ? toDeliveryJson(row.delivery as DeliveryRow) : null,
  }));
}

export async function listDeliveries({
  ctx,
  id,
  limit = 50,
}: {
  ctx: ServiceContext;
  id: number;
  limit?: number;
}) {
  requireRole(ctx, 'organizer');
  const [endpoint, rows] = await ctx.db.batch([
    ctx.db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
    ctx.db
      .select(deliveryColumns)
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, id))
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit),
  ]);
  if (endpoint.length === 0) throw notFound('webhook_not_found');
  return rows.map((row) => toDeliveryJson(row as DeliveryRow));
}

export async function deleteWebhook({ ctx, id }: { ctx: ServiceContext; id: number }): Promise<void> {
  const user = requireRole(ctx, 'organizer');
  const [, deleted] = await ctx.db.batch([
    auditInsertWhere(
      ctx,
      { action: 'webhook.delete', targetType: 'webhook', targetId: id, actor: user },
      sql`exists (select 1 from ${webhookEndpoints} where ${webhookEndpoints.id} = ${id})`,
    ),
    ctx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id }),
  ]);
  if (deleted.length === 0) throw notFound('webhook_not_found');
}

/**
 * The latest deliveries of every endpoint with the headers they carry (signed at their last attempt):
 * the dev-only /dev/outbox, where local runs read webhooks instead of sending them. The page sends
 * the query in its batch, then `withSignatureHeaders` drops the secret.
 */
export const recentDeliveriesQuery = (db: Db, limit = 20) =>
  db
    .select({
      ...deliveryColumns,
      payload: webhookDeliveries.payload,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);

/** Each delivery with the headers it was (or will be) signed with, and without the secret. */
export const withSignatureHeaders = (rows: Awaited<ReturnType<typeof recentDeliveriesQuery>>) =>
  rows.map(({ secret, ...row }) => ({
    ...row,
    headers: signatureHeaders(secret, row.messageId, row.deliveredAt ?? row.createdAt, row.payload),
  }));
