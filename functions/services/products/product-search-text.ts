/**
 * The search_text of a product's public text, the one place that says which fields are searchable:
 * every write of them (submit, edit, approved revision, seed, benchmark, factories) builds it here.
 */
import { buildSearchText } from '../../lib/search-text';
import type { ProductText } from '../../schemas/product-fields';

export const productSearchText = (p: Pick<ProductText, 'name' | 'tagline' | 'description' | 'tags'>) =>
  buildSearchText([p.name, p.tagline, p.description, p.tags.join(' ')]);
