/**
 * Shared by the route files of /v1/admin (it is not a route): the refusals of organizers' and admins'
 * routes, the decision route of a moderation queue, and the judging routes' path parameters and tag.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, problemResponse } from '../../schemas/api';
import { IdParams, positiveIdParam, SlugParams } from '../../schemas/common';
import { DecisionResultSchema } from '../../schemas/moderation';

export const moderationErrors = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Not an organizer (or, for admin routes, not an admin)'),
  422: problemResponse('Invalid input'),
};
export const decisionErrors = {
  ...moderationErrors,
  404: problemResponse('No such record'),
  409: problemResponse('Already decided, or (approval) the company is not verified'),
};

export const decisionRoute = <B extends z.ZodType>(
  operationId: string,
  path: string,
  summary: string,
  schema: B,
) =>
  createRoute({
    method: 'post',
    path,
    operationId,
    tags: ['moderation'],
    summary,
    description: 'A rejection needs a reason, which the owner sees. Only pending records can be decided.',
    request: { params: IdParams, ...jsonBody(schema) },
    responses: { 200: jsonResponse(DecisionResultSchema, 'The decision'), ...decisionErrors },
  });

export const judgingErrors = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Not an organizer'),
  404: problemResponse('No such contest or record'),
};
export const judgingChangeErrors = {
  ...judgingErrors,
  409: problemResponse('Not allowed in this phase (e.g. results published, submissions still open)'),
  422: problemResponse('Invalid input'),
};
export const JudgeParams = SlugParams.extend({ userId: positiveIdParam('userId', 5) });
export const judgingTags = ['judging (organizers)'];
