/**
 * A judge's pages: their assignments (/judge), the entries of one contest (/judge/contests/{slug}) and the score form
 * for one entry (/judge/entries/{id}). The form posts to the page, is parsed with the API's SaveScores
 * schema (inputs named `scores.<criterion>.score|comment`) and saved by the same service; conflicted
 * or unassigned entries are 404.
 */

import type { AstroGlobal } from 'astro';
import { isAppError } from '~/functions/lib/errors';
import { parsePositiveId } from '~/functions/schemas/common';
import { SaveScores } from '~/functions/schemas/judging';
import { getJudgeEntry } from '~/functions/services/judging/get-judge-entry';
import { listJudgeEntries } from '~/functions/services/judging/list-judge-entries';
import { listMyAssignments } from '~/functions/services/judging/list-my-assignments';
import { saveScores } from '~/functions/services/judging/save-scores';
import { localizedPath } from '~/src/i18n';
import { handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';

/** Flat form fields → `{ scores: { key: { score, comment } } }`; an empty score stays missing. */
export function scoreSheetFromForm(values: Record<string, string | string[]>): unknown {
  const scores: Record<string, { score?: number; comment?: string }> = {};
  for (const [name, raw] of Object.entries(values)) {
    const match = /^scores\.([a-z0-9-]+)\.(score|comment)$/.exec(name);
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!match?.[1] || value === undefined) continue;
    const sheet = scores[match[1]] ?? {};
    if (match[2] === 'score') {
      if (value.trim() !== '') sheet.score = Number(value.trim());
    } else sheet.comment = value;
    scores[match[1]] = sheet;
  }
  return { scores };
}

export async function judgeHomePage(Astro: AstroGlobal) {
  return page({ assignments: await listMyAssignments({ ctx: Astro.locals.ctx }) });
}

export async function judgeContestPage(Astro: AstroGlobal) {
  // Not a judge of this contest (403) reads as "no such page", like an unknown contest.
  const view = await listJudgeEntries({
    ctx: Astro.locals.ctx,
    input: { slug: Astro.params.slug ?? '' },
  }).catch((err: unknown) => {
    if (isAppError(err) && (err.status === 403 || err.status === 404)) return null;
    throw err;
  });
  return view ? page({ view }) : notFound;
}

export async function judgeEntryPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const entryId = parsePositiveId(Astro.params.id);
  if (entryId === null) return notFound;
  const form = await handleForm(
    Astro,
    SaveScores,
    async (input) => {
      await saveScores({ ctx, input: { ...input, entryId } });
      return `${localizedPath(`/judge/entries/${entryId}`, locale)}?saved=1`;
    },
    { prepare: scoreSheetFromForm },
  );
  if (form.redirect) return respond(form.redirect);
  const view = await orNotFound(() => getJudgeEntry({ ctx, input: { entryId } }));
  if (!view) return notFound;
  return page({ view, form, saved: Astro.url.searchParams.has('saved') });
}
