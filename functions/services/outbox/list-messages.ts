/** The latest outbox messages, newest first: the dev-only /dev/outbox page (one round trip). */
import { desc } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { outbox } from '../../db/schema';

export function listMessages({ ctx, input }: { ctx: Pick<ServiceContext, 'db'>; input: { limit: number } }) {
  return ctx.db.select().from(outbox).orderBy(desc(outbox.id)).limit(input.limit);
}
