/**
 * Coarse access rules by method and path (functions/auth/scopes.ts), checked before a route validates
 * its input, so an anonymous or unprivileged caller gets 401/403 rather than a validation answer that
 * hints at the route's shape. A personal access token must carry the route's scope, and routes that
 * take a browser session only refuse tokens. Services still check everything precisely (ownership,
 * verified email, judge assignment, admin).
 */
import { hasRole } from '../auth/guards';
import { routeAccess } from '../auth/scopes';
import type { ServiceContext } from '../context';
import { AppError, forbidden, unauthorized } from '../lib/errors';

const ORGANIZERS = /^\/api\/v1\/admin(\/|$)/;

export function checkAccess(method: string, path: string, ctx: Pick<ServiceContext, 'user' | 'token'>): void {
  const access = routeAccess(method, path);
  if (ctx.token) {
    if (access.scope === null) throw new AppError(403, 'session_required', 'error.sessionRequired');
    if (!ctx.token.scopes.includes(access.scope))
      throw new AppError(403, 'insufficient_scope', 'error.insufficientScope', { scope: access.scope });
  }
  if (!access.anonymous && !ctx.user) throw unauthorized();
  if (ORGANIZERS.test(path) && !hasRole(ctx.user, 'organizer')) throw forbidden();
}
