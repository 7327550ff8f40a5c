/**
 * Not a verb: the columns of a product's editable fields in products and in product_revisions (both
 * picked by the keys of ProductFields), and the draft an owner's edit starts from.
 */
import { pickColumns } from '../../db/pick-columns';
import { productRevisions, products } from '../../db/schema';
import { type ProductText, productFieldKeys, productTextOf } from '../../schemas/product-fields';
import type { OwnProduct } from '../me/own-records';

export const productTextColumns = pickColumns(products, productFieldKeys);
export const revisionTextColumns = pickColumns(productRevisions, productFieldKeys);

/** The fields an edit starts from: the pending revision of an approved product, else the product. */
export function draftOf(product: OwnProduct): ProductText {
  const revision = product.latestRevision;
  const source = product.status === 'approved' && revision?.status === 'pending' ? revision : product;
  return productTextOf(source);
}
