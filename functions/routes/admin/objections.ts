/** /v1/admin/objections: Organizers' answer to a 公示 objection. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { shanghaiIso } from '../../lib/shanghai-time';
import { jsonBody, jsonResponse } from '../../schemas/api';
import { IdParams } from '../../schemas/common';
import { AnswerObjection } from '../../schemas/judging';
import { AdminObjection } from '../../schemas/judging-api';
import { answerObjection } from '../../services/judging/answer-objection';
import { judgingChangeErrors, judgingTags } from './shared';

const routes = {
  answer: createRoute({
    method: 'post',
    path: '/v1/admin/objections/{id}/answer',
    operationId: 'answerObjection',
    tags: judgingTags,
    summary: 'Answer an objection publicly (marks it resolved; the answer can be revised)',
    request: { params: IdParams, ...jsonBody(AnswerObjection) },
    responses: {
      200: jsonResponse(
        AdminObjection.pick({ id: true, status: true, answer: true, answeredAt: true }),
        'Answered',
      ),
      ...judgingChangeErrors,
    },
  }),
};

export function registerAdminObjections(app: OpenAPIHono<AppEnv>) {
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
}
