/**
 * Coarse access rules by path, checked before a route validates its input, so an anonymous or
 * unprivileged caller gets 401/403 rather than a validation answer that hints at the route's shape.
 * Services still check everything precisely (ownership, verified email, judge assignment, admin).
 */
import { hasRole } from '../auth/guards';
import type { RequestUser } from '../context';
import { forbidden, unauthorized } from '../lib/errors';

const OPEN_WRITES = /^\/api\/v1\/auth\//;
const SIGNED_IN = /^\/api\/v1\/(me|judge|teams)(\/|$)/;
const ORGANIZERS = /^\/api\/v1\/admin(\/|$)/;

export function checkAccess(method: string, path: string, user: RequestUser | null): void {
  const write = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
  const needsUser = ORGANIZERS.test(path) || SIGNED_IN.test(path) || (write && !OPEN_WRITES.test(path));
  if (needsUser && !user) throw unauthorized();
  if (ORGANIZERS.test(path) && !hasRole(user, 'organizer')) throw forbidden();
}
