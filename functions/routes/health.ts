import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../context';
import { DATABASE_RETRY_AFTER_SECONDS } from '../db/availability';

const Health = z
  .object({ status: z.enum(['ok', 'error']), db: z.enum(['ok', 'error']) })
  .openapi('Health', { example: { status: 'ok', db: 'ok' } });

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  operationId: 'getHealth',
  tags: ['meta'],
  summary: 'Liveness and database reachability',
  responses: {
    200: {
      description: 'The portal and its database answer',
      content: { 'application/json': { schema: Health } },
    },
    503: { description: 'The database does not answer', content: { 'application/json': { schema: Health } } },
  },
});

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    try {
      await c.var.db.run(sql`select 1`);
      return c.json({ status: 'ok' as const, db: 'ok' as const }, 200, { 'cache-control': 'no-store' });
    } catch (err) {
      console.error(`[${c.var.requestId}] health: database unreachable`, err);
      return c.json({ status: 'error' as const, db: 'error' as const }, 503, {
        'cache-control': 'no-store',
        'retry-after': String(DATABASE_RETRY_AFTER_SECONDS),
      });
    }
  });
}
