/**
 * The audit log of organizer, judge and admin actions (and account deletions). Rows name the actor by
 * a pseudonym — HMAC-SHA256 of the user id keyed with the pepper — so they survive account deletion
 * without naming the person, while the same actor still links their own rows.
 *
 * Usage: put the insert in the same batch as the change it records, e.g.
 *   await ctx.db.batch([
 *     ctx.db.update(companies).set({ status: 'verified' }).where(eq(companies.id, id)),
 *     auditInsert(ctx, { action: 'company.verify', targetType: 'company', targetId: id,
 *                        before: { status: 'pending' }, after: { status: 'verified' } }),
 *   ]);
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { type SQL, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { RequestUser, ServiceContext } from '../context';
import { auditLog } from '../db/schema';

const encoder = new TextEncoder();

/** The actor id kept in audit rows: 16 hex characters of HMAC-SHA256(pepper, user id). */
export function pseudonym(config: Pick<Config, 'passwordPepper'>, userId: number): string {
  const mac = hmac(SHA256, encoder.encode(config.passwordPepper), encoder.encode(String(userId)));
  return encodeHexLowerCase(mac).slice(0, 16);
}

export interface AuditEntry {
  /** What happened, `<entity>.<verb>`: `company.verify`, `role.grant`, `account.delete`. */
  action: string;
  targetType: string;
  targetId: string | number;
  /** JSON of the state before and after (omit what is not relevant). */
  before?: unknown;
  after?: unknown;
  /** Defaults to the signed-in user of the context. */
  actor?: Pick<RequestUser, 'id' | 'role'>;
}

/** The audit row as an insert query, to run in the same batch or transaction as the change. */
export function auditInsert(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'user' | 'now' | 'requestId'>,
  entry: AuditEntry,
) {
  const actor = entry.actor ?? ctx.user;
  if (!actor) throw new Error('auditInsert needs a signed-in actor');
  return ctx.db.insert(auditLog).values(auditValues(ctx, { ...entry, actor }));
}

/** The row's values, for callers that need a conditional insert. */
export function auditValues(
  ctx: Pick<ServiceContext, 'config' | 'now' | 'requestId'>,
  entry: AuditEntry & { actor: Pick<RequestUser, 'id' | 'role'> },
): typeof auditLog.$inferInsert {
  return {
    actor: pseudonym(ctx.config, entry.actor.id),
    actorRole: entry.actor.role,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
    createdAt: ctx.now,
  };
}

/**
 * The audit row inserted only when `condition` holds at that moment (e.g. the guard of a conditional
 * delete in the same batch), so the log never records a change that did not happen.
 */
export function auditInsertWhere(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'now' | 'requestId'>,
  entry: AuditEntry & { actor: Pick<RequestUser, 'id' | 'role'> },
  condition: SQL,
) {
  const v = auditValues(ctx, entry);
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return ctx.db.run(sql`insert into ${auditLog}
    (actor, actor_role, action, target_type, target_id, before, after, request_id, created_at)
    select ${v.actor}, ${v.actorRole}, ${v.action}, ${v.targetType}, ${v.targetId}, ${json(v.before)},
      ${json(v.after)}, ${v.requestId ?? null}, ${ctx.now.getTime()}
    where ${condition}`);
}
