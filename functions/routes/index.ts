/** Every route module of the API, registered in one place. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { registerAdmin } from './admin';
import { registerAuth } from './auth';
import { registerCommunities } from './communities';
import { registerCompanies } from './companies';
import { registerContests } from './contests';
import { registerDocs } from './docs';
import { registerEvents } from './events';
import { registerHealth } from './health';
import { registerJudge } from './judge';
import { registerMe } from './me';
import { registerMedia } from './media';
import { registerProducts } from './products';
import { registerTeams } from './teams';
import { registerTokens } from './tokens';
import { registerVouchers } from './vouchers';

export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  registerHealth(app);
  registerAuth(app);
  registerMe(app);
  registerTokens(app);
  registerCommunities(app);
  registerCompanies(app);
  registerContests(app);
  registerEvents(app);
  registerProducts(app);
  registerMedia(app);
  registerTeams(app);
  registerVouchers(app);
  registerAdmin(app);
  registerJudge(app);
  registerDocs(app);
}
