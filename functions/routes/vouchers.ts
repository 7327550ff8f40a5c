/**
 * 四券 voucher programmes (issue 16, decision 022): the catalogue and a programme with its budget
 * figures; a founder's applications (create, read, change, submit, withdraw); the organizers'
 * decision and the finance CSV; providers' redemptions. Amounts are in fen.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireVerifiedUser } from '../auth/guards';
import type { VoucherProgramme } from '../content/catalog';
import type { AppEnv, ServiceContext } from '../context';
import { withIdempotency } from '../lib/idempotency';
import { jsonBody, jsonResponse, LocalizedText, problemResponse } from '../schemas/api';
import { IdempotencyHeader, IdParams, SlugParams } from '../schemas/common';
import {
  CreateVoucherApplication,
  PublicGrant,
  RecordRedemption,
  RedemptionJson,
  UpdateVoucherApplication,
  VoucherApplicationJson,
  VoucherDecision,
  VoucherProgrammeJson,
} from '../schemas/vouchers';
import {
  createApplication,
  listMyApplications,
  ownApplication,
  submitApplication,
  updateApplication,
  withdrawApplication,
} from '../services/vouchers/applications';
import { exportProgrammeCsv } from '../services/vouchers/expiry-and-export';
import { programmeWindow } from '../services/vouchers/programme-rules';
import { getProgramme, listProgrammes } from '../services/vouchers/programmes';
import { type BudgetFigures, toApplicationJson } from '../services/vouchers/records';
import { recordRedemption } from '../services/vouchers/redemptions';
import { decideApplication } from '../services/vouchers/review';

const tags = ['vouchers'];

const ProgrammeDetail = VoucherProgrammeJson.extend({
  rules: LocalizedText,
  grants: z.array(PublicGrant),
}).openapi('VoucherProgrammeDetail');

const applicationErrors = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Email not verified'),
  404: problemResponse('No such programme, application or company of yours'),
  409: problemResponse(
    'Window not open or closed, not eligible, contract already subsidised, or the application cannot change now',
  ),
  422: problemResponse('Invalid fields'),
};

const routes = {
  list: createRoute({
    method: 'get',
    path: '/v1/vouchers',
    operationId: 'listVoucherProgrammes',
    tags,
    summary: 'Voucher programmes with their live budget figures',
    responses: { 200: jsonResponse(z.object({ items: z.array(VoucherProgrammeJson) }), 'The programmes') },
  }),
  detail: createRoute({
    method: 'get',
    path: '/v1/vouchers/{slug}',
    operationId: 'getVoucherProgramme',
    tags,
    summary: 'A programme: rules, window, budget and the 公示 list of grants',
    request: { params: SlugParams },
    responses: {
      200: jsonResponse(ProgrammeDetail, 'The programme'),
      404: problemResponse('No such programme'),
    },
  }),
  apply: createRoute({
    method: 'post',
    path: '/v1/vouchers/{slug}/applications',
    operationId: 'createVoucherApplication',
    tags,
    summary: 'Apply for one of your verified companies (a draft, or submitted with `submit: true`)',
    request: { params: SlugParams, headers: IdempotencyHeader, ...jsonBody(CreateVoucherApplication) },
    responses: { 201: jsonResponse(VoucherApplicationJson, 'The application'), ...applicationErrors },
  }),
  mine: createRoute({
    method: 'get',
    path: '/v1/me/voucher-applications',
    operationId: 'listMyVoucherApplications',
    tags: ['me', ...tags],
    summary: 'The voucher applications of your companies, latest change first',
    responses: {
      200: jsonResponse(z.object({ items: z.array(VoucherApplicationJson) }), 'Your applications'),
      401: problemResponse('Not signed in'),
      403: problemResponse('Email not verified'),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/v1/me/voucher-applications/{id}',
    operationId: 'getMyVoucherApplication',
    tags: ['me', ...tags],
    summary: 'One of your applications, with its stage and the reason of a return or rejection',
    request: { params: IdParams },
    responses: { 200: jsonResponse(VoucherApplicationJson, 'The application'), ...applicationErrors },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/v1/me/voucher-applications/{id}',
    operationId: 'updateMyVoucherApplication',
    tags: ['me', ...tags],
    summary: 'Change a draft or a returned application',
    request: { params: IdParams, ...jsonBody(UpdateVoucherApplication) },
    responses: { 200: jsonResponse(VoucherApplicationJson, 'The application'), ...applicationErrors },
  }),
  submit: createRoute({
    method: 'post',
    path: '/v1/me/voucher-applications/{id}/submit',
    operationId: 'submitMyVoucherApplication',
    tags: ['me', ...tags],
    summary: 'Submit a draft, or answer a return (back to 形式审查)',
    request: { params: IdParams },
    responses: { 200: jsonResponse(VoucherApplicationJson, 'The application'), ...applicationErrors },
  }),
  withdraw: createRoute({
    method: 'post',
    path: '/v1/me/voucher-applications/{id}/withdraw',
    operationId: 'withdrawMyVoucherApplication',
    tags: ['me', ...tags],
    summary: 'Withdraw a draft, submitted or returned application',
    request: { params: IdParams },
    responses: { 200: jsonResponse(VoucherApplicationJson, 'The application'), ...applicationErrors },
  }),
  decide: createRoute({
    method: 'post',
    path: '/v1/admin/voucher-applications/{id}/decision',
    operationId: 'decideVoucherApplication',
    tags: ['admin', ...tags],
    summary:
      'Decide the current stage: approve (passes 形式审查 and 复核; at 审定 grants within rate, cap and budget), return or reject with a reason',
    request: { params: IdParams, ...jsonBody(VoucherDecision) },
    responses: {
      200: jsonResponse(VoucherApplicationJson, 'The application after the decision'),
      401: problemResponse('Not signed in'),
      403: problemResponse(
        'Not an organizer, connected to the applicant or provider, or the previous stage’s reviewer',
      ),
      404: problemResponse('No such application'),
      409: problemResponse('Not at this stage any more, budget exhausted, company cap or years reached'),
      422: problemResponse('Invalid decision, or an amount above what the rules allow'),
    },
  }),
  export: createRoute({
    method: 'get',
    path: '/v1/admin/vouchers/{slug}/export.csv',
    operationId: 'exportVoucherProgrammeCsv',
    tags: ['admin', ...tags],
    summary: 'CSV of a programme’s applications, grants, vouchers and redemptions for the finance office',
    request: { params: SlugParams },
    responses: {
      200: { description: 'The CSV file (UTF-8 with BOM)', content: { 'text/csv': { schema: z.string() } } },
      401: problemResponse('Not signed in'),
      403: problemResponse('Not an organizer'),
      404: problemResponse('No such programme'),
    },
  }),
  redeem: createRoute({
    method: 'post',
    path: '/v1/vouchers/redemptions',
    operationId: 'recordVoucherRedemption',
    tags,
    summary:
      'A provider records a redemption against a voucher serial (never above the balance; an order once)',
    request: { headers: IdempotencyHeader, ...jsonBody(RecordRedemption) },
    responses: {
      201: jsonResponse(RedemptionJson, 'The redemption'),
      401: problemResponse('Not signed in'),
      403: problemResponse('Not the voucher’s approved provider'),
      404: problemResponse('No such voucher at your company'),
      409: problemResponse('Voucher not issued, balance insufficient, or order already recorded'),
      422: problemResponse('Invalid fields'),
    },
  }),
};

export function toProgrammeJson(programme: VoucherProgramme, budget: BudgetFigures, now: Date) {
  return {
    slug: programme.slug,
    title: programme.title,
    summary: programme.summary,
    issuer: programme.issuer,
    kind: programme.kind,
    fiscalYear: programme.fiscalYear,
    sample: programme.sample,
    rate: {
      bps: programme.rate.bps,
      tiers: programme.rate.tiers?.map((t) => ({ upTo: t.upTo ?? null, bps: t.bps })) ?? null,
    },
    capPerCompanyYear: programme.capPerCompanyYear,
    maxYears: programme.maxYears,
    window: {
      opens: programme.window.opens.toISOString(),
      closes: programme.window.closes.toISOString(),
      state: programmeWindow(programme, now),
    },
    eligibility: {
      communities: [...programme.eligibility.communities],
      districts: [...programme.eligibility.districts],
    },
    redemption: programme.redemption,
    validityDays: programme.validityDays,
    publicNoticeDays: programme.publicNoticeDays,
    budget,
  };
}

const own = (ctx: ServiceContext, id: number) => ownApplication(ctx, id).then(toApplicationJson);

export function registerVouchers(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.list, async (c) => {
    const ctx = c.var.ctx;
    const items = await listProgrammes({ ctx });
    return c.json({ items: items.map((p) => toProgrammeJson(p.programme, p.budget, ctx.now)) }, 200);
  });

  app.openapi(routes.detail, async (c) => {
    const ctx = c.var.ctx;
    const view = await getProgramme({ ctx, slug: c.req.valid('param').slug });
    return c.json(
      {
        ...toProgrammeJson(view.programme, view.budget, ctx.now),
        rules: view.programme.rules,
        grants: view.grants.map((g) => ({
          applicationId: g.applicationId,
          companyName: g.companyName,
          creditCode: g.creditCode,
          amount: g.amountFen,
          approvedAt: g.approvedAt.toISOString(),
          noticeEndsAt: g.noticeEndsAt.toISOString(),
          status: g.status,
        })),
      },
      200,
    );
  });

  app.openapi(routes.apply, async (c) => {
    const ctx = c.var.ctx;
    const input = c.req.valid('json');
    const slug = c.req.valid('param').slug;
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:voucher-applications:${requireVerifiedUser(ctx).id}`,
        key: c.req.valid('header')['idempotency-key'],
        request: { slug, input },
      },
      async () => ({ status: 201, body: toApplicationJson(await createApplication({ ctx, slug, input })) }),
    );
    return c.json(answer.body, 201);
  });

  app.openapi(routes.mine, async (c) => {
    const rows = await listMyApplications({ ctx: c.var.ctx });
    return c.json({ items: rows.map(toApplicationJson) }, 200);
  });

  app.openapi(routes.get, async (c) => c.json(await own(c.var.ctx, c.req.valid('param').id), 200));

  app.openapi(routes.patch, async (c) => {
    const row = await updateApplication({
      ctx: c.var.ctx,
      id: c.req.valid('param').id,
      input: c.req.valid('json'),
    });
    return c.json(toApplicationJson(row), 200);
  });

  app.openapi(routes.submit, async (c) => {
    const row = await submitApplication({ ctx: c.var.ctx, id: c.req.valid('param').id });
    return c.json(toApplicationJson(row), 200);
  });

  app.openapi(routes.withdraw, async (c) => {
    const row = await withdrawApplication({ ctx: c.var.ctx, id: c.req.valid('param').id });
    return c.json(toApplicationJson(row), 200);
  });

  app.openapi(routes.decide, async (c) => {
    const row = await decideApplication({
      ctx: c.var.ctx,
      id: c.req.valid('param').id,
      input: c.req.valid('json'),
    });
    return c.json(toApplicationJson(row), 200);
  });

  app.openapi(routes.export, async (c) => {
    const { filename, csv } = await exportProgrammeCsv({ ctx: c.var.ctx, slug: c.req.valid('param').slug });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    });
  });

  app.openapi(routes.redeem, async (c) => {
    const ctx = c.var.ctx;
    const input = c.req.valid('json');
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:voucher-redemptions:${requireVerifiedUser(ctx).id}`,
        key: c.req.valid('header')['idempotency-key'],
        request: input,
      },
      async () => {
        const row = await recordRedemption({ ctx, input });
        return {
          status: 201,
          body: {
            id: row.id,
            serial: row.serial,
            kind: row.kind,
            ref: row.ref,
            amount: row.amountFen,
            status: row.status,
            balance: row.balanceFen,
            createdAt: row.createdAt.toISOString(),
          },
        };
      },
    );
    return c.json(answer.body, 201);
  });
}
