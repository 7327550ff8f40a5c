/**
 * Judges' routes under /v1/judge: my contests with progress, a contest's entries to score (never the
 * conflicted ones), one entry with my scores, and saving my score sheet while scoring is open.
 */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { shanghaiIso } from '../lib/shanghai-time';
import { jsonResponse, problemResponse } from '../schemas/api';
import { IdParams, SlugParams } from '../schemas/common';
import { SaveScores } from '../schemas/judging';
import { JudgeAssignmentList, JudgeEntry, JudgeEntryList } from '../schemas/judging-api';
import { getJudgeEntry } from '../services/judging/get-judge-entry';
import { listJudgeEntries } from '../services/judging/list-judge-entries';
import { listMyAssignments } from '../services/judging/list-my-assignments';
import { saveScores } from '../services/judging/save-scores';
import { toJudgeAssignment, toJudgeEntry } from './judging-json';

const tags = ['judging (judges)'];

const routes = {
  mine: createRoute({
    method: 'get',
    path: '/v1/judge/contests',
    operationId: 'listJudgedContests',
    tags,
    summary: 'The contests I judge, with my progress',
    responses: {
      200: jsonResponse(JudgeAssignmentList, 'My assignments'),
      401: problemResponse('Not signed in'),
    },
  }),
  entries: createRoute({
    method: 'get',
    path: '/v1/judge/contests/{slug}/entries',
    operationId: 'listEntriesToScore',
    tags,
    summary: 'Entries I may score in a contest (conflicts of interest hidden), with my progress',
    request: { params: SlugParams },
    responses: {
      200: jsonResponse(JudgeEntryList, 'Entries to score'),
      401: problemResponse('Not signed in'),
      403: problemResponse('Not a judge of this contest'),
      404: problemResponse('No such contest'),
    },
  }),
  entry: createRoute({
    method: 'get',
    path: '/v1/judge/entries/{id}',
    operationId: 'getEntryToScore',
    tags,
    summary: 'An entry with the rubric and my scores',
    request: { params: IdParams },
    responses: {
      200: jsonResponse(JudgeEntry, 'The entry'),
      401: problemResponse('Not signed in'),
      404: problemResponse('No such entry, not my contest, or a conflict of interest'),
    },
  }),
  score: createRoute({
    method: 'put',
    path: '/v1/judge/entries/{id}/scores',
    operationId: 'saveScores',
    tags,
    summary: 'Save my scores (every criterion, 0..max in halves) from submissionCloses until judgingCloses',
    request: {
      params: IdParams,
      body: { content: { 'application/json': { schema: SaveScores } }, required: true },
    },
    responses: {
      200: jsonResponse(JudgeEntry, 'The entry with my saved scores'),
      401: problemResponse('Not signed in'),
      404: problemResponse('No such entry, not my contest, or a conflict of interest'),
      409: problemResponse(
        'Scoring is not open (before submissionCloses, after judgingCloses or publication)',
      ),
      422: problemResponse('Invalid scores'),
    },
  }),
};

export function registerJudge(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.mine, async (c) => {
    const items = await listMyAssignments({ ctx: c.var.ctx });
    return c.json({ items: items.map(toJudgeAssignment), nextCursor: null }, 200);
  });

  app.openapi(routes.entries, async (c) => {
    const view = await listJudgeEntries({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(
      {
        contest: view.contest.slug,
        phase: view.phase.phase,
        judgingOpen: view.phase.judgingOpen,
        judgingCloses: shanghaiIso(view.contest.timeline.judgingCloses),
        progress: { scored: view.scored, total: view.total },
        items: view.items,
        nextCursor: null,
      },
      200,
    );
  });

  app.openapi(routes.entry, async (c) => {
    const view = await getJudgeEntry({ ctx: c.var.ctx, input: { entryId: c.req.valid('param').id } });
    return c.json(toJudgeEntry(view), 200);
  });

  app.openapi(routes.score, async (c) => {
    const view = await saveScores({
      ctx: c.var.ctx,
      input: { ...c.req.valid('json'), entryId: c.req.valid('param').id },
    });
    return c.json(toJudgeEntry(view), 200);
  });
}
