import type { APIRoute } from 'astro';
import { calendarResponse } from '~/src/lib/feed-responses';

export const GET: APIRoute = ({ locals }) => calendarResponse(locals, { kind: 'all' });
