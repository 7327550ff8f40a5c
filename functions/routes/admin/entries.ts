/** /v1/admin/entries: An entry's status and prize, set by organizers. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonBody, jsonResponse } from '../../schemas/api';
import { IdParams } from '../../schemas/common';
import { SetEntryStatus } from '../../schemas/judging';
import { EntryStatusResult } from '../../schemas/judging-api';
import { setEntryStatus } from '../../services/judging/set-entry-status';
import { judgingChangeErrors, judgingTags } from './shared';

const routes = {
  status: createRoute({
    method: 'patch',
    path: '/v1/admin/entries/{id}',
    operationId: 'setEntryStatus',
    tags: judgingTags,
    summary: 'Set an entry’s status (winner needs a prize of the contest) until results are published',
    request: { params: IdParams, ...jsonBody(SetEntryStatus) },
    responses: { 200: jsonResponse(EntryStatusResult, 'The new status'), ...judgingChangeErrors },
  }),
};

export function registerAdminEntries(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.status, async (c) => {
    const result = await setEntryStatus({
      ctx: c.var.ctx,
      input: { ...c.req.valid('json'), entryId: c.req.valid('param').id },
    });
    return c.json(result, 200);
  });
}
