/**
 * The search_text of a product's public text, the one place that says which fields are searchable:
 * every write of them (submit, edit, approved revision, seed and its backfill, benchmark, factories)
 * builds it here. Searchable: name, tagline, description and tags, their English versions (name_en,
 * tagline_en, description_en), the category's Chinese and English labels, and the English names of
 * the tags (tag-names.ts), so `/en/products?q=contract` finds a product tagged 合同.
 */
import { buildSearchText } from '../../lib/search-text';
import type { ProductText } from '../../schemas/product-fields';
import { productCategories } from '../../schemas/taxonomy';
import { tagEnglishName } from './tag-names';

/** The searchable fields; category and the English ones are optional for old callers (factories). */
export type SearchableProduct = Pick<ProductText, 'name' | 'tagline' | 'description' | 'tags'> & {
  category?: string | undefined;
  nameEn?: string | null | undefined;
  taglineEn?: string | null | undefined;
  descriptionEn?: string | null | undefined;
};

const categoryLabels = (category: string | undefined): string[] => {
  if (category === undefined || !Object.hasOwn(productCategories.labels, category)) return [];
  const label = productCategories.labels[category as keyof typeof productCategories.labels];
  return [label.zh, label.en];
};

export const productSearchText = (p: SearchableProduct) =>
  buildSearchText([
    p.name,
    p.tagline,
    p.description,
    p.tags.join(' '),
    p.nameEn,
    p.taglineEn,
    p.descriptionEn,
    ...categoryLabels(p.category),
    p.tags.map((tag) => tagEnglishName(tag) ?? '').join(' '),
  ]);
