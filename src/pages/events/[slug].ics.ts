import type { APIRoute } from 'astro';
import { calendarResponse } from '~/src/lib/feed-responses';

export const GET: APIRoute = ({ locals, params }) =>
  calendarResponse(locals, { kind: 'event', slug: params.slug ?? '' });
