/**
 * The organizers' moderation queues (companies, products, product revisions, membership
 * applications), oldest first so nothing waits forever, in keyset pages over (created_at, id).
 * Each page is one round trip.
 */
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies, productRevisions, products, users } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Page, PageQuery } from '../../schemas/pagination';
import { membershipColumns, ownCompanyColumns, productColumns, revisionColumns } from '../me/own-records';
import { productTextColumns } from '../products/shared';

export const COMPANY_QUEUE_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const PRODUCT_QUEUE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const MEMBERSHIP_QUEUE_STATUSES = ['pending', 'approved', 'declined'] as const;

type Keyed = { id: number; createdAt: Date };

function after(createdAt: SQLiteColumn, id: SQLiteColumn, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const [at, lastId] = decodeCursor(cursor, ['number', 'number']);
  return sql`(${createdAt}, ${id}) > (${at}, ${lastId})`;
}

function pageOf<T extends Keyed>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
  };
}

const owner = { ownerName: users.name, ownerEmail: users.email };

export async function listCompanyQueue({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageQuery & { status: (typeof COMPANY_QUEUE_STATUSES)[number] };
}) {
  requireRole(ctx, 'organizer');
  const rows = await ctx.db
    .select({ ...ownCompanyColumns, ...owner })
    .from(companies)
    .leftJoin(users, eq(users.id, companies.ownerId))
    .where(and(eq(companies.status, input.status), after(companies.createdAt, companies.id, input.cursor)))
    .orderBy(asc(companies.createdAt), asc(companies.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit);
}
export type CompanyQueueItem = Awaited<ReturnType<typeof listCompanyQueue>>['items'][number];

type ProductQueueInput = PageQuery & { status: (typeof PRODUCT_QUEUE_STATUSES)[number] };

const productQueueQuery = (ctx: ServiceContext, input: ProductQueueInput) =>
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
const revisionQueueQuery = (ctx: ServiceContext, input: PageQuery) =>
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

export async function listProductQueue({ ctx, input }: { ctx: ServiceContext; input: ProductQueueInput }) {
  requireRole(ctx, 'organizer');
  return pageOf(await productQueueQuery(ctx, input), input.limit);
}
export type ProductQueueItem = Awaited<ReturnType<typeof listProductQueue>>['items'][number];

export async function listRevisionQueue({ ctx, input }: { ctx: ServiceContext; input: PageQuery }) {
  requireRole(ctx, 'organizer');
  return pageOf(await revisionQueueQuery(ctx, input), input.limit);
}
export type RevisionQueueItem = Awaited<ReturnType<typeof listRevisionQueue>>['items'][number];

/** The first page of pending products and of pending revisions, in one round trip (/admin/products). */
export async function getProductQueues({ ctx, input }: { ctx: ServiceContext; input: { limit: number } }) {
  requireRole(ctx, 'organizer');
  const [productRows, revisionRows] = await ctx.db.batch([
    productQueueQuery(ctx, { limit: input.limit, status: 'pending' }),
    revisionQueueQuery(ctx, { limit: input.limit }),
  ]);
  return { products: pageOf(productRows, input.limit), revisions: pageOf(revisionRows, input.limit) };
}

export async function listMembershipQueue({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageQuery & { status: (typeof MEMBERSHIP_QUEUE_STATUSES)[number] };
}) {
  requireRole(ctx, 'organizer');
  const rows = await ctx.db
    .select({ ...membershipColumns, companyName: companies.name, companyStatus: companies.status })
    .from(communityMemberships)
    .innerJoin(companies, eq(companies.id, communityMemberships.companyId))
    .where(
      and(
        eq(communityMemberships.status, input.status),
        after(communityMemberships.createdAt, communityMemberships.id, input.cursor),
      ),
    )
    .orderBy(asc(communityMemberships.createdAt), asc(communityMemberships.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit);
}
export type MembershipQueueItem = Awaited<ReturnType<typeof listMembershipQueue>>['items'][number];

/** /admin: how much waits in each queue (one round trip). */
export async function getModerationOverview({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, 'organizer');
  const { db } = ctx;
  const n = sql<number>`count(*)`;
  const [c, p, r, m] = await db.batch([
    db.select({ status: companies.status, n }).from(companies).groupBy(companies.status),
    db.select({ status: products.status, n }).from(products).groupBy(products.status),
    db.select({ n }).from(productRevisions).where(eq(productRevisions.status, 'pending')),
    db
      .select({ status: communityMemberships.status, n })
      .from(communityMemberships)
      .groupBy(communityMemberships.status),
  ]);
  const by = (rows: Array<{ status: string; n: number }>) =>
    Object.fromEntries(rows.map((row) => [row.status, Number(row.n)])) as Record<string, number | undefined>;
  const companiesBy = by(c);
  const productsBy = by(p);
  const membershipsBy = by(m);
  return {
    pendingCompanies: companiesBy.pending ?? 0,
    verifiedCompanies: companiesBy.verified ?? 0,
    pendingProducts: productsBy.pending ?? 0,
    approvedProducts: productsBy.approved ?? 0,
    pendingRevisions: Number(r[0]?.n ?? 0),
    pendingMemberships: membershipsBy.pending ?? 0,
    approvedMemberships: membershipsBy.approved ?? 0,
  };
}
export type ModerationOverview = Awaited<ReturnType<typeof getModerationOverview>>;
