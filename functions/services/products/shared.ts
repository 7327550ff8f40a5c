/**
 * Not a verb: the columns of a product's editable fields in products and in product_revisions (both
 * picked by the keys of ProductFields), the draft an owner's edit starts from, and the card a listing
 * row becomes (the list, the home page and the API).
 */

import { pickColumns } from '../../db/pick-columns';
import { productRevisions, products } from '../../db/schema';
import { type ProductText, productFieldKeys, productTextOf } from '../../schemas/product-fields';
import type { OwnProduct } from '../me/own-records';
import { type MediaRecord, parseMediaJson } from '../media/media-record';
import type { planProductList } from './listing-query';

export const productTextColumns = pickColumns(products, productFieldKeys);
export const revisionTextColumns = pickColumns(productRevisions, productFieldKeys);

/** The fields an edit starts from: the pending revision of an approved product, else the product. */
export function draftOf(product: OwnProduct): ProductText {
  const revision = product.latestRevision;
  const source = product.status === 'approved' && revision?.status === 'pending' ? revision : product;
  return productTextOf(source);
}

export interface ProductCard {
  id: number;
  name: string;
  tagline: string;
  /** English name and tagline, when given (English pages fall back to the Chinese). */
  nameEn: string | null;
  taglineEn: string | null;
  kind: 'product' | 'agent';
  category: string;
  tags: string[];
  voteCount: number;
  approvedAt: Date;
  company: { id: number; name: string; nameEn: string | null };
  /** The public logo, or null (pages then show a monogram). */
  logo: MediaRecord | null;
}

type ListingRow = Awaited<NonNullable<ReturnType<typeof planProductList>['query']>>[number];

/** A listing row as the card pages and the API show. */
export function toProductCard(row: ListingRow): ProductCard {
  return {
    id: row.id,
    name: row.name,
    tagline: row.tagline,
    nameEn: row.nameEn,
    taglineEn: row.taglineEn,
    kind: row.kind,
    category: row.category,
    tags: row.tags,
    voteCount: row.voteCount,
    // Approved rows always have it (CHECK products_approved_at).
    approvedAt: row.approvedAt ?? new Date(0),
    company: { id: row.companyId, name: row.companyName, nameEn: row.companyNameEn },
    logo: parseMediaJson(row.logo),
  };
}
