/**
 * Sign-in. The answer never tells whether the email exists: an unknown email and a wrong password
 * give the same error, and an unknown email still runs one password verification (against a fixed
 * dummy hash) so both take about as long. A stored hash with weaker parameters than today's is
 * replaced while the password is at hand.
 *
 * Only failures are limited, per account from one address and per address alone (decision 008):
 * other people's wrong guesses, from other addresses, never refuse the owner's right password. Each
 * attempt reserves its count up front in one atomic upsert, so parallel guesses cannot pass the limit,
 * and a correct password gives the count back in the batch that creates the session.
 */
import { eq } from 'drizzle-orm';
import { PBKDF2_ITERATIONS } from '../../auth/password';
import { type CreatedSession, judgesAnyContest, newSession } from '../../auth/session';
import type { RequestUser, ServiceContext } from '../../context';
import { sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { enforceRateLimits, refundRateLimitsQuery, subjectKey } from '../../lib/rate-limit';
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
  const failures = [
    { key: `signin:ip:${ctx.clientIp}`, rule: rules.signinIp },
    // The address hash last: an account deletion drops the counters whose key ends in it.
    { key: `signin:ip-account:${ctx.clientIp}:${subjectKey(input.email)}`, rule: rules.signinAccount },
  ];
  await enforceRateLimits(ctx, failures);
  const [user] = await ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
      judges: judgesAnyContest,
    })
    .from(users)
    .where(eq(users.email, input.email));
  const valid = await ctx.hasher.verify(user?.passwordHash ?? DUMMY_HASH, input.password);
  // An address not yet verified answers like a wrong password: sign-up with a free address makes an
  // unverified account with the password just typed, so signing in must not tell it apart (decision 008).
  if (!user || !valid || user.emailVerifiedAt === null) throw invalidCredentials();
  const { row, session } = newSession(user.id, ctx.now);
  const createSession = ctx.db.insert(sessions).values(row);
  const refund = refundRateLimitsQuery(ctx, failures);
  if (ctx.hasher.needsRehash(user.passwordHash)) {
    const passwordHash = await ctx.hasher.hash(input.password);
    await ctx.db.batch([
      createSession,
      refund,
      ctx.db.update(users).set({ passwordHash, updatedAt: ctx.now }).where(eq(users.id, user.id)),
    ]);
  } else {
    await ctx.db.batch([createSession, refund]);
  }
  const { passwordHash: _, emailVerifiedAt, judges, ...profile } = user;
  return { user: { ...profile, emailVerified: emailVerifiedAt !== null, judges: Boolean(judges) }, session };
}
