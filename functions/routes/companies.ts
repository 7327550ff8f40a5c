/**
 * /v1/companies: verified companies without personal data, a founder's registration of a company
 * and its application to join a community (both honour Idempotency-Key).
 */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../auth/guards';
import type { AppEnv } from '../context';
import { withIdempotency } from '../lib/idempotency';
import { jsonBody, jsonResponse, problemResponse, submissionErrors } from '../schemas/api';
import { IdempotencyHeader, IdParams } from '../schemas/common';
import { CompanyDetail, CompanyListQuery, CompanyPage } from '../schemas/companies';
import { Company, Membership } from '../schemas/moderation';
import { ApplyMembership, CreateCompany } from '../schemas/submissions';
import { getCompany } from '../services/companies/get-company';
import { listCompanies } from '../services/companies/list-companies';
import { registerCompany } from '../services/companies/register-company';
import { applyMembership } from '../services/memberships/apply-membership';
import { toCompany, toMembership } from './moderation-json';
import { toCompanyDetail } from './public-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/companies',
  operationId: 'listCompanies',
  tags: ['companies'],
  summary: 'Verified one-person companies',
  request: { query: CompanyListQuery },
  responses: {
    200: { description: 'A page of companies', content: { 'application/json': { schema: CompanyPage } } },
    422: problemResponse('Invalid cursor or limit'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/v1/companies/{id}',
  operationId: 'getCompany',
  tags: ['companies'],
  summary: 'A verified company with its approved products and communities',
  request: { params: IdParams },
  responses: {
    200: { description: 'The company', content: { 'application/json': { schema: CompanyDetail } } },
    404: problemResponse('No such verified company'),
    422: problemResponse('The id is not a positive integer'),
  },
});

const createCompanyRoute = createRoute({
  method: 'post',
  path: '/v1/companies',
  operationId: 'registerCompany',
  tags: ['submissions'],
  summary: 'Register a company (OPC) for verification by an organizer',
  description:
    'The credit code is upper-cased and checked per GB 32100-2015. A code already registered answers 409, except your own rejected company, which is updated and sent back to pending.',
  request: { headers: IdempotencyHeader, ...jsonBody(CreateCompany) },
  responses: {
    201: jsonResponse(Company, 'The company, pending verification'),
    ...submissionErrors,
    409: problemResponse('The credit code is already registered'),
  },
});

const applyMembershipRoute = createRoute({
  method: 'post',
  path: '/v1/companies/{id}/memberships',
  operationId: 'applyForCommunityMembership',
  tags: ['submissions'],
  summary: 'Apply for your company to join a community',
  description: 'One application per company and community; after a decline, applying again reopens it.',
  request: { params: IdParams, headers: IdempotencyHeader, ...jsonBody(ApplyMembership) },
  responses: {
    201: jsonResponse(Membership, 'The application, pending'),
    ...submissionErrors,
    404: problemResponse('No such company of yours'),
    409: problemResponse('Already applied or a member'),
  },
});

export function registerCompanies(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) =>
    c.json(await listCompanies({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  );

  app.openapi(detailRoute, async (c) => {
    const company = await getCompany({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(toCompanyDetail(company), 200);
  });

  app.openapi(createCompanyRoute, async (c) => {
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

  app.openapi(applyMembershipRoute, async (c) => {
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
}
