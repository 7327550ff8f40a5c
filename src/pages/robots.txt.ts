import type { APIRoute } from 'astro';
import { robotsResponse } from '~/src/lib/feed-responses';

export const GET: APIRoute = ({ locals }) => robotsResponse(locals.ctx.origin);
