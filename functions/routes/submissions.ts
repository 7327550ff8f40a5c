/**
 * Founders' submissions: register a company, apply for a community, submit and edit products, and
 * list their own records. Creates honour Idempotency-Key; the services enforce ownership and rules.
 */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../auth/guards';
import type { AppEnv } from '../context';
import { withIdempotency } from '../lib/idempotency';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/api';
import { IdempotencyHeader, IdParams } from '../schemas/common';
import { Company, Membership, OwnCompanyPage, OwnProductPage, OwnProductSchema } from '../schemas/moderation';
import { PageQuery } from '../schemas/pagination';
import { ApplyMembership, CreateCompany, CreateProduct, UpdateProduct } from '../schemas/submissions';
import { registerCompany } from '../services/companies/register-company';
import { listMyCompanies } from '../services/me/list-my-companies';
import { listMyProducts } from '../services/me/list-my-products';
import { applyMembership } from '../services/memberships/apply-membership';
import { editProduct } from '../services/products/edit-product';
import { submitProduct } from '../services/products/submit-product';
import { toCompany, toCompanyWithMemberships, toMembership, toOwnProduct } from './moderation-json';

const writeErrors = {
  401: problemResponse('Not signed in'),
  422: problemResponse('Invalid input, or an Idempotency-Key reused for a different request'),
  429: problemResponse('Too many submissions; see Retry-After'),
};

const routes = {
  createCompany: createRoute({
    method: 'post',
    path: '/v1/companies',
    tags: ['submissions'],
    summary: 'Register a company (OPC) for verification by an organizer',
    description:
      'The credit code is upper-cased and checked per GB 32100-2015. A code already registered answers 409, except your own rejected company, which is updated and sent back to pending.',
    request: { headers: IdempotencyHeader, ...jsonBody(CreateCompany) },
    responses: {
      201: jsonResponse(Company, 'The company, pending verification'),
      ...writeErrors,
      409: problemResponse('The credit code is already registered'),
    },
  }),
  applyMembership: createRoute({
    method: 'post',
    path: '/v1/companies/{id}/memberships',
    tags: ['submissions'],
    summary: 'Apply for your company to join a community',
    description: 'One application per company and community; after a decline, applying again reopens it.',
    request: { params: IdParams, headers: IdempotencyHeader, ...jsonBody(ApplyMembership) },
    responses: {
      201: jsonResponse(Membership, 'The application, pending'),
      ...writeErrors,
      404: problemResponse('No such company of yours'),
      409: problemResponse('Already applied or a member'),
    },
  }),
  createProduct: createRoute({
    method: 'post',
    path: '/v1/products',
    tags: ['submissions'],
    summary: 'Submit an AI product or agent of your company (verified email required)',
    request: { headers: IdempotencyHeader, ...jsonBody(CreateProduct) },
    responses: {
      201: jsonResponse(OwnProductSchema, 'The product, pending review'),
      ...writeErrors,
      403: problemResponse('Email not verified, or the company is not yours'),
    },
  }),
  updateProduct: createRoute({
    method: 'patch',
    path: '/v1/products/{id}',
    tags: ['submissions'],
    summary: 'Edit your product',
    description:
      'A pending or rejected product changes in place and goes (back) to pending. An approved product stays public as it is; the edit waits as a pending revision (latestRevision) until an organizer decides it.',
    request: { params: IdParams, ...jsonBody(UpdateProduct) },
    responses: {
      200: jsonResponse(OwnProductSchema, 'The product with its latest revision'),
      ...writeErrors,
      403: problemResponse('Email not verified'),
      404: problemResponse('No such product of yours'),
    },
  }),
  myCompanies: createRoute({
    method: 'get',
    path: '/v1/me/companies',
    tags: ['submissions'],
    summary: 'Your companies with their status, rejection reason and membership applications',
    request: { query: PageQuery },
    responses: {
      200: jsonResponse(OwnCompanyPage, 'A page of your companies'),
      401: problemResponse('Not signed in'),
    },
  }),
  myProducts: createRoute({
    method: 'get',
    path: '/v1/me/products',
    tags: ['submissions'],
    summary: 'Your products with their status, rejection reason and latest revision',
    request: { query: PageQuery },
    responses: {
      200: jsonResponse(OwnProductPage, 'A page of your products'),
      401: problemResponse('Not signed in'),
    },
  }),
};

export function registerSubmissions(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.createCompany, async (c) => {
    const ctx = c.var.ctx;
    const input = c.req.valid('json');
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:companies:${requireUser(ctx).id}`,
        key: c.req.valid('header')['idempotency-key'],
        request: input,
      },
      async () => ({ status: 201, body: toCompany(await registerCompany({ ctx, input })) }),
    );
    return c.json(answer.body, 201);
  });

  app.openapi(routes.applyMembership, async (c) => {
    const ctx = c.var.ctx;
    const input = { ...c.req.valid('json'), companyId: c.req.valid('param').id };
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:memberships:${requireUser(ctx).id}`,
        key: c.req.valid('header')['idempotency-key'],
        request: input,
      },
      async () => ({ status: 201, body: toMembership(await applyMembership({ ctx, input })) }),
    );
    return c.json(answer.body, 201);
  });

  app.openapi(routes.createProduct, async (c) => {
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

  app.openapi(routes.updateProduct, async (c) => {
    const { product } = await editProduct({
      ctx: c.var.ctx,
      input: { id: c.req.valid('param').id, patch: c.req.valid('json') },
    });
    return c.json(toOwnProduct(product), 200);
  });

  app.openapi(routes.myCompanies, async (c) => {
    const page = await listMyCompanies({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toCompanyWithMemberships), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.myProducts, async (c) => {
    const page = await listMyProducts({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toOwnProduct), nextCursor: page.nextCursor }, 200);
  });
}
