/**
 * The organizer's contest page (/admin/contests/{slug}): its five forms — assign and
 * remove judges, set an entry's status, publish, answer an objection — each posting to `?do=…` and
 * answered 303 back to the page, then the data in one batch.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { PositiveId } from '~/functions/schemas/common';
import {
  AnswerObjection,
  AssignJudge,
  EntryFilter,
  JudgeRef,
  SetEntryStatus,
} from '~/functions/schemas/judging';
import { answerObjection } from '~/functions/services/judging/answer-objection';
import { assignJudge } from '~/functions/services/judging/assign-judge';
import { listContestEntries } from '~/functions/services/judging/list-contest-entries';
import { publishResults } from '~/functions/services/judging/publish-results';
import { removeJudge } from '~/functions/services/judging/remove-judge';
import { setEntryStatus } from '~/functions/services/judging/set-entry-status';
import { localizedPath } from '~/src/i18n';
import type { FormState } from '~/src/lib/forms';
import { formAction } from '~/src/lib/judging-ui';
import { parseListQuery } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';

const StatusForm = SetEntryStatus.extend({ entryId: PositiveId });
const AnswerForm = AnswerObjection.extend({ objectionId: PositiveId });

export interface AdminContestForms {
  assign: FormState;
  remove: FormState;
  status: FormState;
  publish: FormState;
  answer: FormState;
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
    publish: await formAction(Astro, 'publish', z.object({}), async () => {
      await publishResults({ ctx, input: { slug } });
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
  return page({ data, forms, filter, saved: Astro.url.searchParams.get('saved') });
}
