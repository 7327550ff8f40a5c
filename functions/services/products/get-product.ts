/**
 * One approved product with its company and the company's communities, in one batch (one round
 * trip). Pending, rejected and unknown products are all "not found".
 */
import { and, asc, eq, exists, inArray, type Placeholder, sql } from 'drizzle-orm';
import type { Community } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { type Placeholders, queryShape } from '../../db/query-shape';
import { communityMemberships, companies, media, products } from '../../db/schema';
import { productNotFound } from '../../lib/errors';
import { type ProductText, productTextOf } from '../../schemas/product-fields';
import {
  currentLogoOf,
  type MediaRecord,
  mediaColumns,
  parseMediaJson,
  toMediaRecord,
} from '../media/media-record';
import { hasVotedQuery } from '../votes/set-vote';
import type { ProductCard } from './list-products';
import { productTextColumns } from './shared';

/** The card plus every editable field of the product. */
export interface ProductView extends ProductCard, ProductText {
  /** Communities (from the catalog) the company is an approved member of. */
  communities: Community[];
  /** Whether the signed-in user has upvoted it (false when anonymous). */
  votedByMe: boolean;
  /** Public screenshots, in the owner's order. */
  screenshots: MediaRecord[];
}

// The product page's selects, built once per isolate (functions/db/query-shape.ts).
const approvedProduct = (id: Placeholder) => and(eq(products.id, id), eq(products.status, 'approved'));
const productShape = queryShape(
  (db, p: Placeholders<'id'>) =>
    db
      .select({
        id: products.id,
        ...productTextColumns,
        voteCount: products.voteCount,
        approvedAt: products.approvedAt,
        companyId: companies.id,
        companyName: companies.name,
        companyNameEn: companies.nameEn,
        logo: currentLogoOf(products.id),
      })
      .from(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .where(approvedProduct(p.id)),
  ['id'],
);
const membershipsShape = queryShape(
  (db, p: Placeholders<'id'>) =>
    db
      .select({ slug: communityMemberships.communitySlug })
      .from(communityMemberships)
      .where(
        and(
          inArray(
            communityMemberships.companyId,
            db.select({ id: products.companyId }).from(products).where(approvedProduct(p.id)),
          ),
          eq(communityMemberships.status, 'approved'),
        ),
      ),
  ['id'],
);
const myVoteShape = queryShape(
  (db, p: Placeholders<'id' | 'userId'>) => hasVotedQuery({ db }, p.userId, p.id),
  ['id', 'userId'],
);
const screenshotsShape = queryShape(
  (db, p: Placeholders<'id'>) =>
    db
      .select(mediaColumns)
      .from(media)
      .where(
        and(
          eq(media.productId, p.id),
          eq(media.kind, 'screenshot'),
          eq(media.state, 'current'),
          exists(db.select({ one: sql`1` }).from(products).where(approvedProduct(p.id))),
        ),
      )
      .orderBy(asc(media.position), asc(media.id)),
  ['id'],
);

export async function getProduct({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'user'>;
  input: { id: number };
}): Promise<ProductView> {
  const { db, catalog } = ctx;
  // The signed-in user's vote joins the same batch, so the page stays at one round trip.
  const values = { id: input.id, userId: ctx.user?.id ?? -1 };
  const [rows, memberships, myVote, screenshots] = await db.batch([
    productShape(db, values),
    membershipsShape(db, values),
    myVoteShape(db, values),
    screenshotsShape(db, values),
  ]);
  const row = rows[0];
  if (!row) throw productNotFound();
  return {
    id: row.id,
    ...productTextOf(row),
    voteCount: row.voteCount,
    approvedAt: row.approvedAt ?? new Date(0),
    company: { id: row.companyId, name: row.companyName, nameEn: row.companyNameEn },
    logo: parseMediaJson(row.logo),
    screenshots: screenshots.map(toMediaRecord),
    communities: memberships
      .map((m) => catalog.community(m.slug))
      .filter((c): c is Community => c !== undefined)
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    votedByMe: ctx.user !== null && myVote.length > 0,
  };
}
