/**
 * Loaders of the team pages (src/lib/page.ts): the form (POST to the page itself, 303 or 422), then
 * the view's props.
 */

import type { AstroGlobal } from 'astro';
import { formatInstant } from '~/functions/lib/format-instant';
import { randomToken } from '~/functions/lib/ids';
import { isMessageKey, translate } from '~/functions/lib/messages';
import { parsePositiveId } from '~/functions/schemas/common';
import { CreateTeam, JoinTeam, LinkTeamCompany, SaveEntry } from '~/functions/schemas/teams';
import { createTeam } from '~/functions/services/teams/create-team';
import { joinTeam } from '~/functions/services/teams/join-team';
import { linkTeamCompany } from '~/functions/services/teams/link-company';
import { loadTeamWithLinkOptions } from '~/functions/services/teams/load-team';
import { ownCompanyOptions } from '~/functions/services/teams/own-company-options';
import { saveEntry } from '~/functions/services/teams/save-entry';
import { localizedPath } from '~/src/i18n';
import { pageForm } from '~/src/lib/form-body';
import { type FormState, handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';
import { takeNotice } from '~/src/lib/team-actions';

/** A blank <select> option means "none". */
const blankToUndefined = (field: string) => (values: Record<string, string | string[]>) => ({
  ...values,
  [field]: values[field] === '' ? undefined : values[field],
});

/** Blank <select> options mean null ("none"); a field not in the form stays undefined. */
const blankToNull =
  (...fields: string[]) =>
  (values: Record<string, string | string[]>) => ({
    ...values,
    ...Object.fromEntries(
      fields.filter((f) => values[f] !== undefined).map((f) => [f, values[f] === '' ? null : values[f]]),
    ),
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
  // `?code=` of an invite link fills the field (as sent: the schema reads it tolerantly on submit).
  const code = (Astro.url.searchParams.get('code') ?? '').trim().slice(0, 64);
  return form.redirect ? respond(form.redirect) : page({ form, code });
}

/** The state of a form that was not the one posted (the team page has two). */
const idleForm = (): FormState => ({
  redirect: null,
  errors: {},
  formError: null,
  values: {},
  idempotencyKey: randomToken(12),
});

export async function teamPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const teamId = parsePositiveId(Astro.params.id);
  if (teamId === null) return notFound;
  const here = teamPath(Astro, teamId);
  // Two forms post here: the entry, and the leader's company form (`intent=company`).
  const posted = Astro.request.method === 'POST' ? pageForm(Astro.locals).get('intent') : null;
  const companyForm =
    posted === 'company'
      ? await handleForm(
          Astro,
          LinkTeamCompany,
          async (input) => {
            await linkTeamCompany({ ctx, input: { ...input, teamId } });
            return `${here}?saved=company#company`;
          },
          { prepare: blankToNull('companyId', 'productId') },
        )
      : idleForm();
  const form =
    posted === 'company'
      ? idleForm()
      : await handleForm(
          Astro,
          SaveEntry,
          async (input) => {
            await saveEntry({ ctx, input: { ...input, teamId } });
            return `${here}?saved=1`;
          },
          { prepare: blankToUndefined('productId') },
        );
  if (form.redirect) return respond(form.redirect);
  if (companyForm.redirect) return respond(companyForm.redirect);
  const loaded = await orNotFound(() => loadTeamWithLinkOptions({ ctx, input: { teamId } }));
  if (!loaded) return notFound;
  const { team, options } = loaded;
  const errorKey = Astro.url.searchParams.get('error') ?? '';
  const notice = takeNotice(Astro, teamId);
  const done = Astro.url.searchParams.get('done');
  const leader = team.members.find((m) => m.userId === team.leaderId);
  const saved = Astro.url.searchParams.get('saved');
  return page({
    team,
    form,
    companyForm,
    options,
    inviteLink: `${ctx.origin}${localizedPath('/teams/join', locale)}?code=${team.inviteCode}`,
    // A refusal comes back as its key only (?error=); its placeholders are the team's own facts.
    rosterError: isMessageKey(errorKey)
      ? translate(locale, errorKey, {
          deadline: formatInstant(locale, team.contest.timeline.submissionCloses),
          max: team.contest.teamSize.max,
          min: team.contest.teamSize.min,
        })
      : null,
    /** What the last roster change did, said on the team page (removing, handing over). */
    rosterDone:
      notice?.kind === 'removed'
        ? { kind: 'removed' as const, name: notice.member ?? '' }
        : done === 'leader' && leader && !team.isLeader
          ? { kind: 'leader' as const, name: leader.name }
          : null,
    saved: saved === '1',
    companySaved: saved === 'company',
  });
}
