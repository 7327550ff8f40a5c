import type { APIRoute } from 'astro';
import { handleVoteForm } from '~/src/lib/vote-form';

export const prerender = false;
export const POST: APIRoute = (context) => handleVoteForm(context);
