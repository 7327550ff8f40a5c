/** Sign-out of this browser: its session row is deleted (nothing to do when anonymous). */
import { invalidateSession } from '../../auth/session';
import type { ServiceContext } from '../../context';

export async function signOut({ ctx }: { ctx: Pick<ServiceContext, 'db' | 'sessionId'> }): Promise<void> {
  if (ctx.sessionId) await invalidateSession(ctx.db, ctx.sessionId);
}
