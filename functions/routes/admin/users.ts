/** /v1/admin/users: Granting and revoking the organizer and admin roles (admins only). */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonBody, jsonResponse, problemResponse } from '../../schemas/api';
import { IdParams } from '../../schemas/common';
import { RoleResultSchema } from '../../schemas/moderation';
import { SetRole } from '../../schemas/submissions';
import { setUserRole } from '../../services/admin/set-role';
import { moderationErrors } from './shared';

const routes = {
  setRole: createRoute({
    method: 'put',
    path: '/v1/admin/users/{id}/role',
    operationId: 'setUserRole',
    tags: ['admin'],
    summary: 'Grant or revoke organizer and admin (admins only; not your own admin role)',
    request: { params: IdParams, ...jsonBody(SetRole) },
    responses: {
      200: jsonResponse(RoleResultSchema, 'The user with the role now in effect'),
      ...moderationErrors,
      404: problemResponse('No such user'),
      409: problemResponse('You cannot remove your own admin role'),
    },
  }),
};

export function registerAdminUsers(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.setRole, async (c) =>
    c.json(
      await setUserRole({
        ctx: c.var.ctx,
        input: { userId: c.req.valid('param').id, role: c.req.valid('json').role },
      }),
      200,
    ),
  );
}
