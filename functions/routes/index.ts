/** Every route module of the API, registered in one place. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { registerAdminModeration } from './admin-moderation';
import { registerAuth } from './auth';
import { registerCommunities } from './communities';
import { registerCompanies } from './companies';
import { registerContestResults } from './contest-results';
import { registerContests } from './contests';
import { registerDocs } from './docs';
import { registerEvents } from './events';
import { registerHealth } from './health';
import { registerJudgingAdmin } from './judging-admin';
import { registerJudgingJudge } from './judging-judge';
import { registerMe } from './me';
import { registerProducts } from './products';
import { registerSubmissions } from './submissions';
import { registerTeams } from './teams';
import { registerVotes } from './votes';

export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  registerHealth(app);
  registerAuth(app);
  registerMe(app);
  registerCommunities(app);
  registerCompanies(app);
  registerContests(app);
  registerEvents(app);
  registerProducts(app);
  registerTeams(app);
  registerSubmissions(app);
  registerVotes(app);
  registerAdminModeration(app);
  registerContestResults(app);
  registerJudgingAdmin(app);
  registerJudgingJudge(app);
  registerDocs(app);
}
