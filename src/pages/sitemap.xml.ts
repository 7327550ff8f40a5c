import type { APIRoute } from 'astro';
import { sitemapResponse } from '~/src/lib/feed-responses';

export const GET: APIRoute = ({ locals }) => sitemapResponse(locals);
