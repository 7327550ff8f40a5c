/**
 * /v1/contests: contests with phase, timeline and team count; creating a team (honours
 * Idempotency-Key); the entries gallery once submissions close, the results once published
 * (aggregates only, no judge identities), and filing a real-name 公示 objection during the window.
 */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { withIdempotency } from '../lib/idempotency';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/api';
import { IdempotencyHeader, SlugParams } from '../schemas/common';
import { ContestDetail, ContestListQuery, ContestPage } from '../schemas/contests';
import { FileObjection } from '../schemas/judging';
import { Gallery, ObjectionCreated, Results } from '../schemas/judging-api';
import { CreateTeam, Team } from '../schemas/teams';
import { getContest } from '../services/contests/get-contest';
import { listContests } from '../services/contests/list-contests';
import { fileObjection } from '../services/judging/file-objection';
import { getResults } from '../services/judging/get-results';
import { listPublicEntries } from '../services/judging/list-public-entries';
import { createTeam } from '../services/teams/create-team';
import { loadTeam } from '../services/teams/load-team';
import { toResults } from './judging-json';
import { toContestDetail, toContestSummary } from './public-json';
import { teamWriteErrors } from './teams';
import { toTeam } from './teams-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/contests',
  operationId: 'listContests',
  tags: ['contests'],
  summary: 'Contests, latest first, with their phase',
  request: { query: ContestListQuery },
  responses: {
    200: { description: 'A page of contests', content: { 'application/json': { schema: ContestPage } } },
    422: problemResponse('Invalid cursor or limit'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/v1/contests/{slug}',
  operationId: 'getContest',
  tags: ['contests'],
  summary: 'A contest: rules, timeline, team size, tracks, prizes, rubric, phase and team count',
  request: { params: SlugParams },
  responses: {
    200: { description: 'The contest', content: { 'application/json': { schema: ContestDetail } } },
    404: problemResponse('No such contest'),
  },
});

const createTeamRoute = createRoute({
  method: 'post',
  path: '/v1/contests/{slug}/teams',
  operationId: 'createTeam',
  tags: ['teams'],
  summary: 'Create a team while registration is open; the creator leads it',
  request: { params: SlugParams, headers: IdempotencyHeader, ...jsonBody(CreateTeam) },
  responses: { 201: jsonResponse(Team, 'The new team with its invite code'), ...teamWriteErrors },
});

const tags = ['contests'];

const routes = {
  gallery: createRoute({
    method: 'get',
    path: '/v1/contests/{slug}/entries',
    operationId: 'listContestEntries',
    tags,
    summary: 'The entries gallery, public from submissionCloses (404 before)',
    request: { params: SlugParams },
    responses: {
      200: jsonResponse(Gallery, 'Entries'),
      404: problemResponse('No such contest, or not public yet'),
    },
  }),
  results: createRoute({
    method: 'get',
    path: '/v1/contests/{slug}/results',
    operationId: 'getContestResults',
    tags,
    summary:
      'Published results: ranks, prizes, mean, median, n of m judges, rubric and objections (404 before)',
    request: { params: SlugParams },
    responses: {
      200: jsonResponse(Results, 'Results'),
      404: problemResponse('No such contest, or not published yet'),
    },
  }),
  object: createRoute({
    method: 'post',
    path: '/v1/contests/{slug}/objections',
    operationId: 'fileObjection',
    tags,
    summary: 'File a real-name objection during the 公示 window (the name is shown to organizers only)',
    request: {
      params: SlugParams,
      headers: IdempotencyHeader,
      body: { content: { 'application/json': { schema: FileObjection } }, required: true },
    },
    responses: {
      201: jsonResponse(ObjectionCreated, 'Filed'),
      401: problemResponse('Not signed in'),
      404: problemResponse('No such contest'),
      409: problemResponse('Outside the objection window'),
      422: problemResponse('Invalid input'),
    },
  }),
};

export function registerContests(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const page = await listContests({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toContestSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(detailRoute, async (c) => {
    const contest = await getContest({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(toContestDetail(contest), 200);
  });

  app.openapi(createTeamRoute, async (c) => {
    const ctx = c.var.ctx;
    const input = { ...c.req.valid('json'), contestSlug: c.req.valid('param').slug };
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:teams:${ctx.user?.id ?? 'anonymous'}`,
        key: c.req.valid('header')['idempotency-key'],
        request: input,
      },
      async () => {
        const created = await createTeam({ ctx, input });
        return { status: 201, body: toTeam(await loadTeam({ ctx, input: { teamId: created.id } })) };
      },
    );
    return c.json(answer.body, 201);
  });

  app.openapi(routes.gallery, async (c) => {
    const gallery = await listPublicEntries({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(
      { contest: gallery.contest.slug, phase: gallery.phase.phase, items: gallery.items, nextCursor: null },
      200,
    );
  });

  app.openapi(routes.results, async (c) => {
    const results = await getResults({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(toResults(results), 200);
  });

  app.openapi(routes.object, async (c) => {
    const ctx = c.var.ctx;
    const input = { ...c.req.valid('json'), contestSlug: c.req.valid('param').slug };
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:objections:${ctx.user?.id ?? 'anonymous'}`,
        key: c.req.valid('header')['idempotency-key'],
        request: input,
      },
      async () => ({ status: 201, body: await fileObjection({ ctx, input }) }),
    );
    return c.json(answer.body, 201);
  });
}
