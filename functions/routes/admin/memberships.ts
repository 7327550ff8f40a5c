/** /v1/admin/memberships: Community membership applications and the decision on one. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { jsonResponse } from '../../schemas/api';
import { MembershipQueuePage, queueQuery } from '../../schemas/moderation';
import { MembershipDecision } from '../../schemas/submissions';
import { decideMembership } from '../../services/moderation/decide-membership';
import { listMembershipQueue } from '../../services/moderation/list-membership-queue';
import { MEMBERSHIP_QUEUE_STATUSES } from '../../services/moderation/shared';
import { toMembershipQueueEntry } from '../moderation-json';
import { decisionRoute, moderationErrors } from './shared';

const routes = {
  memberships: createRoute({
    method: 'get',
    path: '/v1/admin/memberships',
    operationId: 'listMembershipQueue',
    tags: ['moderation'],
    summary: 'Community membership applications by status (pending by default)',
    request: { query: queueQuery(MEMBERSHIP_QUEUE_STATUSES) },
    responses: { 200: jsonResponse(MembershipQueuePage, 'Oldest first, keyset pages'), ...moderationErrors },
  }),
  decideMembership: decisionRoute(
    'decideMembership',
    '/v1/admin/memberships/{id}/decision',
    'Approve (company must be verified) or decline a membership application',
    MembershipDecision,
  ),
};

export function registerAdminMemberships(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.memberships, async (c) => {
    const page = await listMembershipQueue({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toMembershipQueueEntry), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.decideMembership, async (c) =>
    c.json(
      await decideMembership({
        ctx: c.var.ctx,
        input: { ...c.req.valid('json'), id: c.req.valid('param').id },
      }),
      200,
    ),
  );
}
