/**
 * /v1/products: the public list (search, filters, sorts, keyset pages) and detail of approved
 * products, founders' submissions and edits (creates honour Idempotency-Key), and the vote of a
 * signed-in user (PUT and DELETE, both idempotent).
 */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../auth/guards';
import type { AppEnv } from '../context';
import { withIdempotency } from '../lib/idempotency';
import { shanghaiIso } from '../lib/shanghai-time';
import { jsonBody, jsonResponse, problemResponse, submissionErrors } from '../schemas/api';
import { IdempotencyHeader, IdParams } from '../schemas/common';
import { OwnProductSchema, VoteState } from '../schemas/moderation';
import { productTextOf } from '../schemas/product-fields';
import {
  ProductDetail,
  ProductListQuery,
  ProductPage,
  type ProductSummary,
  SEARCH_CAP,
} from '../schemas/products';
import { CreateProduct, UpdateProduct } from '../schemas/submissions';
import { editProduct } from '../services/products/edit-product';
import { getProduct } from '../services/products/get-product';
import { listProducts, type ProductCard } from '../services/products/list-products';
import { submitProduct } from '../services/products/submit-product';
import { setVote } from '../services/votes/set-vote';
import { toOwnProduct } from './moderation-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/products',
  operationId: 'listProducts',
  tags: ['products'],
  summary: 'Search and list approved AI products and agents',
  description: `Full-text search (Chinese and English, including English names, categories and common tags), filters by kind, category, tag (any case) and community, sorts by newest, votes or relevance (only with q, the default then), keyset pagination via nextCursor and prevCursor, and the total of matches (a search counts up to ${SEARCH_CAP}; totalCapped says when more match, and relevance then ranks the ${SEARCH_CAP} most recently submitted matches).`,
  request: { query: ProductListQuery },
  responses: {
    200: { description: 'A page of products', content: { 'application/json': { schema: ProductPage } } },
    422: problemResponse('Invalid query (unknown sort, kind or category, bad cursor, limit out of range)'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/products/{id}',
  operationId: 'getProduct',
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
  nameEn: p.nameEn,
  taglineEn: p.taglineEn,
  kind: p.kind,
  category: p.category,
  tags: p.tags,
  voteCount: p.voteCount,
  approvedAt: shanghaiIso(p.approvedAt),
  company: p.company,
  logo: p.logo,
});

const createProductRoute = createRoute({
  method: 'post',
  path: '/v1/products',
  operationId: 'submitProduct',
  tags: ['submissions'],
  summary: 'Submit an AI product or agent of your company (verified email required)',
  request: { headers: IdempotencyHeader, ...jsonBody(CreateProduct) },
  responses: {
    201: jsonResponse(OwnProductSchema, 'The product, pending review'),
    ...submissionErrors,
    403: problemResponse('Email not verified, or the company is not yours'),
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/v1/products/{id}',
  operationId: 'editProduct',
  tags: ['submissions'],
  summary: 'Edit your product',
  description:
    'A pending or rejected product changes in place and goes (back) to pending. An approved product stays public as it is; the edit waits as a pending revision (latestRevision) until an organizer decides it.',
  request: { params: IdParams, ...jsonBody(UpdateProduct) },
  responses: {
    200: jsonResponse(OwnProductSchema, 'The product with its latest revision'),
    ...submissionErrors,
    403: problemResponse('Email not verified'),
    404: problemResponse('No such product of yours'),
  },
});

const voteResponses = {
  200: {
    description: 'Whether you have voted now, and the exact count read right after the write',
    content: { 'application/json': { schema: VoteState } },
  },
  401: problemResponse('Not signed in'),
  403: problemResponse('Email not verified'),
  404: problemResponse('No approved product has this id'),
};

const putVoteRoute = createRoute({
  method: 'put',
  path: '/v1/products/{id}/vote',
  operationId: 'voteForProduct',
  tags: ['products'],
  summary: 'Upvote an approved product (once per user; repeating changes nothing)',
  request: { params: IdParams },
  responses: voteResponses,
});

const deleteVoteRoute = createRoute({
  method: 'delete',
  path: '/v1/products/{id}/vote',
  operationId: 'withdrawVote',
  tags: ['products'],
  summary: 'Withdraw your upvote (repeating changes nothing)',
  request: { params: IdParams },
  responses: voteResponses,
});

export function registerProducts(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const page = await listProducts({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json(
      {
        items: page.items.map(toSummary),
        nextCursor: page.nextCursor,
        prevCursor: page.prevCursor,
        total: page.total,
        totalCapped: page.totalCapped,
      },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const product = await getProduct({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(
      {
        ...toSummary(product),
        ...productTextOf(product),
        communities: product.communities.map((community) => ({
          slug: community.slug,
          name: community.name,
        })),
        screenshots: product.screenshots,
      },
      200,
    );
  });

  app.openapi(createProductRoute, async (c) => {
    const ctx = c.var.ctx;
    const input = c.req.valid('json');
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:products:${requireUser(ctx).id}`,
        key: c.req.valid('header')['idempotency-key'],
        request: input,
      },
      async () => ({ status: 201, body: toOwnProduct(await submitProduct({ ctx, input })) }),
    );
    return c.json(answer.body, 201);
  });

  app.openapi(updateRoute, async (c) => {
    const { product } = await editProduct({
      ctx: c.var.ctx,
      input: { id: c.req.valid('param').id, patch: c.req.valid('json') },
    });
    return c.json(toOwnProduct(product), 200);
  });

  app.openapi(putVoteRoute, async (c) =>
    c.json(
      await setVote({ ctx: c.var.ctx, input: { productId: c.req.valid('param').id, voted: true } }),
      200,
    ),
  );
  app.openapi(deleteVoteRoute, async (c) =>
    c.json(
      await setVote({ ctx: c.var.ctx, input: { productId: c.req.valid('param').id, voted: false } }),
      200,
    ),
  );
}
