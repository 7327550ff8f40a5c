import type { APIRoute } from 'astro';
import { calendarResponse } from '~/src/lib/feed-responses';

export const GET: APIRoute = ({ locals, url }) => calendarResponse(locals, url, { kind: 'all' });
