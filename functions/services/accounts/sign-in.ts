/**
 * Sign-in. The answer never tells whether the email exists: an unknown email and a wrong password
 * give the same error, and an unknown email still runs one password verification (against a fixed
 * dummy hash) so both take about as long. Limited per client address and per account. A stored hash
 * with weaker parameters than today's is replaced while the password is at hand.
 */
import { eq } from 'drizzle-orm';
import { PBKDF2_ITERATIONS } from '../../auth/password';
import { type CreatedSession, newSession } from '../../auth/session';
import type { RequestUser, ServiceContext } from '../../context';
import { sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { enforceRateLimits, subjectKey } from '../../lib/rate-limit';
import type { SignIn } from '../../schemas/auth';

export interface SignedIn {
  user: RequestUser;
  session: CreatedSession;
}

/** A well-formed hash of no known password, at the production cost. */
const DUMMY_HASH = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$si1mA2efxacrl8ZdF7Qujg==$K+Aun855LkNwjKaq03AOfQo8sYgoaMQjLsLTDp3zwLo=`;

export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');

export async function signIn({ ctx, input }: { ctx: ServiceContext; input: SignIn }): Promise<SignedIn> {
  const rules = ctx.config.rateLimitRules;
  await enforceRateLimits(ctx, [
    { key: `signin:ip:${ctx.clientIp}`, rule: rules.signinIp },
    { key: `signin:account:${subjectKey(input.email)}`, rule: rules.signinAccount },
  ]);
  const [user] = await ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.email, input.email));
  const valid = await ctx.hasher.verify(user?.passwordHash ?? DUMMY_HASH, input.password);
  // An address not yet verified answers like a wrong password: sign-up with a free address makes an
  // unverified account with the password just typed, so signing in must not tell it apart (decision 008).
  if (!user || !valid || user.emailVerifiedAt === null) throw invalidCredentials();
  const { row, session } = newSession(user.id, ctx.now);
  const createSession = ctx.db.insert(sessions).values(row);
  if (ctx.hasher.needsRehash(user.passwordHash)) {
    const passwordHash = await ctx.hasher.hash(input.password);
    await ctx.db.batch([
      createSession,
      ctx.db.update(users).set({ passwordHash, updatedAt: ctx.now }).where(eq(users.id, user.id)),
    ]);
  } else {
    await createSession;
  }
  const { passwordHash: _, emailVerifiedAt, ...profile } = user;
  return { user: { ...profile, emailVerified: emailVerifiedAt !== null }, session };
}
