import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Every organizer, judge and admin action. `actor` is a pseudonymous id (a keyed hash of the user
 * id), so rows survive account deletion without naming the person.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey(),
    actor: text().notNull(),
    actorRole: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    before: text({ mode: 'json' }).$type<unknown>(),
    after: text({ mode: 'json' }).$type<unknown>(),
    requestId: text(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);

/** Outgoing mail, written in the same transaction as the change; sent after commit, retried by cron. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer().primaryKey(),
    toEmail: text().notNull(),
    template: text().notNull(),
    locale: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    status: text({ enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: integer({ mode: 'timestamp_ms' }).notNull(),
    sentAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
    /**
     * Set for mail that must go once however often its cause is replayed (event reminders, promotions):
     * a second insert with the same key does nothing (ON CONFLICT DO NOTHING).
     */
    dedupeKey: text(),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_to_idx').on(t.toEmail),
    uniqueIndex('outbox_dedupe_unique').on(t.dedupeKey),
  ],
);

/** Stored answers of creates, so a retried request with the same key never makes a second row. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer().notNull(),
    body: text().notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Fixed-window counters for rate limits where the Workers binding is not used. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: integer().notNull(),
  count: integer().notNull(),
});

/**
 * Webhook endpoints organizers register (decision 021): https only, never a private or loopback
 * address. `secret` signs deliveries (Standard Webhooks, `whsec_` + base64); it must be kept to sign,
 * so it is stored as it is and shown once.
 */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: integer().primaryKey({ autoIncrement: true }),
  url: text().notNull(),
  /** The event types it receives, e.g. ["product.approved", "results.published"]. */
  events: text({ mode: 'json' }).$type<string[]>().notNull(),
  secret: text().notNull(),
  createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
});

/**
 * One event for one endpoint, written in the same batch as the change it announces; sent after the
 * response and retried with backoff by the cron, like mail in the outbox. Locally nothing is sent:
 * deliveries are marked delivered and shown at /dev/outbox.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer().primaryKey(),
    endpointId: integer()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The `webhook-id` header: the same on every retry of this delivery. */
    messageId: text().notNull(),
    eventType: text().notNull(),
    /** The JSON body, exactly as signed and sent. */
    payload: text().notNull(),
    /** `recorded`: outside production, kept for /dev/outbox instead of sent. */
    status: text({ enum: ['pending', 'delivered', 'failed', 'recorded'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    /** The HTTP status of the last attempt (null: no answer, e.g. a timeout or a refused address). */
    lastStatus: integer(),
    lastError: text(),
    nextAttemptAt: integer({ mode: 'timestamp_ms' }).notNull(),
    deliveredAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    uniqueIndex('webhook_deliveries_message_unique').on(t.messageId),
  ],
);
