/**
 * Authorization checks services call first. Roles are global: every signed-in user is a founder;
 * `admin` includes `organizer`. Judging is an assignment, checked by the judging services.
 */
import type { RequestUser, ServiceContext } from '../context';
import { emailNotVerified, forbidden, unauthorized } from '../lib/errors';

export function requireUser(ctx: Pick<ServiceContext, 'user'>): RequestUser {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

/**
 * Anything done under a person's name needs a verified email: voting, registering a company,
 * applying to a community, submitting products, teams, 公示 objections.
 */
export function requireVerifiedUser(ctx: Pick<ServiceContext, 'user'>): RequestUser {
  const user = requireUser(ctx);
  if (!user.emailVerified) throw emailNotVerified();
  return user;
}

export function hasRole(user: RequestUser | null, role: 'organizer' | 'admin'): boolean {
  if (!user) return false;
  return role === 'organizer' ? user.role === 'organizer' || user.role === 'admin' : user.role === 'admin';
}

export function requireRole(ctx: Pick<ServiceContext, 'user'>, role: 'organizer' | 'admin'): RequestUser {
  const user = requireUser(ctx);
  if (!hasRole(user, role)) throw forbidden();
  return user;
}
