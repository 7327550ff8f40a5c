/** Mounts the Hono API (functions/app.ts) under /api. */
import type { APIRoute } from 'astro';
import { getRuntime } from '~/src/lib/runtime';

export const prerender = false;

export const ALL: APIRoute = async ({ request, locals }) => {
  const { app } = await getRuntime();
  return app.fetch(request, {}, locals.cfContext);
};
