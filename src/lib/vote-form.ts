/**
 * The upvote form's endpoint (POST /products/{id}/vote and /en/…): sets the intended state through
 * the same service as the API, then 303 back to the product page. The middleware refuses form posts from
 * other sites and malformed bodies before this runs; the page map sends signed-out visitors to sign in.
 */

import type { APIContext } from 'astro';
import { isAppError } from '~/functions/lib/errors';
import { parsePositiveId } from '~/functions/schemas/common';
import { setVote } from '~/functions/services/votes/set-vote';
import { localizedPath } from '~/src/i18n';
import { pageForm } from '~/src/lib/form-body';

export async function handleVoteForm(context: APIContext): Promise<Response> {
  const { locals, params, redirect } = context;
  const id = parsePositiveId(params.id);
  if (id === null) return new Response(null, { status: 404 });
  const productPath = localizedPath(`/products/${id}`, locals.locale);
  const form = pageForm(locals);
  try {
    await setVote({ ctx: locals.ctx, input: { productId: id, voted: form.get('intent') !== 'unvote' } });
  } catch (err) {
    // Unverified email: back to the page, whose vote control says why; unknown product: its page is a 404.
    if (!isAppError(err) || (err.status !== 403 && err.status !== 404)) throw err;
    return redirect(`${productPath}#vote`, 303);
  }
  return redirect(`${productPath}#vote`, 303);
}
