/** GET /v1/companies and GET /v1/companies/{id}: verified companies only, without personal data. */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { problemResponse } from '../schemas/api';
import { IdParams } from '../schemas/common';
import { CompanyDetail, CompanyListQuery, CompanyPage } from '../schemas/companies';
import { getCompany } from '../services/companies/get-company';
import { listCompanies } from '../services/companies/list-companies';
import { toCompanyDetail } from './public-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/companies',
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
  tags: ['companies'],
  summary: 'A verified company with its approved products and communities',
  request: { params: IdParams },
  responses: {
    200: { description: 'The company', content: { 'application/json': { schema: CompanyDetail } } },
    404: problemResponse('No such verified company'),
    422: problemResponse('The id is not a positive integer'),
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
}
