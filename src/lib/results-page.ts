/**
 * The public results page (/contests/{slug}/results, zh and en) with the 公示 objection form: a GET
 * is one batch (one round trip; two with a session); a POST needs a signed-in user and is parsed with
 * the API's FileObjection schema, then 303 back to the page.
 */
import type { AstroGlobal } from 'astro';
import { FileObjection } from '~/functions/schemas/judging';
import { fileObjection } from '~/functions/services/judging/file-objection';
import { getResults, type Results } from '~/functions/services/judging/public-results';
import { localizedPath } from '~/src/i18n';
import { signInRedirect } from '~/src/lib/auth-redirect';
import { type FormState, handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';

export type ResultsPage =
  | { kind: 'response'; response: Response }
  | { kind: 'notFound' }
  | { kind: 'page'; results: Results; form: FormState; filed: boolean };

export async function resultsPage(Astro: AstroGlobal): Promise<ResultsPage> {
  const { ctx, locale } = Astro.locals;
  const slug = Astro.params.slug ?? '';
  if (Astro.request.method === 'POST') {
    const redirect = signInRedirect(Astro);
    if (redirect) return { kind: 'response', response: redirect };
  }
  const form = await handleForm(
    Astro,
    FileObjection,
    async (input) => {
      await fileObjection({ ctx, input: { ...input, contestSlug: slug } });
      return `${localizedPath(`/contests/${slug}/results`, locale)}?filed=1#objections`;
    },
    { prepare: (values) => ({ ...values, entryId: values.entryId === '' ? undefined : values.entryId }) },
  );
  if (form.redirect) return { kind: 'response', response: form.redirect };
  const results = await orNotFound(() => getResults({ ctx, input: { slug } }));
  if (!results) return { kind: 'notFound' };
  return { kind: 'page', results, form, filed: Astro.url.searchParams.has('filed') };
}
