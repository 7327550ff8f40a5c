/** /v1/admin/products: Organizers' product queue and the decision on a product. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonResponse } from '../../schemas/api';
import { ProductQueuePage, queueQuery } from '../../schemas/moderation';
import { ProductDecision } from '../../schemas/submissions';
import { decideProduct } from '../../services/moderation/decide-product';
import { listProductQueue } from '../../services/moderation/list-product-queue';
import { PRODUCT_QUEUE_STATUSES } from '../../services/moderation/shared';
import { toProductQueueEntry } from '../moderation-json';
import { decisionRoute, moderationErrors } from './shared';

const routes = {
  products: createRoute({
    method: 'get',
    path: '/v1/admin/products',
    operationId: 'listProductQueue',
    tags: ['moderation'],
    summary: 'Products by status (pending by default)',
    request: { query: queueQuery(PRODUCT_QUEUE_STATUSES) },
    responses: { 200: jsonResponse(ProductQueuePage, 'Oldest first, keyset pages'), ...moderationErrors },
  }),
  decideProduct: decisionRoute(
    'decideProduct',
    '/v1/admin/products/{id}/decision',
    'Approve (company must be verified) or reject a product',
    ProductDecision,
  ),
};

export function registerAdminProducts(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.products, async (c) => {
    const page = await listProductQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toProductQueueEntry), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.decideProduct, async (c) =>
    c.json(
      await decideProduct({ ctx: c.var.ctx, input: { ...c.req.valid('json'), id: c.req.valid('param').id } }),
      200,
    ),
  );
}
