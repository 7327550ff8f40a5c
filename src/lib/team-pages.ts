/**
 * Loaders of the team pages (src/lib/page.ts): the form (POST to the page itself, 303 or 422), then
 * the view's props.
 */

import type { AstroGlobal } from 'astro';
import { isMessageKey, translate } from '~/functions/lib/messages';
import { parsePositiveId } from '~/functions/schemas/common';
import { CreateTeam, JoinTeam, SaveEntry } from '~/functions/schemas/teams';
import { companyProductOptions } from '~/functions/services/teams/company-product-options';
import { createTeam } from '~/functions/services/teams/create-team';
import { joinTeam } from '~/functions/services/teams/join-team';
import { loadTeam } from '~/functions/services/teams/load-team';
import { ownCompanyOptions } from '~/functions/services/teams/own-company-options';
import { saveEntry } from '~/functions/services/teams/save-entry';
import { localizedPath } from '~/src/i18n';
import { handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';

/** A blank <select> option means "none". */
const blankToUndefined = (field: string) => (values: Record<string, string | string[]>) => ({
  ...values,
  [field]: values[field] === '' ? undefined : values[field],
});

const teamPath = (Astro: AstroGlobal, id: number) => localizedPath(`/me/teams/${id}`, Astro.locals.locale);

export async function newTeamPage(Astro: AstroGlobal) {
  const { ctx, catalog } = Astro.locals;
  const contest = catalog.contest(Astro.params.slug ?? '');
  if (!contest) return notFound;
  const form = await handleForm(
    Astro,
    CreateTeam,
    async (input) =>
      teamPath(Astro, (await createTeam({ ctx, input: { ...input, contestSlug: contest.slug } })).id),
    { prepare: blankToUndefined('companyId') },
  );
  return form.redirect
    ? respond(form.redirect)
    : page({ contest, form, companies: await ownCompanyOptions({ ctx }) });
}

export async function joinTeamPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, JoinTeam, async (input) =>
    teamPath(Astro, (await joinTeam({ ctx, input })).teamId),
  );
  return form.redirect ? respond(form.redirect) : page({ form });
}

export async function teamPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const teamId = parsePositiveId(Astro.params.id);
  if (teamId === null) return notFound;
  const form = await handleForm(
    Astro,
    SaveEntry,
    async (input) => {
      await saveEntry({ ctx, input: { ...input, teamId } });
      return `${teamPath(Astro, teamId)}?saved=1`;
    },
    { prepare: blankToUndefined('productId') },
  );
  if (form.redirect) return respond(form.redirect);
  const team = await orNotFound(() => loadTeam({ ctx, input: { teamId } }));
  if (!team) return notFound;
  const errorKey = Astro.url.searchParams.get('error') ?? '';
  return page({
    team,
    form,
    products: await companyProductOptions({ ctx, input: { companyId: team.companyId } }),
    rosterError: isMessageKey(errorKey) ? translate(locale, errorKey) : null,
    saved: Astro.url.searchParams.has('saved'),
  });
}
