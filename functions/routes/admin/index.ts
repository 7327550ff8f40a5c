/** /v1/admin: organizers' moderation and judging, admins' audit log and roles; one file per next path segment. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { registerAdminAudit } from './audit';
import { registerAdminCompanies } from './companies';
import { registerAdminContests } from './contests';
import { registerAdminEntries } from './entries';
import { registerAdminEvents } from './events';
import { registerAdminMemberships } from './memberships';
import { registerAdminObjections } from './objections';
import { registerAdminOverview } from './overview';
import { registerAdminProducts } from './products';
import { registerAdminRevisions } from './revisions';
import { registerAdminUsers } from './users';
import { registerAdminWebhooks } from './webhooks';

export function registerAdmin(app: OpenAPIHono<AppEnv>) {
  registerAdminOverview(app);
  registerAdminCompanies(app);
  registerAdminProducts(app);
  registerAdminRevisions(app);
  registerAdminMemberships(app);
  registerAdminAudit(app);
  registerAdminUsers(app);
  registerAdminContests(app);
  registerAdminEntries(app);
  registerAdminObjections(app);
  registerAdminEvents(app);
  registerAdminWebhooks(app);
}
