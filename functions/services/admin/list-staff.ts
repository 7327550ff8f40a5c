/** The organizers and admins, for the roles page (admins only; a handful of rows). */
import { asc, inArray } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { users } from '../../db/schema';

export async function listStaff({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, 'admin');
  return ctx.db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.role, ['organizer', 'admin']))
    .orderBy(asc(users.role), asc(users.email))
    .limit(200);
}
