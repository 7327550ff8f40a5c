/** Every route module of the API, registered in one place. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { registerDocs } from './docs';
import { registerHealth } from './health';

export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  registerHealth(app);
  registerDocs(app);
}
