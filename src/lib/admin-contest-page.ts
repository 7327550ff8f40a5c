/**
 * The organizer's contest page (/admin/contests/{slug}): its six forms — assign and remove judges,
 * set an entry's status (a winner and prize in one step), publish (from the preview, `?preview=1`,
 * confirming its gaps), withdraw a publication, answer an objection — each posting to `?do=…` and
 * answered 303 back to the page, then the data in one batch.
 */
import type { AstroGlobal } from 'astro';
import { PositiveId } from '~/functions/schemas/common';
import {
  AnswerObjection,
  AssignJudge,
  EntryFilter,
  JudgeRef,
  SetEntryStatus,
} from '~/functions/schemas/judging';
import { PublishResults, WithdrawResults } from '~/functions/schemas/results';
import { answerObjection } from '~/functions/services/judging/answer-objection';
import { assignJudge } from '~/functions/services/judging/assign-judge';
import { listContestEntries } from '~/functions/services/judging/list-contest-entries';
import { publishResults } from '~/functions/services/judging/publish-results';
import { removeJudge } from '~/functions/services/judging/remove-judge';
import { setEntryStatus } from '~/functions/services/judging/set-entry-status';
import { withdrawResults } from '~/functions/services/judging/withdraw-results';
import { localizedPath } from '~/src/i18n';
import type { FormState } from '~/src/lib/forms';
import { formAction, postedAction } from '~/src/lib/judging-ui';
import { parseListQuery } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';
import { cacheKey, pageCache } from '~/src/lib/page-cache';

const StatusForm = SetEntryStatus.extend({ entryId: PositiveId });
const AnswerForm = AnswerObjection.extend({ objectionId: PositiveId });

export interface AdminContestForms {
  assign: FormState;
  remove: FormState;
  status: FormState;
  publish: FormState;
  withdraw: FormState;
  answer: FormState;
}

/**
 * Anonymous visitors get the public results page from the page cache (at most PAGE_CACHE_SECONDS
 * stale): a withdrawal drops both languages' copies here, so the page says withdrawn at once (in
 * this location; other locations' copies age out).
 */
async function forgetCachedResults(url: URL, slug: string) {
  const cache = pageCache();
  if (!cache) return;
  for (const locale of ['zh-CN', 'en'] as const) {
    await cache.delete(cacheKey(new URL(localizedPath(`/contests/${slug}/results`, locale), url.origin)));
  }
}

export async function adminContestPage(Astro: AstroGlobal) {
  const { ctx, locale, catalog } = Astro.locals;
  const contest = catalog.contest(Astro.params.slug ?? '');
  if (!contest) return notFound;
  const slug = contest.slug;
  const back = (section: string) =>
    `${localizedPath(`/admin/contests/${slug}`, locale)}?saved=${section}#${section}`;

  const forms: AdminContestForms = {
    assign: await formAction(Astro, 'assign', AssignJudge, async (input) => {
      await assignJudge({ ctx, input: { ...input, contestSlug: slug } });
      return back('judges');
    }),
    remove: await formAction(Astro, 'remove', JudgeRef, async (input) => {
      await removeJudge({ ctx, input: { contestSlug: slug, userId: input.userId } });
      return back('judges');
    }),
    status: await formAction(
      Astro,
      'status',
      StatusForm,
      async ({ entryId, ...input }) => {
        await setEntryStatus({ ctx, input: { ...input, entryId } });
        return back('entries');
      },
      { prepare: (values) => ({ ...values, prizeKey: values.prizeKey === '' ? null : values.prizeKey }) },
    ),
    publish: await formAction(
      Astro,
      'publish',
      PublishResults,
      async (input) => {
        await publishResults({ ctx, input: { ...input, slug } });
        return back('publish');
      },
      {
        // An unticked checkbox sends nothing: no confirmation.
        prepare: (values) => ({ confirmGaps: values.confirmGaps === 'on', gapsSeen: values.gapsSeen }),
      },
    ),
    withdraw: await formAction(Astro, 'withdraw', WithdrawResults, async (input) => {
      await withdrawResults({ ctx, input: { ...input, slug } });
      await forgetCachedResults(Astro.url, slug);
      return back('publish');
    }),
    answer: await formAction(Astro, 'answer', AnswerForm, async ({ objectionId, answer }) => {
      await answerObjection({ ctx, input: { objectionId, answer } });
      return back('objections');
    }),
  };
  for (const form of Object.values(forms)) {
    if (form.redirect) return respond(form.redirect);
  }
  const filter = parseListQuery(EntryFilter, Astro.url);
  const data = await listContestEntries({ ctx, input: { slug, ...filter } });
  // The preview stays open while its publish form answers with errors.
  const preview = Astro.url.searchParams.has('preview') || postedAction(Astro) === 'publish';
  return page({ data, forms, filter, preview, saved: Astro.url.searchParams.get('saved') });
}
