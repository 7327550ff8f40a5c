/**
 * Shared by the moderation verbs of this folder (not a verb): the queues' statuses, keyset pages over
 * (created_at, id) oldest first so nothing waits forever, and the product and revision queue queries.
 */
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ServiceContext } from '../../context';
import { companies, productRevisions, products, users } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Page, PageQuery } from '../../schemas/pagination';
import { productColumns, revisionColumns } from '../me/own-records';
import { productTextColumns } from '../products/shared';

export const COMPANY_QUEUE_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const PRODUCT_QUEUE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const MEMBERSHIP_QUEUE_STATUSES = ['pending', 'approved', 'declined'] as const;

export type Keyed = { id: number; createdAt: Date };

export function after(
  createdAt: SQLiteColumn,
  id: SQLiteColumn,
  cursor: string | undefined,
): SQL | undefined {
  if (cursor === undefined) return undefined;
  const [at, lastId] = decodeCursor(cursor, ['number', 'number']);
  return sql`(${createdAt}, ${id}) > (${at}, ${lastId})`;
}

export function pageOf<T extends Keyed>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
  };
}

export const owner = { ownerName: users.name, ownerEmail: users.email };

export type ProductQueueInput = PageQuery & { status: (typeof PRODUCT_QUEUE_STATUSES)[number] };

export const productQueueQuery = (ctx: ServiceContext, input: ProductQueueInput) =>
  ctx.db
    .select({
      ...productColumns,
      ...owner,
      companyName: companies.name,
      companyStatus: companies.status,
    })
    .from(products)
    .innerJoin(companies, eq(companies.id, products.companyId))
    .leftJoin(users, eq(users.id, products.ownerId))
    .where(and(eq(products.status, input.status), after(products.createdAt, products.id, input.cursor)))
    .orderBy(asc(products.createdAt), asc(products.id))
    .limit(input.limit + 1);

/** Pending revisions with the public version they would replace, for a side-by-side diff. */
export const revisionQueueQuery = (ctx: ServiceContext, input: PageQuery) =>
  ctx.db
    .select({
      ...revisionColumns,
      companyName: companies.name,
      current: productTextColumns,
    })
    .from(productRevisions)
    .innerJoin(products, eq(products.id, productRevisions.productId))
    .innerJoin(companies, eq(companies.id, products.companyId))
    .where(
      and(
        eq(productRevisions.status, 'pending'),
        after(productRevisions.createdAt, productRevisions.id, input.cursor),
      ),
    )
    .orderBy(asc(productRevisions.createdAt), asc(productRevisions.id))
    .limit(input.limit + 1);
