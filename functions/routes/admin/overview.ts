/** /v1/admin/overview: Moderation counts: how many records wait in each queue. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonResponse } from '../../schemas/api';
import { Overview } from '../../schemas/moderation';
import { getModerationOverview } from '../../services/moderation/get-moderation-overview';
import { moderationErrors } from './shared';

const routes = {
  overview: createRoute({
    method: 'get',
    path: '/v1/admin/overview',
    operationId: 'getModerationOverview',
    tags: ['moderation'],
    summary: 'How many records wait in each moderation queue',
    responses: { 200: jsonResponse(Overview, 'Counts'), ...moderationErrors },
  }),
};

export function registerAdminOverview(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.overview, async (c) => c.json(await getModerationOverview({ ctx: c.var.ctx }), 200));
}
