/** Query and response schemas of AI products and agents (the API and the pages share the query). */
import { z } from '@hono/zod-openapi';
import { Instant, LocalizedText, optionalFilter } from './api';
import { MediaSchema } from './media';
import { PageQuery, pageOf } from './pagination';
import { ProductText } from './product-fields';
import { productCategories, productKinds } from './taxonomy';

export const PRODUCT_SORTS = ['newest', 'votes', 'relevance'] as const;

/**
 * How many matches a search counts and ranks by relevance (decision 024): when more match, the
 * total says "more than 500" and relevance orders the 500 most recently submitted matches (the
 * highest ids); newest and votes still page through every match.
 */
export const SEARCH_CAP = 500;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** A GET form sends empty fields for "any"; blank means absent. */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A tag filter: anything but control characters. */
const TAG_FILTER = /^[^\p{Cc}]+$/u;

export const ProductListQuery = PageQuery.extend({
  q: z
    .preprocess(blankToUndefined, z.string().trim().max(200).optional())
    .openapi({ description: 'Full-text search in Chinese or English', example: '智能体' }),
  kind: optionalFilter(productKinds.keys).openapi({ description: 'product or agent' }),
  category: optionalFilter(productCategories.keys).openapi({ description: 'Category key, e.g. legal' }),
  tag: z.preprocess(blankToUndefined, z.string().trim().max(50).regex(TAG_FILTER).optional()).openapi({
    description: 'A tag, in any case (tags are stored lower-cased)',
    example: 'agent',
    // The generator would leave the regex flag in the pattern (`…$/u`): the source alone is the rule.
    pattern: TAG_FILTER.source,
  }),
  community: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .max(100)
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
        .optional(),
    )
    .openapi({ description: "Community slug: products of the community's approved member companies" }),
  sort: optionalFilter(PRODUCT_SORTS).openapi({
    description: `newest (default without q), votes, or relevance (only with q; the default with q): name matches first, then tagline matches, then the rest, each by votes, then the earliest listed; when more than ${SEARCH_CAP} products match, among the ${SEARCH_CAP} most recently submitted matches`,
  }),
}).superRefine((query, ctx) => {
  if (query.sort === 'relevance' && query.q === undefined) {
    ctx.addIssue({ code: 'custom', path: ['sort'], message: 'field.invalid' });
  }
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

/** The sort a query asks for, or its default: relevance when searching, newest otherwise. */
export const productSortOf = (query: Pick<ProductListQuery, 'q' | 'sort'>): ProductSort =>
  query.sort ?? (query.q === undefined ? 'newest' : 'relevance');

export const ProductCompany = z
  .object({ id: z.int(), name: z.string(), nameEn: z.string().nullable() })
  .openapi('ProductCompany');

export const ProductSummary = z
  .object({
    id: z.int(),
    name: z.string(),
    tagline: z.string(),
    nameEn: z.string().nullable().openapi({ description: 'The English name, when given' }),
    taglineEn: z.string().nullable(),
    kind: z.enum(productKinds.keys),
    category: z.string().openapi({ description: 'Category key (functions/schemas/taxonomy.ts)' }),
    tags: z.array(z.string()),
    voteCount: z.int(),
    approvedAt: Instant,
    company: ProductCompany,
    logo: MediaSchema.nullable().openapi({ description: 'The logo (96 and 192 px variants), or null' }),
  })
  .openapi('ProductSummary');
export type ProductSummary = z.infer<typeof ProductSummary>;

export const ProductPage = pageOf(ProductSummary)
  .extend({
    total: z.int().openapi({
      description: `How many products match, over all pages. A search (q) counts up to ${SEARCH_CAP}: when more match, total is ${SEARCH_CAP} and totalCapped is true`,
    }),
    totalCapped: z.boolean().openapi({
      description: `true when more products match than total (a search matching more than ${SEARCH_CAP} products). Relevance then ranks only the ${SEARCH_CAP} most recently submitted matches; sort by newest or votes to page through all of them`,
    }),
    prevCursor: z.string().nullable().openapi({
      description:
        "The cursor of the previous page: '' when that is the first page (send no cursor), null on the first page",
    }),
  })
  .openapi('ProductPage');

/** The card plus every other field of the product (the card's own definitions win where both name one). */
export const ProductDetail = ProductSummary.extend({
  ...ProductText.shape,
  ...ProductSummary.shape,
  /** Communities the company is an approved member of. */
  communities: z.array(z.object({ slug: z.string(), name: LocalizedText })),
  screenshots: z
    .array(MediaSchema)
    .openapi({ description: 'In the owner’s order (640 and 1280 px variants)' }),
}).openapi('ProductDetail');
export type ProductDetail = z.infer<typeof ProductDetail>;
