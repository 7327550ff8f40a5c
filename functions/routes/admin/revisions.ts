/** /v1/admin/revisions: Pending edits of approved products and the decision on an edit. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonResponse } from '../../schemas/api';
import { RevisionQueuePage } from '../../schemas/moderation';
import { PageQuery } from '../../schemas/pagination';
import { ProductDecision } from '../../schemas/submissions';
import { decideRevision } from '../../services/moderation/decide-revision';
import { listRevisionQueue } from '../../services/moderation/list-revision-queue';
import { toRevisionQueueEntry } from '../moderation-json';
import { decisionRoute, moderationErrors } from './shared';

const routes = {
  revisions: createRoute({
    method: 'get',
    path: '/v1/admin/revisions',
    operationId: 'listRevisionQueue',
    tags: ['moderation'],
    summary: 'Pending edits of approved products, with the public version they would replace',
    request: { query: PageQuery },
    responses: { 200: jsonResponse(RevisionQueuePage, 'Oldest first, keyset pages'), ...moderationErrors },
  }),
  decideRevision: decisionRoute(
    'decideRevision',
    '/v1/admin/revisions/{id}/decision',
    'Approve (it becomes the public version) or reject an edit of an approved product',
    ProductDecision,
  ),
};

export function registerAdminRevisions(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.revisions, async (c) => {
    const page = await listRevisionQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toRevisionQueueEntry), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.decideRevision, async (c) =>
    c.json(
      await decideRevision({
        ctx: c.var.ctx,
        input: { ...c.req.valid('json'), id: c.req.valid('param').id },
      }),
      200,
    ),
  );
}
