/**
 * Loaders of the voucher pages (四券, issue 16): the catalogue (/vouchers), a programme with its
 * apply and objection forms (/vouchers/{slug}), the founder's applications, vouchers and provider
 * desk (/me/vouchers), editing an application (/me/vouchers/{id}) and the organizers' review
 * (/admin/vouchers). Several forms post to one page: each names its `intent`, which picks the
 * schema. Amounts are typed in yuan and converted to fen (parseYuan) before validation.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import type { ServiceContext } from '~/functions/context';
import { parseYuan } from '~/functions/lib/money';
import { PositiveId, parsePositiveId } from '~/functions/schemas/common';
import {
  CreateVoucherApplication,
  ProviderApplication,
  ProviderDecision,
  RecordRedemption,
  RedemptionDecision,
  RedemptionDispute,
  UpdateVoucherApplication,
  VoucherClaim,
  VoucherDecision,
  VoucherObjection,
  VoucherObjectionAnswer,
} from '~/functions/schemas/vouchers';
import {
  createApplication,
  ownApplicationToEdit,
  submitApplication,
  updateApplication,
  withdrawApplication,
} from '~/functions/services/vouchers/applications';
import { founderDesk, reviewDesk } from '~/functions/services/vouchers/desks';
import { answerObjection, fileObjection } from '~/functions/services/vouchers/objections';
import { getProgramme, listProgrammes } from '~/functions/services/vouchers/programmes';
import {
  applyAsProvider,
  claimReimbursement,
  decideProvider,
  decideRedemption,
  disputeRedemption,
  recordRedemption,
} from '~/functions/services/vouchers/redemptions';
import { decideApplication } from '~/functions/services/vouchers/review';
import { localizedPath } from '~/src/i18n';
import { pageForm } from '~/src/lib/form-body';
import { type FormState, handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';

type Values = Record<string, string | string[]>;

interface Action<S extends z.ZodType> {
  schema: S;
  prepare?: ((values: Values) => unknown) | undefined;
  run: (input: z.infer<S>) => Promise<string>;
}
const action = <S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>) => Promise<string>,
  prepare?: (values: Values) => unknown,
): Action<S> => ({ schema, run, prepare });

/**
 * One page, several forms: the posted `intent` picks the action (schema, conversion, service). An
 * unknown intent fails validation like any other bad field.
 */
async function handleActions(
  Astro: AstroGlobal,
  // biome-ignore lint/suspicious/noExplicitAny: each action keeps its own input type
  actions: Record<string, Action<any>>,
): Promise<FormState> {
  const posted = Astro.request.method === 'POST' ? pageForm(Astro.locals).get('intent') : null;
  const chosen = typeof posted === 'string' && Object.hasOwn(actions, posted) ? actions[posted] : undefined;
  if (!chosen) {
    const keys = Object.keys(actions) as [string, ...string[]];
    return handleForm(Astro, z.object({ intent: z.enum(keys) }), async () => '');
  }
  return handleForm(Astro, chosen.schema, chosen.run, chosen.prepare ? { prepare: chosen.prepare } : {});
}

const text = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
/** Yuan typed in a form → fen (undefined for empty or not an amount: the schema says which). */
const yuan = (value: string | string[] | undefined) => parseYuan(text(value));
/** An optional text field: empty is absent. */
const optional = (value: string | string[] | undefined) => text(value).trim() || undefined;
/** Checkboxes: none sent means none chosen; one sent is a string. */
const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const doneOf = <T extends string>(Astro: AstroGlobal, choices: readonly T[]): T | null => {
  const done = Astro.url.searchParams.get('done');
  return choices.find((d) => d === done) ?? null;
};

/** The fields of the apply and edit forms, in fen. */
const applicationFields = (values: Values) => ({
  providerCompanyId: text(values.providerCompanyId),
  contractRef: text(values.contractRef),
  plannedSpend: yuan(values.plannedSpend),
  requestedAmount: yuan(values.requestedAmount),
  declaredUnrelated: values.declaredUnrelated === 'on',
  declaredNotSubsidised: values.declaredNotSubsidised === 'on',
});

export async function voucherListPage(Astro: AstroGlobal) {
  return page({ programmes: await listProgrammes({ ctx: Astro.locals.ctx }) });
}

export const PROGRAMME_DONE = ['objected'] as const;

export async function voucherProgrammePage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const slug = Astro.params.slug ?? '';
  if (!ctx.catalog.voucher(slug)) return notFound;
  const here = localizedPath(`/vouchers/${slug}`, locale);
  const form = await handleActions(Astro, {
    apply: action(
      CreateVoucherApplication,
      async (input) => {
        await createApplication({ ctx, slug, input });
        return `${localizedPath('/me/vouchers', locale)}?done=${input.submit ? 'applied' : 'drafted'}`;
      },
      (values) => ({
        ...applicationFields(values),
        companyId: text(values.companyId),
        submit: values.action === 'submit',
      }),
    ),
    object: action(VoucherObjection, async (input) => {
      await fileObjection({ ctx, input, slug });
      return `${here}?done=objected#objections`;
    }),
  });
  if (form.redirect) return respond(form.redirect);
  const data = await orNotFound(() => getProgramme({ ctx, slug }));
  if (!data) return notFound;
  return page({ data, form, done: doneOf(Astro, PROGRAMME_DONE) });
}

export const MY_VOUCHERS_DONE = [
  'applied',
  'drafted',
  'saved',
  'submitted',
  'withdrawn',
  'disputed',
  'claimed',
  'providerApplied',
  'redeemed',
] as const;
export type MyVouchersDone = (typeof MY_VOUCHERS_DONE)[number];

const IdInput = z.object({ id: PositiveId });

interface MyVouchersProps {
  form: FormState;
  done: MyVouchersDone | null;
  verified: boolean;
  data: MyVouchersData | null;
}

export async function myVouchersPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const here = localizedPath('/me/vouchers', locale);
  const back = (done: MyVouchersDone, section: string) => `${here}?done=${done}#${section}`;
  const form = await handleActions(Astro, {
    submit: action(IdInput, async ({ id }) => {
      await submitApplication({ ctx, id });
      return back('submitted', 'applications');
    }),
    withdraw: action(IdInput, async ({ id }) => {
      await withdrawApplication({ ctx, id });
      return back('withdrawn', 'applications');
    }),
    dispute: action(RedemptionDispute, async (input) => {
      await disputeRedemption({ ctx, input });
      return back('disputed', 'vouchers');
    }),
    claim: action(
      VoucherClaim,
      async (input) => {
        await claimReimbursement({ ctx, input });
        return back('claimed', 'vouchers');
      },
      (values) => ({ ...values, amount: yuan(values.amount) }),
    ),
    provider: action(
      ProviderApplication,
      async (input) => {
        await applyAsProvider({ ctx, input });
        return back('providerApplied', 'provider');
      },
      (values) => ({ companyId: text(values.companyId), kinds: asList(values.kinds) }),
    ),
    redeem: action(
      RecordRedemption,
      async (input) => {
        await recordRedemption({ ctx, input });
        return back('redeemed', 'provider');
      },
      (values) => ({ ...values, amount: yuan(values.amount) }),
    ),
  });
  if (form.redirect) return respond(form.redirect);
  const done = doneOf(Astro, MY_VOUCHERS_DONE);
  // The voucher services are for people with a verified address: the others are told how first.
  if (!ctx.user?.emailVerified) return page<MyVouchersProps>({ form, done, verified: false, data: null });
  return page<MyVouchersProps>({ form, done, verified: true, data: await myVoucherRecords(ctx) });
}

/** Everything /me/vouchers lists for a verified founder, in one batch. */
const myVoucherRecords = (ctx: ServiceContext) => founderDesk({ ctx });

export type MyVouchersData = Awaited<ReturnType<typeof myVoucherRecords>>;

interface EditProps {
  form: FormState;
  verified: boolean;
  data: Awaited<ReturnType<typeof ownApplicationToEdit>> | null;
}

export async function myVoucherApplicationPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const id = parsePositiveId(Astro.params.id);
  if (id === null) return notFound;
  const form = await handleForm(
    Astro,
    UpdateVoucherApplication.and(z.object({ submit: z.boolean() })),
    async ({ submit, ...input }) => {
      await updateApplication({ ctx, id, input });
      if (submit) await submitApplication({ ctx, id });
      return `${localizedPath('/me/vouchers', locale)}?done=${submit ? 'submitted' : 'saved'}#applications`;
    },
    {
      // Every field is sent: an empty or mistyped amount is an error, not "unchanged".
      prepare: (values) => {
        const fields = applicationFields(values);
        return {
          ...fields,
          plannedSpend: fields.plannedSpend ?? Number.NaN,
          requestedAmount: fields.requestedAmount ?? Number.NaN,
          submit: values.action === 'submit',
        };
      },
    },
  );
  if (form.redirect) return respond(form.redirect);
  if (!ctx.user?.emailVerified) return page<EditProps>({ form, verified: false, data: null });
  const data = await orNotFound(() => ownApplicationToEdit(ctx, id));
  return data ? page<EditProps>({ form, verified: true, data }) : notFound;
}

export const ADMIN_DONE = ['1'] as const;

export async function adminVouchersPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const back = (section: string) => `${localizedPath('/admin/vouchers', locale)}?done=1#${section}`;
  const form = await handleActions(Astro, {
    decide: action(
      VoucherDecision.and(IdInput),
      async ({ id, ...input }) => {
        await decideApplication({ ctx, id, input });
        return back('queue');
      },
      (values) => ({
        id: text(values.id),
        stage: text(values.stage),
        decision: text(values.decision),
        amount: optional(values.amount) === undefined ? undefined : (yuan(values.amount) ?? Number.NaN),
        reason: optional(values.reason),
      }),
    ),
    answer: action(VoucherObjectionAnswer, async (input) => {
      await answerObjection({ ctx, input });
      return back('objections');
    }),
    redemption: action(
      RedemptionDecision,
      async (input) => {
        await decideRedemption({ ctx, input });
        return back('redemptions');
      },
      (values) => ({ ...values, reason: optional(values.reason) }),
    ),
    provider: action(
      ProviderDecision,
      async (input) => {
        await decideProvider({ ctx, input });
        return back('providers');
      },
      (values) => ({ ...values, reason: optional(values.reason) }),
    ),
  });
  if (form.redirect) return respond(form.redirect);
  const user = ctx.user;
  if (!user) return notFound;
  const { applications, objections, redemptions, providers } = await reviewDesk({ ctx });
  return page({
    form,
    done: doneOf(Astro, ADMIN_DONE) !== null,
    applications,
    objections,
    redemptions,
    providers,
  });
}
