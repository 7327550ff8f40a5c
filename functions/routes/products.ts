/** GET /v1/products (search, filters, sorts, keyset pages) and GET /v1/products/{id}: approved products only. */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { shanghaiIso } from '../lib/shanghai-time';
import { problemResponse } from '../schemas/api';
import { IdParams } from '../schemas/common';
import { ProductDetail, ProductListQuery, ProductPage, type ProductSummary } from '../schemas/products';
import { getProduct } from '../services/products/get-product';
import { listProducts, type ProductCard } from '../services/products/list-products';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/products',
  tags: ['products'],
  summary: 'Search and list approved AI products and agents',
  description:
    'Full-text search (Chinese and English), filters by kind, category, tag and community, sorts by newest, votes or relevance (only with q), keyset pagination via nextCursor.',
  request: { query: ProductListQuery },
  responses: {
    200: { description: 'A page of products', content: { 'application/json': { schema: ProductPage } } },
    422: problemResponse('Invalid query (unknown sort, kind or category, bad cursor, limit out of range)'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/products/{id}',
  tags: ['products'],
  summary: 'An approved AI product or agent',
  request: { params: IdParams },
  responses: {
    200: { description: 'The product', content: { 'application/json': { schema: ProductDetail } } },
    404: problemResponse('No approved product has this id'),
    422: problemResponse('The id is not a positive integer'),
  },
});

const toSummary = (p: ProductCard): ProductSummary => ({
  id: p.id,
  name: p.name,
  tagline: p.tagline,
  kind: p.kind,
  category: p.category,
  tags: p.tags,
  voteCount: p.voteCount,
  approvedAt: shanghaiIso(p.approvedAt),
  company: p.company,
});

export function registerProducts(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const page = await listProducts({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const product = await getProduct({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(
      {
        ...toSummary(product),
        description: product.description,
        website: product.website,
        communities: product.communities.map((community) => ({
          slug: community.slug,
          name: community.name,
        })),
      },
      200,
    );
  });
}
