/** /v1/admin/companies: Organizers' company queue and the decision on a company. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonResponse } from '../../schemas/api';
import { CompanyQueuePage, queueQuery } from '../../schemas/moderation';
import { CompanyDecision } from '../../schemas/submissions';
import { decideCompany } from '../../services/moderation/decide-company';
import { listCompanyQueue } from '../../services/moderation/list-company-queue';
import { COMPANY_QUEUE_STATUSES } from '../../services/moderation/shared';
import { toCompanyQueueEntry } from '../moderation-json';
import { decisionRoute, moderationErrors } from './shared';

const routes = {
  companies: createRoute({
    method: 'get',
    path: '/v1/admin/companies',
    operationId: 'listCompanyQueue',
    tags: ['moderation'],
    summary: 'Companies by status (pending by default)',
    request: { query: queueQuery(COMPANY_QUEUE_STATUSES) },
    responses: { 200: jsonResponse(CompanyQueuePage, 'Oldest first, keyset pages'), ...moderationErrors },
  }),
  decideCompany: decisionRoute(
    'decideCompany',
    '/v1/admin/companies/{id}/decision',
    'Verify or reject a company',
    CompanyDecision,
  ),
};

export function registerAdminCompanies(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.companies, async (c) => {
    const page = await listCompanyQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toCompanyQueueEntry), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.decideCompany, async (c) =>
    c.json(
      await decideCompany({ ctx: c.var.ctx, input: { ...c.req.valid('json'), id: c.req.valid('param').id } }),
      200,
    ),
  );
}
