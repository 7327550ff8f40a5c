/**
 * Idempotent creates: the first request with a key reserves it (a conditional insert, so two
 * concurrent retries cannot both run), runs, and stores its answer; a retry with the same key gets the
 * stored answer and no second row. A key reused for a different request is refused.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { idempotencyKeys } from '../db/schema';
import { AppError, idempotencyInProgress } from './errors';

export interface StoredAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export const fingerprint = (value: unknown) =>
  encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(value))));

export async function withIdempotency<T>(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  opts: { scope: string; key: string | null | undefined; request: unknown },
  run: () => Promise<{ status: number; body: T }>,
): Promise<StoredAnswer<T>> {
  if (!opts.key) return { ...(await run()), replayed: false };
  const requestHash = fingerprint(opts.request);
  const where = and(eq(idempotencyKeys.scope, opts.scope), eq(idempotencyKeys.key, opts.key));
  const reserved = await ctx.db
    .insert(idempotencyKeys)
    .values({ scope: opts.scope, key: opts.key, requestHash, status: 0, body: '', createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (reserved.length === 0) {
    const [existing] = await ctx.db.select().from(idempotencyKeys).where(where);
    if (!existing) throw idempotencyInProgress();
    if (existing.requestHash !== requestHash)
      throw new AppError(422, 'idempotency_key_reused', 'error.idempotencyMismatch');
    if (existing.status === 0) throw idempotencyInProgress();
    return { status: existing.status, body: JSON.parse(existing.body) as T, replayed: true };
  }
  try {
    const answer = await run();
    await ctx.db
      .update(idempotencyKeys)
      .set({ status: answer.status, body: JSON.stringify(answer.body) })
      .where(where);
    return { ...answer, replayed: false };
  } catch (err) {
    // The request failed and changed nothing: free the key so a corrected retry can use it.
    await ctx.db.delete(idempotencyKeys).where(where);
    throw err;
  }
}
