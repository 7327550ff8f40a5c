import type { APIRoute } from 'astro';
import { rssResponse } from '~/src/lib/feed-responses';

export const GET: APIRoute = ({ locals }) => rssResponse(locals);
