/**
 * /v1/me: the signed-in user, their display name, email and password, the PIPL data export and
 * account deletion, and the user's own companies, products and teams. 401 problem when anonymous.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/guards';
import { isSecureRequest } from '../auth/session';
import { signedOutCookies } from '../auth/session-claims';
import type { AppEnv } from '../context';
import { ChangeEmail, ChangeName, ChangePassword, EmailChangeRequested } from '../schemas/account-changes';
import { jsonResponse, problemResponse } from '../schemas/api';
import { DeleteAccount, Me } from '../schemas/auth';
import { OwnCompanyPage, OwnProductPage } from '../schemas/moderation';
import { PageQuery } from '../schemas/pagination';
import { changeName } from '../services/accounts/change-name';
import { changePassword } from '../services/accounts/change-password';
import { deleteAccount } from '../services/accounts/delete-account';
import { exportData } from '../services/accounts/export-data';
import { requestEmailChange } from '../services/accounts/request-email-change';
import { listMyCompanies } from '../services/me/list-my-companies';
import { listMyProducts } from '../services/me/list-my-products';
import { listMyTeams } from '../services/teams/list-my-teams';
import { toCompanyWithMemberships, toOwnProduct } from './moderation-json';

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'getMe',
  tags: ['me'],
  summary: 'The signed-in user',
  responses: {
    200: { description: 'The signed-in user', content: { 'application/json': { schema: Me } } },
    401: problemResponse('Not signed in'),
  },
});

const json = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const nameRoute = createRoute({
  method: 'patch',
  path: '/v1/me',
  operationId: 'updateMe',
  tags: ['me'],
  summary: 'Change the display name',
  request: { body: json(ChangeName) },
  responses: {
    200: {
      description: 'The signed-in user with the new name',
      content: { 'application/json': { schema: Me } },
    },
    401: problemResponse('Not signed in'),
    422: problemResponse('Invalid name'),
  },
});

const emailRoute = createRoute({
  method: 'post',
  path: '/v1/me/email',
  operationId: 'requestEmailChange',
  tags: ['me'],
  summary: 'Ask to change the email address: a link goes to the new address',
  description:
    'Needs the current password. Always 202 with the same body, whether or not the new address already has ' +
    'an account (that address is mailed a note instead of a link, and nothing changes). The account keeps ' +
    'its address until the link is used (POST /v1/auth/email-change/confirm); the old address is told of the request.',
  request: { body: json(ChangeEmail) },
  responses: {
    202: {
      description: 'A mail is on its way to the new address',
      content: { 'application/json': { schema: EmailChangeRequested } },
    },
    401: problemResponse('Not signed in'),
    422: problemResponse('Invalid address, the current one, or a wrong password'),
    429: problemResponse('Too many requests: see Retry-After'),
  },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/v1/me/password',
  operationId: 'changePassword',
  tags: ['me'],
  summary: 'Change the password; every other session ends, this one stays',
  request: { body: json(ChangePassword) },
  responses: {
    204: { description: 'The password is changed and the other sessions ended' },
    401: problemResponse('Not signed in'),
    422: problemResponse('Wrong current password or a weak new one'),
  },
});

const DataExport = z
  .object({
    exportedAt: z.string(),
    profile: z.record(z.string(), z.unknown()),
    sessions: z.array(z.object({ createdAt: z.string(), expiresAt: z.string() })),
    accessTokens: z.array(
      z.object({
        name: z.string(),
        scopes: z.array(z.string()),
        createdAt: z.string(),
        expiresAt: z.string(),
        lastUsedAt: z.string().nullable(),
      }),
    ),
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
    eventRegistrations: z.array(z.unknown()),
    mail: z.array(z.unknown()),
    auditPseudonym: z.string(),
    auditActions: z.array(z.unknown()),
  })
  .openapi('DataExport', { description: 'Everything held about the user (PIPL); never the password hash' });

const exportRoute = createRoute({
  method: 'get',
  path: '/v1/me/export',
  operationId: 'exportMyData',
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
  operationId: 'deleteMyAccount',
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

const myCompaniesRoute = createRoute({
  method: 'get',
  path: '/v1/me/companies',
  operationId: 'listMyCompanies',
  tags: ['submissions'],
  summary: 'Your companies with their status, rejection reason and membership applications',
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(OwnCompanyPage, 'A page of your companies'),
    401: problemResponse('Not signed in'),
  },
});

const myProductsRoute = createRoute({
  method: 'get',
  path: '/v1/me/products',
  operationId: 'listMyProducts',
  tags: ['submissions'],
  summary: 'Your products with their status, rejection reason and latest revision',
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(OwnProductPage, 'A page of your products'),
    401: problemResponse('Not signed in'),
  },
});

const myTeamsRoute = createRoute({
  method: 'get',
  path: '/v1/me/teams',
  operationId: 'listMyTeams',
  tags: ['teams'],
  summary: "The signed-in user's teams",
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(
          z.object({
            id: z.int(),
            contest: z.string(),
            name: z.string(),
            isLeader: z.boolean(),
            entryStatus: z.string().nullable(),
          }),
        ),
        nextCursor: z.null(),
      }),
      'Teams',
    ),
    401: problemResponse('Not signed in'),
  },
});

export function registerMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(meRoute, (c) => c.json(requireUser(c.var.ctx), 200, { 'cache-control': 'private, no-store' }));

  app.openapi(nameRoute, async (c) => {
    const { name } = await changeName({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json({ ...requireUser(c.var.ctx), name }, 200, { 'cache-control': 'private, no-store' });
  });

  app.openapi(emailRoute, async (c) => {
    const answer = await requestEmailChange({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json(answer, 202, { 'cache-control': 'no-store' });
  });

  app.openapi(passwordRoute, async (c) => {
    await changePassword({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.body(null, 204);
  });

  app.openapi(exportRoute, async (c) => {
    const data = await exportData({ ctx: c.var.ctx });
    return c.json(JSON.parse(JSON.stringify(data)) as z.infer<typeof DataExport>, 200, {
      'cache-control': 'private, no-store',
      'content-disposition': 'attachment; filename="opc-portal-my-data.json"',
    });
  });

  app.openapi(deleteRoute, async (c) => {
    await deleteAccount({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.body(null, 204, { 'set-cookie': signedOutCookies(isSecureRequest(new URL(c.req.url))) });
  });

  app.openapi(myCompaniesRoute, async (c) => {
    const page = await listMyCompanies({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toCompanyWithMemberships), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(myProductsRoute, async (c) => {
    const page = await listMyProducts({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toOwnProduct), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(myTeamsRoute, async (c) => {
    const teams = await listMyTeams({ ctx: c.var.ctx });
    const items = teams.map((t) => ({
      id: t.id,
      contest: t.contestSlug,
      name: t.name,
      isLeader: t.isLeader,
      entryStatus: t.entryStatus,
    }));
    return c.json({ items, nextCursor: null }, 200);
  });
}
