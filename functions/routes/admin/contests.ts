/** /v1/admin/contests: Organizers' judging of a contest: contests, judges, the entries table with aggregated scores,
 * publication, objections and the CSV export. Every change is audited by its service in the same batch. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../context';
import { shanghaiIso } from '../../lib/shanghai-time';
import { jsonBody, jsonResponse, problemResponse } from '../../schemas/api';
import { SlugParams } from '../../schemas/common';
import { AssignJudge, EntryFilter } from '../../schemas/judging';
import {
  AdminContestList,
  AdminEntryList,
  AdminObjectionList,
  Judge,
  JudgeList,
  Publication,
} from '../../schemas/judging-api';
import { PublishResults, ResultWithdrawal, WithdrawResults } from '../../schemas/results';
import { assignJudge } from '../../services/judging/assign-judge';
import { exportContestCsv } from '../../services/judging/export-contest-csv';
import { listAdminContests } from '../../services/judging/list-admin-contests';
import { listContestEntries } from '../../services/judging/list-contest-entries';
import { loadContestAdmin } from '../../services/judging/load-contest-admin';
import { publishResults } from '../../services/judging/publish-results';
import { removeJudge } from '../../services/judging/remove-judge';
import { judgeProgress } from '../../services/judging/shared';
import { withdrawResults } from '../../services/judging/withdraw-results';
import { toAdminEntries, toAdminObjection } from '../judging-json';
import { JudgeParams, judgingChangeErrors, judgingErrors, judgingTags } from './shared';

/** Publishing without a body (as before confirmations existed) means the defaults: `{}`. */
const emptyBodyIsObject: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Hono's json() parses its cached text, a promise (its type says otherwise).
  if ((await c.req.text()).trim() === '')
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}');
  await next();
};

const routes = {
  contests: createRoute({
    method: 'get',
    path: '/v1/admin/contests',
    operationId: 'listContestsForOrganizers',
    tags: judgingTags,
    summary: 'Contests with phase and counts of entries, judges and open objections',
    responses: { 200: jsonResponse(AdminContestList, 'Contests'), ...judgingErrors },
  }),
  judges: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/judges',
    operationId: 'listJudges',
    tags: judgingTags,
    summary: "A contest's judges with their scoring progress",
    request: { params: SlugParams },
    responses: { 200: jsonResponse(JudgeList, 'Judges'), ...judgingErrors },
  }),
  assign: createRoute({
    method: 'post',
    path: '/v1/admin/contests/{slug}/judges',
    operationId: 'assignJudge',
    tags: judgingTags,
    summary: 'Assign a signed-up user (by email) as a judge of the contest',
    request: { params: SlugParams, ...jsonBody(AssignJudge) },
    responses: { 201: jsonResponse(Judge, 'The judge assigned'), ...judgingChangeErrors },
  }),
  unassign: createRoute({
    method: 'delete',
    path: '/v1/admin/contests/{slug}/judges/{userId}',
    operationId: 'removeJudge',
    tags: judgingTags,
    summary: 'Remove a judge from the contest (their scores stop counting)',
    request: { params: JudgeParams },
    responses: { 204: { description: 'Removed' }, ...judgingChangeErrors },
  }),
  entries: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/entries',
    operationId: 'listScoredEntries',
    tags: judgingTags,
    summary: 'Entries with each judge’s scores, weighted score, mean, median, n of m and rank',
    request: { params: SlugParams, query: EntryFilter },
    responses: {
      200: jsonResponse(AdminEntryList, 'The entries table'),
      ...judgingErrors,
      422: problemResponse('Invalid filter'),
    },
  }),
  publish: createRoute({
    method: 'post',
    path: '/v1/admin/contests/{slug}/publish',
    operationId: 'publishResults',
    tags: judgingTags,
    summary:
      'Publish the results (once submissions have closed; only once). With entries nobody scored or judges who have not started, only with confirmGaps (422 gaps_unconfirmed names them)',
    request: {
      params: SlugParams,
      body: { content: { 'application/json': { schema: PublishResults } }, required: false },
    },
    middleware: [emptyBodyIsObject] as const,
    responses: {
      201: jsonResponse(Publication, 'Published; the objection window runs until objectionCloses'),
      ...judgingChangeErrors,
    },
  }),
  withdraw: createRoute({
    method: 'post',
    path: '/v1/admin/contests/{slug}/withdraw',
    operationId: 'withdrawResults',
    tags: judgingTags,
    summary:
      'Withdraw the published results during their objection window, with a reason the public results page shows (409 withdraw_window_closed after it)',
    request: { params: SlugParams, ...jsonBody(WithdrawResults) },
    responses: { 200: jsonResponse(ResultWithdrawal, 'Withdrawn'), ...judgingChangeErrors },
  }),
  objections: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/objections',
    operationId: 'listObjections',
    tags: judgingTags,
    summary: 'Objections with the objectors’ real names and accounts',
    request: { params: SlugParams },
    responses: { 200: jsonResponse(AdminObjectionList, 'Objections'), ...judgingErrors },
  }),
  export: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/export.csv',
    operationId: 'exportContestCsv',
    tags: judgingTags,
    summary: 'CSV of teams, members, entries and scores (UTF-8 with BOM, Asia/Shanghai times)',
    request: { params: SlugParams },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      ...judgingErrors,
    },
  }),
};

export function registerAdminContests(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.contests, async (c) => {
    const items = await listAdminContests({ ctx: c.var.ctx });
    return c.json(
      {
        items: items.map((s) => ({
          slug: s.contest.slug,
          phase: s.phase.phase,
          entries: s.entries,
          judges: s.judges,
          openObjections: s.openObjections,
        })),
        nextCursor: null,
      },
      200,
    );
  });

  app.openapi(routes.judges, async (c) => {
    const { standings } = await loadContestAdmin({ ctx: c.var.ctx, input: c.req.valid('param') });
    const items = judgeProgress(standings).map((j) => ({ ...j, assignedAt: shanghaiIso(j.assignedAt) }));
    return c.json({ items, nextCursor: null }, 200);
  });

  app.openapi(routes.assign, async (c) => {
    const ctx = c.var.ctx;
    const judge = await assignJudge({
      ctx,
      input: { ...c.req.valid('json'), contestSlug: c.req.valid('param').slug },
    });
    return c.json(
      { ...judge, pseudonym: null, assignedAt: shanghaiIso(ctx.now), scored: 0, eligible: 0 },
      201,
    );
  });

  app.openapi(routes.unassign, async (c) => {
    const { slug, userId } = c.req.valid('param');
    await removeJudge({ ctx: c.var.ctx, input: { contestSlug: slug, userId } });
    return c.body(null, 204);
  });

  app.openapi(routes.entries, async (c) => {
    const { phase, standings } = await listContestEntries({
      ctx: c.var.ctx,
      input: { ...c.req.valid('query'), slug: c.req.valid('param').slug },
    });
    return c.json(
      {
        phase: phase.phase,
        publishedAt: standings.publishedAt ? shanghaiIso(standings.publishedAt) : null,
        items: toAdminEntries(standings),
        nextCursor: null,
      },
      200,
    );
  });

  app.openapi(routes.publish, async (c) => {
    // The body is optional: without one, results with gaps are refused.
    const result = await publishResults({
      ctx: c.var.ctx,
      input: { ...c.req.valid('param'), ...c.req.valid('json') },
    });
    return c.json(
      { publishedAt: shanghaiIso(result.publishedAt), objectionCloses: shanghaiIso(result.objectionCloses) },
      201,
    );
  });

  app.openapi(routes.withdraw, async (c) => {
    const result = await withdrawResults({
      ctx: c.var.ctx,
      input: { ...c.req.valid('json'), slug: c.req.valid('param').slug },
    });
    return c.json(
      { publishedAt: shanghaiIso(result.publishedAt), withdrawnAt: shanghaiIso(result.withdrawnAt) },
      200,
    );
  });

  app.openapi(routes.objections, async (c) => {
    const admin = await loadContestAdmin({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json({ items: admin.objections.map(toAdminObjection), nextCursor: null }, 200);
  });

  app.openapi(routes.export, async (c) => {
    const { filename, csv } = await exportContestCsv({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    });
  });
}
