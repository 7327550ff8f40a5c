import type { APIRoute } from 'astro';
import { calendarResponse } from '~/src/lib/feed-responses';

export const GET: APIRoute = ({ locals, url, params }) =>
  calendarResponse(locals, url, { kind: 'community', slug: params.slug ?? '' });
