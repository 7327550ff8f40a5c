/**
 * A judge's pages (zh and en): the entries of one contest (/judge/contests/{slug}) and the score form
 * for one entry (/judge/entries/{id}). The form posts to the page, is parsed with the API's SaveScores
 * schema (inputs named `scores.<criterion>.score|comment`) and saved by the same service; conflicted
 * or unassigned entries are 404.
 */

import type { AstroGlobal } from 'astro';
import { isAppError } from '~/functions/lib/errors';
import { parsePositiveId } from '~/functions/schemas/common';
import { SaveScores } from '~/functions/schemas/judging';
import {
  getJudgeEntry,
  type JudgeEntryView,
  listJudgeEntries,
} from '~/functions/services/judging/judge-views';
import { saveScores } from '~/functions/services/judging/save-scores';
import { localizedPath } from '~/src/i18n';
import { signInRedirect } from '~/src/lib/auth-redirect';
import { type FormState, handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';

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

export type JudgeContestPage =
  | { kind: 'response'; response: Response }
  | { kind: 'notFound' }
  | { kind: 'page'; view: Awaited<ReturnType<typeof listJudgeEntries>> };

export async function judgeContestPage(Astro: AstroGlobal): Promise<JudgeContestPage> {
  const redirect = signInRedirect(Astro);
  if (redirect) return { kind: 'response', response: redirect };
  // Not a judge of this contest (403) reads as "no such page", like an unknown contest.
  const view = await listJudgeEntries({
    ctx: Astro.locals.ctx,
    input: { slug: Astro.params.slug ?? '' },
  }).catch((err: unknown) => {
    if (isAppError(err) && (err.status === 403 || err.status === 404)) return null;
    throw err;
  });
  if (view) return { kind: 'page', view };
  Astro.response.status = 404;
  return { kind: 'notFound' };
}

export type JudgeEntryPage =
  | { kind: 'response'; response: Response }
  | { kind: 'notFound' }
  | { kind: 'page'; view: JudgeEntryView; form: FormState; saved: boolean };

export async function judgeEntryPage(Astro: AstroGlobal): Promise<JudgeEntryPage> {
  const redirect = signInRedirect(Astro);
  if (redirect) return { kind: 'response', response: redirect };
  const { ctx, locale } = Astro.locals;
  const entryId = parsePositiveId(Astro.params.id);
  if (entryId === null) return { kind: 'notFound' };
  const form = await handleForm(
    Astro,
    SaveScores,
    async (input) => {
      await saveScores({ ctx, input: { ...input, entryId } });
      return `${localizedPath(`/judge/entries/${entryId}`, locale)}?saved=1`;
    },
    { prepare: scoreSheetFromForm },
  );
  if (form.redirect) return { kind: 'response', response: form.redirect };
  const view = await orNotFound(() => getJudgeEntry({ ctx, input: { entryId } }));
  if (!view) return { kind: 'notFound' };
  return { kind: 'page', view, form, saved: Astro.url.searchParams.has('saved') };
}
