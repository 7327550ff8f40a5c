/** /v1/admin/audit: The audit log (admins only). */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonResponse } from '../../schemas/api';
import { AuditPage } from '../../schemas/moderation';
import { PageQuery } from '../../schemas/pagination';
import { listAudit } from '../../services/admin/list-audit';
import { toAuditEntry } from '../moderation-json';
import { moderationErrors } from './shared';

const routes = {
  audit: createRoute({
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'listAuditLog',
    tags: ['admin'],
    summary: 'The audit log, newest first (admins only)',
    request: { query: PageQuery },
    responses: { 200: jsonResponse(AuditPage, 'A page of audit entries'), ...moderationErrors },
  }),
};

export function registerAdminAudit(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.audit, async (c) => {
    const page = await listAudit({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toAuditEntry), nextCursor: page.nextCursor }, 200);
  });
}
