/**
 * Upvote or withdraw the upvote on an approved product. Idempotent: the votes primary key admits one
 * vote per user (INSERT … ON CONFLICT DO NOTHING) and triggers keep products.vote_count exact. The
 * answer is read in the same batch, right after the write, so the count shown is the one committed.
 */
import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { products, votes } from '../../db/schema';
import { productNotFound } from '../../lib/errors';

export interface VoteState {
  voted: boolean;
  voteCount: number;
}

export async function setVote({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { productId: number; voted: boolean };
}): Promise<VoteState> {
  const user = requireVerifiedUser(ctx);
  const { db } = ctx;
  const write = input.voted
    ? db.run(sql`INSERT INTO votes (user_id, product_id, created_at)
        SELECT ${user.id}, id, ${ctx.now.getTime()} FROM products WHERE id = ${input.productId} AND status = 'approved'
        ON CONFLICT DO NOTHING`)
    : db.delete(votes).where(and(eq(votes.userId, user.id), eq(votes.productId, input.productId)));
  const [, product, mine] = await db.batch([
    write,
    db
      .select({ voteCount: products.voteCount })
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.status, 'approved'))),
    db
      .select({ productId: votes.productId })
      .from(votes)
      .where(and(eq(votes.userId, user.id), eq(votes.productId, input.productId))),
  ]);
  const [row] = product;
  if (!row) throw productNotFound();
  return { voted: mine.length > 0, voteCount: row.voteCount };
}

/** Whether the signed-in user has voted for a product: a query for the detail page's batch. */
export const hasVotedQuery = (
  ctx: Pick<ServiceContext, 'db'>,
  userId: number | Placeholder,
  productId: number | Placeholder,
) =>
  ctx.db
    .select({ productId: votes.productId })
    .from(votes)
    .where(and(eq(votes.userId, userId), eq(votes.productId, productId)));
