/**
 * Not a verb: the signed-in founder's own companies, membership applications, products and product revisions:
 * query builders shared by the dashboard (one batch) and the API lists, and their row types.
 */
import { and, desc, eq, lt, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communityMemberships, companies, productRevisions, products } from '../../db/schema';
import { productTextColumns, revisionTextColumns } from '../products/shared';

export const ownCompanyColumns = {
  id: companies.id,
  name: companies.name,
  creditCode: companies.creditCode,
  founderName: companies.founderName,
  district: companies.district,
  businessScope: companies.businessScope,
  website: companies.website,
  status: companies.status,
  rejectionReason: companies.rejectionReason,
  reviewedAt: companies.reviewedAt,
  createdAt: companies.createdAt,
};

export const membershipColumns = {
  id: communityMemberships.id,
  companyId: communityMemberships.companyId,
  communitySlug: communityMemberships.communitySlug,
  status: communityMemberships.status,
  message: communityMemberships.message,
  decisionReason: communityMemberships.decisionReason,
  decidedAt: communityMemberships.decidedAt,
  createdAt: communityMemberships.createdAt,
};

export const productColumns = {
  id: products.id,
  companyId: products.companyId,
  ...productTextColumns,
  status: products.status,
  rejectionReason: products.rejectionReason,
  voteCount: products.voteCount,
  approvedAt: products.approvedAt,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};

export const revisionColumns = {
  id: productRevisions.id,
  productId: productRevisions.productId,
  ...revisionTextColumns,
  status: productRevisions.status,
  rejectionReason: productRevisions.rejectionReason,
  decidedAt: productRevisions.decidedAt,
  createdAt: productRevisions.createdAt,
};

export interface OwnCompany extends OwnCompanyRow {
  memberships: MembershipRow[];
}

export interface OwnProduct extends ProductRow {
  /** The most recent edit of an approved product: pending, or decided with its reason. */
  latestRevision: RevisionRow | null;
}

/** Newest first; `beforeId` is the keyset cursor. */
export const ownCompaniesQuery = (
  db: Db,
  userId: number | Placeholder,
  page: { beforeId?: number; limit: number },
) =>
  db
    .select(ownCompanyColumns)
    .from(companies)
    .where(
      and(
        eq(companies.ownerId, userId),
        page.beforeId === undefined ? undefined : lt(companies.id, page.beforeId),
      ),
    )
    .orderBy(desc(companies.id))
    .limit(page.limit);

export const ownMembershipsQuery = (db: Db, userId: number | Placeholder) =>
  db
    .select(membershipColumns)
    .from(communityMemberships)
    .innerJoin(companies, eq(companies.id, communityMemberships.companyId))
    .where(eq(companies.ownerId, userId))
    .orderBy(desc(communityMemberships.id));

export const ownProductsQuery = (
  db: Db,
  userId: number | Placeholder,
  page: { beforeId?: number; limit: number },
) =>
  db
    .select({ ...productColumns, companyName: companies.name })
    .from(products)
    .innerJoin(companies, eq(companies.id, products.companyId))
    .where(
      and(
        eq(products.ownerId, userId),
        page.beforeId === undefined ? undefined : lt(products.id, page.beforeId),
      ),
    )
    .orderBy(desc(products.id))
    .limit(page.limit);

/** The latest revision of each of the user's products (or of one product). */
export const latestRevisionsQuery = (db: Db, userId: number | Placeholder, productId?: number) =>
  db
    .select(revisionColumns)
    .from(productRevisions)
    .innerJoin(products, eq(products.id, productRevisions.productId))
    .where(
      and(
        eq(products.ownerId, userId),
        productId === undefined ? undefined : eq(products.id, productId),
        eq(
          productRevisions.id,
          sql`(SELECT max(r2.id) FROM product_revisions r2 WHERE r2.product_id = ${productRevisions.productId})`,
        ),
      ),
    );

export type OwnCompanyRow = Awaited<ReturnType<typeof ownCompaniesQuery>>[number];
export type MembershipRow = Awaited<ReturnType<typeof ownMembershipsQuery>>[number];
export type ProductRow = Awaited<ReturnType<typeof ownProductsQuery>>[number];
export type RevisionRow = Awaited<ReturnType<typeof latestRevisionsQuery>>[number];

export function withMemberships(rows: OwnCompanyRow[], memberships: MembershipRow[]): OwnCompany[] {
  return rows.map((row) => ({ ...row, memberships: memberships.filter((m) => m.companyId === row.id) }));
}

export function withRevisions(rows: ProductRow[], revisions: RevisionRow[]): OwnProduct[] {
  const latest = new Map(revisions.map((r) => [r.productId, r]));
  return rows.map((row) => ({ ...row, latestRevision: latest.get(row.id) ?? null }));
}
