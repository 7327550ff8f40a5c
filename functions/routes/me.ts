/**
 * /v1/me: the signed-in user, the PIPL data export and account deletion. 401 problem when anonymous.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/guards';
import { blankSessionCookie, isSecureRequest } from '../auth/session';
import type { AppEnv } from '../context';
import { problemResponse } from '../schemas/api';
import { DeleteAccount, Me } from '../schemas/auth';
import { deleteAccount } from '../services/accounts/delete-account';
import { exportData } from '../services/accounts/export-data';

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['me'],
  summary: 'The signed-in user',
  responses: {
    200: { description: 'The signed-in user', content: { 'application/json': { schema: Me } } },
    401: problemResponse('Not signed in'),
  },
});

const DataExport = z
  .object({
    exportedAt: z.string(),
    profile: z.record(z.string(), z.unknown()),
    sessions: z.array(z.object({ createdAt: z.string(), expiresAt: z.string() })),
    companies: z.array(z.unknown()),
    communityMemberships: z.array(z.unknown()),
    products: z.array(z.unknown()),
    productRevisions: z.array(z.unknown()),
    votes: z.array(z.unknown()),
    teams: z.array(z.unknown()),
    entries: z.array(z.unknown()),
    objections: z.array(z.unknown()),
    judgeAssignments: z.array(z.unknown()),
    scores: z.array(z.unknown()),
    mail: z.array(z.unknown()),
    auditPseudonym: z.string(),
    auditActions: z.array(z.unknown()),
  })
  .openapi('DataExport', { description: 'Everything held about the user (PIPL); never the password hash' });

const exportRoute = createRoute({
  method: 'get',
  path: '/v1/me/export',
  tags: ['me'],
  summary: 'Download everything held about the signed-in user (PIPL)',
  responses: {
    200: {
      description: 'The data, as a JSON attachment',
      content: { 'application/json': { schema: DataExport } },
    },
    401: problemResponse('Not signed in'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/v1/me',
  tags: ['me'],
  summary: 'Delete the account and erase personal data and votes (PIPL)',
  description:
    'Needs the current password. Refused with 409 while the user leads a team in a contest whose results are not published.',
  request: { body: { content: { 'application/json': { schema: DeleteAccount } }, required: true } },
  responses: {
    204: { description: 'The account is deleted and the session cookie cleared' },
    401: problemResponse('Not signed in'),
    409: problemResponse('The user leads a team in an unfinished contest'),
    422: problemResponse('Wrong or missing password'),
  },
});

export function registerMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(meRoute, (c) => c.json(requireUser(c.var.ctx), 200, { 'cache-control': 'private, no-store' }));

  app.openapi(exportRoute, async (c) => {
    const data = await exportData({ ctx: c.var.ctx });
    return c.json(JSON.parse(JSON.stringify(data)) as z.infer<typeof DataExport>, 200, {
      'cache-control': 'private, no-store',
      'content-disposition': 'attachment; filename="opc-portal-my-data.json"',
    });
  });

  app.openapi(deleteRoute, async (c) => {
    await deleteAccount({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.body(null, 204, { 'set-cookie': blankSessionCookie(isSecureRequest(new URL(c.req.url))) });
  });
}
