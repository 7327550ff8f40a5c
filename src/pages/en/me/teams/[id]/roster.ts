import type { APIRoute } from 'astro';
import { handleRosterAction } from '~/src/lib/team-actions';

export const prerender = false;
export const POST: APIRoute = (context) => handleRosterAction(context);
