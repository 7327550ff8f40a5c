/**
 * Organizers' moderation queues and decisions (companies, products, product revisions, membership
 * applications) and admins' audit log and role management, under /v1/admin. Each decision commits
 * with its audit row and the owner's notification.
 */

import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/api';
import { IdParams } from '../schemas/common';
import {
  AuditPage,
  CompanyQueuePage,
  DecisionResultSchema,
  MembershipQueuePage,
  Overview,
  ProductQueuePage,
  queueQuery,
  RevisionQueuePage,
  RoleResultSchema,
} from '../schemas/moderation';
import { PageQuery } from '../schemas/pagination';
import { CompanyDecision, MembershipDecision, ProductDecision, SetRole } from '../schemas/submissions';
import { listAudit } from '../services/admin/list-audit';
import { setUserRole } from '../services/admin/set-role';
import { decideCompany } from '../services/moderation/decide-company';
import { decideMembership } from '../services/moderation/decide-membership';
import { decideProduct } from '../services/moderation/decide-product';
import { decideRevision } from '../services/moderation/decide-revision';
import {
  COMPANY_QUEUE_STATUSES,
  getModerationOverview,
  listCompanyQueue,
  listMembershipQueue,
  listProductQueue,
  listRevisionQueue,
  MEMBERSHIP_QUEUE_STATUSES,
  PRODUCT_QUEUE_STATUSES,
} from '../services/moderation/queues';
import {
  toAuditEntry,
  toCompanyQueueEntry,
  toMembershipQueueEntry,
  toProductQueueEntry,
  toRevisionQueueEntry,
} from './moderation-json';

const guarded = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Not an organizer (or, for admin routes, not an admin)'),
  422: problemResponse('Invalid input'),
};
const decided = {
  ...guarded,
  404: problemResponse('No such record'),
  409: problemResponse('Already decided, or (approval) the company is not verified'),
};

const decisionRoute = <B extends z.ZodType>(path: string, summary: string, schema: B) =>
  createRoute({
    method: 'post',
    path,
    tags: ['moderation'],
    summary,
    description: 'A rejection needs a reason, which the owner sees. Only pending records can be decided.',
    request: { params: IdParams, ...jsonBody(schema) },
    responses: { 200: jsonResponse(DecisionResultSchema, 'The decision'), ...decided },
  });

const routes = {
  overview: createRoute({
    method: 'get',
    path: '/v1/admin/overview',
    tags: ['moderation'],
    summary: 'How many records wait in each moderation queue',
    responses: { 200: jsonResponse(Overview, 'Counts'), ...guarded },
  }),
  companies: createRoute({
    method: 'get',
    path: '/v1/admin/companies',
    tags: ['moderation'],
    summary: 'Companies by status (pending by default)',
    request: { query: queueQuery(COMPANY_QUEUE_STATUSES) },
    responses: { 200: jsonResponse(CompanyQueuePage, 'Oldest first, keyset pages'), ...guarded },
  }),
  products: createRoute({
    method: 'get',
    path: '/v1/admin/products',
    tags: ['moderation'],
    summary: 'Products by status (pending by default)',
    request: { query: queueQuery(PRODUCT_QUEUE_STATUSES) },
    responses: { 200: jsonResponse(ProductQueuePage, 'Oldest first, keyset pages'), ...guarded },
  }),
  revisions: createRoute({
    method: 'get',
    path: '/v1/admin/revisions',
    tags: ['moderation'],
    summary: 'Pending edits of approved products, with the public version they would replace',
    request: { query: PageQuery },
    responses: { 200: jsonResponse(RevisionQueuePage, 'Oldest first, keyset pages'), ...guarded },
  }),
  memberships: createRoute({
    method: 'get',
    path: '/v1/admin/memberships',
    tags: ['moderation'],
    summary: 'Community membership applications by status (pending by default)',
    request: { query: queueQuery(MEMBERSHIP_QUEUE_STATUSES) },
    responses: { 200: jsonResponse(MembershipQueuePage, 'Oldest first, keyset pages'), ...guarded },
  }),
  decideCompany: decisionRoute(
    '/v1/admin/companies/{id}/decision',
    'Verify or reject a company',
    CompanyDecision,
  ),
  decideProduct: decisionRoute(
    '/v1/admin/products/{id}/decision',
    'Approve (company must be verified) or reject a product',
    ProductDecision,
  ),
  decideRevision: decisionRoute(
    '/v1/admin/revisions/{id}/decision',
    'Approve (it becomes the public version) or reject an edit of an approved product',
    ProductDecision,
  ),
  decideMembership: decisionRoute(
    '/v1/admin/memberships/{id}/decision',
    'Approve (company must be verified) or decline a membership application',
    MembershipDecision,
  ),
  audit: createRoute({
    method: 'get',
    path: '/v1/admin/audit',
    tags: ['admin'],
    summary: 'The audit log, newest first (admins only)',
    request: { query: PageQuery },
    responses: { 200: jsonResponse(AuditPage, 'A page of audit entries'), ...guarded },
  }),
  setRole: createRoute({
    method: 'put',
    path: '/v1/admin/users/{id}/role',
    tags: ['admin'],
    summary: 'Grant or revoke organizer and admin (admins only; not your own admin role)',
    request: { params: IdParams, ...jsonBody(SetRole) },
    responses: {
      200: jsonResponse(RoleResultSchema, 'The user with the role now in effect'),
      ...guarded,
      404: problemResponse('No such user'),
      409: problemResponse('You cannot remove your own admin role'),
    },
  }),
};

export function registerAdminModeration(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.overview, async (c) => c.json(await getModerationOverview({ ctx: c.var.ctx }), 200));

  app.openapi(routes.companies, async (c) => {
    const page = await listCompanyQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toCompanyQueueEntry), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(routes.products, async (c) => {
    const page = await listProductQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toProductQueueEntry), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(routes.revisions, async (c) => {
    const page = await listRevisionQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toRevisionQueueEntry), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(routes.memberships, async (c) => {
    const page = await listMembershipQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toMembershipQueueEntry), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.decideCompany, async (c) =>
    c.json(
      await decideCompany({ ctx: c.var.ctx, input: { ...c.req.valid('json'), id: c.req.valid('param').id } }),
      200,
    ),
  );
  app.openapi(routes.decideProduct, async (c) =>
    c.json(
      await decideProduct({ ctx: c.var.ctx, input: { ...c.req.valid('json'), id: c.req.valid('param').id } }),
      200,
    ),
  );
  app.openapi(routes.decideRevision, async (c) =>
    c.json(
      await decideRevision({
        ctx: c.var.ctx,
        input: { ...c.req.valid('json'), id: c.req.valid('param').id },
      }),
      200,
    ),
  );
  app.openapi(routes.decideMembership, async (c) =>
    c.json(
      await decideMembership({
        ctx: c.var.ctx,
        input: { ...c.req.valid('json'), id: c.req.valid('param').id },
      }),
      200,
    ),
  );

  app.openapi(routes.audit, async (c) => {
    const page = await listAudit({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toAuditEntry), nextCursor: page.nextCursor }, 200);
  });

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
