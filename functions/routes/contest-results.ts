/**
 * Public judging routes: the entries gallery once submissions close, the results once published
 * (aggregates only, no judge identities), and filing a real-name 公示 objection during the window.
 */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { withIdempotency } from '../lib/idempotency';
import { jsonResponse, problemResponse } from '../schemas/api';
import { IdempotencyHeader, SlugParams } from '../schemas/common';
import { FileObjection } from '../schemas/judging';
import { Gallery, ObjectionCreated, Results } from '../schemas/judging-api';
import { fileObjection } from '../services/judging/objections';
import { getResults, listPublicEntries } from '../services/judging/public-results';
import { toResults } from './judging-json';

const tags = ['contests'];

const routes = {
  gallery: createRoute({
    method: 'get',
    path: '/v1/contests/{slug}/entries',
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

export function registerContestResults(app: OpenAPIHono<AppEnv>) {
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
