/**
 * Webhook endpoints (decision 021), organizers and admins: GET and POST /v1/admin/webhooks,
 * DELETE /v1/admin/webhooks/{id}, GET /v1/admin/webhooks/{id}/deliveries.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonBody, jsonResponse, problemResponse } from '../../schemas/api';
import { IdParams } from '../../schemas/common';
import { CreatedWebhook, CreateWebhook, WebhookDelivery, WebhookEndpoint } from '../../schemas/webhooks';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
} from '../../services/webhooks/manage-endpoints';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/admin/webhooks',
  operationId: 'listWebhooks',
  tags: ['webhooks'],
  summary: 'Webhook endpoints with their last delivery',
  responses: {
    200: jsonResponse(z.object({ items: z.array(WebhookEndpoint) }), 'Endpoints, newest first'),
    401: problemResponse('Not signed in'),
    403: problemResponse('Not an organizer'),
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/v1/admin/webhooks',
  operationId: 'createWebhook',
  tags: ['webhooks'],
  summary: 'Register a webhook endpoint (its signing secret is shown once)',
  description:
    'Events: `product.approved`, `event.published`, `event.changed` (an edit or a cancellation of a published event), ' +
    '`results.published`. Deliveries are POSTed as JSON `{type, timestamp, data}` and signed the Standard Webhooks way: ' +
    '`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. ' +
    'A non-2xx answer is retried with backoff (1, 2, 4 … minutes, 8 attempts). https only; never a private or loopback address.',
  request: jsonBody(CreateWebhook),
  responses: {
    201: jsonResponse(CreatedWebhook, 'The endpoint, with its secret this once'),
    401: problemResponse('Not signed in'),
    403: problemResponse('Not an organizer'),
    422: problemResponse('Not a public https address, or no known event'),
  },
});

const deleteRouteDef = createRoute({
  method: 'delete',
  path: '/v1/admin/webhooks/{id}',
  operationId: 'deleteWebhook',
  tags: ['webhooks'],
  summary: 'Delete an endpoint (and its delivery log)',
  request: { params: IdParams },
  responses: {
    204: { description: 'Deleted' },
    401: problemResponse('Not signed in'),
    403: problemResponse('Not an organizer'),
    404: problemResponse('No such endpoint'),
  },
});

const deliveriesRoute = createRoute({
  method: 'get',
  path: '/v1/admin/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags: ['webhooks'],
  summary: "An endpoint's latest 50 deliveries with their status",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(WebhookDelivery) }), 'Deliveries, newest first'),
    401: problemResponse('Not signed in'),
    403: problemResponse('Not an organizer'),
    404: problemResponse('No such endpoint'),
  },
});

export function registerAdminWebhooks(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json({ items: await listWebhooks({ ctx: c.var.ctx }) }, 200));
  app.openapi(createRouteDef, async (c) =>
    c.json(await createWebhook({ ctx: c.var.ctx, input: c.req.valid('json') }), 201, {
      'cache-control': 'no-store',
    }),
  );
  app.openapi(deleteRouteDef, async (c) => {
    await deleteWebhook({ ctx: c.var.ctx, id: c.req.valid('param').id });
    return c.body(null, 204);
  });
  app.openapi(deliveriesRoute, async (c) =>
    c.json({ items: await listDeliveries({ ctx: c.var.ctx, id: c.req.valid('param').id }) }, 200),
  );
}
