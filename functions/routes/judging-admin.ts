/**
 * Organizers' judging routes under /v1/admin: contests, judges, the entries table with aggregated
 * scores, entry statuses and prizes, publication, objections with their answers, and the CSV export.
 * Every change is audited by its service in the same batch.
 */

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { shanghaiIso } from '../lib/shanghai-time';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/api';
import { IdParams, positiveIdParam, SlugParams } from '../schemas/common';
import { AnswerObjection, AssignJudge, EntryFilter, SetEntryStatus } from '../schemas/judging';
import {
  AdminContestList,
  AdminEntryList,
  AdminObjection,
  AdminObjectionList,
  EntryStatusResult,
  Judge,
  JudgeList,
  Publication,
} from '../schemas/judging-api';
import { exportContestCsv } from '../services/judging/export-contest-csv';
import { listAdminContests } from '../services/judging/list-admin-contests';
import { judgeProgress, listContestEntries, loadContestAdmin } from '../services/judging/load-contest-admin';
import { assignJudge, removeJudge } from '../services/judging/manage-judges';
import { answerObjection } from '../services/judging/objections';
import { publishResults } from '../services/judging/publish-results';
import { setEntryStatus } from '../services/judging/set-entry-status';
import { toAdminEntries, toAdminObjection } from './judging-json';

const guarded = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Not an organizer'),
  404: problemResponse('No such contest or record'),
};
const changes = {
  ...guarded,
  409: problemResponse('Not allowed in this phase (e.g. results published, submissions still open)'),
  422: problemResponse('Invalid input'),
};
const JudgeParams = SlugParams.extend({ userId: positiveIdParam('userId', 5) });
const tags = ['judging (organizers)'];

const routes = {
  contests: createRoute({
    method: 'get',
    path: '/v1/admin/contests',
    tags,
    summary: 'Contests with phase and counts of entries, judges and open objections',
    responses: { 200: jsonResponse(AdminContestList, 'Contests'), ...guarded },
  }),
  judges: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/judges',
    tags,
    summary: "A contest's judges with their scoring progress",
    request: { params: SlugParams },
    responses: { 200: jsonResponse(JudgeList, 'Judges'), ...guarded },
  }),
  assign: createRoute({
    method: 'post',
    path: '/v1/admin/contests/{slug}/judges',
    tags,
    summary: 'Assign a signed-up user (by email) as a judge of the contest',
    request: { params: SlugParams, ...jsonBody(AssignJudge) },
    responses: { 201: jsonResponse(Judge, 'The judge assigned'), ...changes },
  }),
  unassign: createRoute({
    method: 'delete',
    path: '/v1/admin/contests/{slug}/judges/{userId}',
    tags,
    summary: 'Remove a judge from the contest (their scores stop counting)',
    request: { params: JudgeParams },
    responses: { 204: { description: 'Removed' }, ...changes },
  }),
  entries: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/entries',
    tags,
    summary: 'Entries with each judge’s scores, weighted score, mean, median, n of m and rank',
    request: { params: SlugParams, query: EntryFilter },
    responses: {
      200: jsonResponse(AdminEntryList, 'The entries table'),
      ...guarded,
      422: problemResponse('Invalid filter'),
    },
  }),
  status: createRoute({
    method: 'patch',
    path: '/v1/admin/entries/{id}',
    tags,
    summary: 'Set an entry’s status (winner needs a prize of the contest) until results are published',
    request: { params: IdParams, ...jsonBody(SetEntryStatus) },
    responses: { 200: jsonResponse(EntryStatusResult, 'The new status'), ...changes },
  }),
  publish: createRoute({
    method: 'post',
    path: '/v1/admin/contests/{slug}/publish',
    tags,
    summary: 'Publish the results (once submissions have closed; only once)',
    request: { params: SlugParams },
    responses: {
      201: jsonResponse(Publication, 'Published; the objection window runs until objectionCloses'),
      ...changes,
    },
  }),
  objections: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/objections',
    tags,
    summary: 'Objections with the objectors’ real names and accounts',
    request: { params: SlugParams },
    responses: { 200: jsonResponse(AdminObjectionList, 'Objections'), ...guarded },
  }),
  answer: createRoute({
    method: 'post',
    path: '/v1/admin/objections/{id}/answer',
    tags,
    summary: 'Answer an objection publicly (marks it resolved; the answer can be revised)',
    request: { params: IdParams, ...jsonBody(AnswerObjection) },
    responses: {
      200: jsonResponse(
        AdminObjection.pick({ id: true, status: true, answer: true, answeredAt: true }),
        'Answered',
      ),
      ...changes,
    },
  }),
  export: createRoute({
    method: 'get',
    path: '/v1/admin/contests/{slug}/export.csv',
    tags,
    summary: 'CSV of teams, members, entries and scores (UTF-8 with BOM, Asia/Shanghai times)',
    request: { params: SlugParams },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      ...guarded,
    },
  }),
};

export function registerJudgingAdmin(app: OpenAPIHono<AppEnv>) {
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
    return c.json({ ...judge, assignedAt: shanghaiIso(ctx.now), scored: 0, eligible: 0 }, 201);
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

  app.openapi(routes.status, async (c) => {
    const result = await setEntryStatus({
      ctx: c.var.ctx,
      input: { ...c.req.valid('json'), entryId: c.req.valid('param').id },
    });
    return c.json(result, 200);
  });

  app.openapi(routes.publish, async (c) => {
    const result = await publishResults({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(
      { publishedAt: shanghaiIso(result.publishedAt), objectionCloses: shanghaiIso(result.objectionCloses) },
      201,
    );
  });

  app.openapi(routes.objections, async (c) => {
    const admin = await loadContestAdmin({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json({ items: admin.objections.map(toAdminObjection), nextCursor: null }, 200);
  });

  app.openapi(routes.answer, async (c) => {
    const result = await answerObjection({
      ctx: c.var.ctx,
      input: { ...c.req.valid('json'), objectionId: c.req.valid('param').id },
    });
    return c.json(
      {
        id: result.id,
        status: result.status,
        answer: result.answer,
        answeredAt: shanghaiIso(result.answeredAt),
      },
      200,
    );
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
