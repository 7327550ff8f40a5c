/**
 * The public results page (/contests/{slug}/results) with the 公示 objection form: a GET is one batch
 * (one round trip; two with a session); a POST (signed in, by the page map) is parsed with the API's
 * FileObjection schema, then 303 back to the page. Withdrawn results show the withdrawal (when, why)
 * until they are published again; a contest never published is a 404.
 */
import type { AstroGlobal } from 'astro';
import { FileObjection } from '~/functions/schemas/judging';
import { fileObjection } from '~/functions/services/judging/file-objection';
import { getResultsState } from '~/functions/services/judging/get-results';
import { localizedPath } from '~/src/i18n';
import { handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';

export async function resultsPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const slug = Astro.params.slug ?? '';
  const form = await handleForm(
    Astro,
    FileObjection,
    async (input) => {
      await fileObjection({ ctx, input: { ...input, contestSlug: slug } });
      return `${localizedPath(`/contests/${slug}/results`, locale)}?filed=1#objections`;
    },
    { prepare: (values) => ({ ...values, entryId: values.entryId === '' ? undefined : values.entryId }) },
  );
  if (form.redirect) return respond(form.redirect);
  const state = await orNotFound(() => getResultsState({ ctx, input: { slug } }));
  if (!state) return notFound;
  return page({ state, form, filed: Astro.url.searchParams.has('filed') });
}
