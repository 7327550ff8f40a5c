/** One rate limit shared by every founder submission (companies, applications, products, edits). */
import type { ServiceContext } from '../../context';
import { enforceRateLimits } from '../../lib/rate-limit';

export const enforceSubmitLimit = (ctx: ServiceContext, userId: number) =>
  enforceRateLimits(ctx, [{ key: `submit:user:${userId}`, rule: ctx.config.rateLimitRules.submit }]);
