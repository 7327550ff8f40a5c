/** Sign-out on every device: all the user's sessions, this one included, are deleted. */
import { requireUser } from '../../auth/guards';
import { invalidateUserSessions } from '../../auth/session';
import type { ServiceContext } from '../../context';

export async function signOutEverywhere({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'user'>;
}): Promise<void> {
  const user = requireUser(ctx);
  await invalidateUserSessions(ctx.db, user.id);
}
