/**
 * Sign-up: the user (with PIPL consent: the privacy page's version and the instant), a verification
 * token, the verification mail and a session are written in one batch, so either all exist or none.
 * The mail goes out after the response.
 */
import { sql } from 'drizzle-orm';
import { newSession } from '../../auth/session';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { emailTokens, sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { enforceRateLimits } from '../../lib/rate-limit';
import type { SignUp } from '../../schemas/auth';
import { deliverPending } from '../outbox/deliver-pending';
import { enqueueMail } from '../outbox/enqueue-mail';
import { siteLink } from '../outbox/templates';
import { newMailToken, VERIFY_EMAIL_TTL_MS } from './mail-tokens';
import type { SignedIn } from './sign-in';

export async function signUp({ ctx, input }: { ctx: ServiceContext; input: SignUp }): Promise<SignedIn> {
  await enforceRateLimits(ctx, [
    { key: `signup:ip:${ctx.clientIp}`, rule: ctx.config.rateLimitRules.signupIp },
  ]);
  const privacy = ctx.catalog.page('privacy');
  if (!privacy)
    throw new Error('content/pages/privacy.md is missing: sign-up records consent to its version');
  const passwordHash = await ctx.hasher.hash(input.password);
  const { token, hash } = newMailToken();
  // Later statements of the batch find the new user by its (unique) email.
  const userId = sql`(select ${users.id} from ${users} where ${users.email} = ${input.email})`;
  const { row, session } = newSession(userId, ctx.now);
  let id: number;
  try {
    const [inserted] = await ctx.db.batch([
      ctx.db
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          passwordHash,
          locale: ctx.locale,
          consentVersion: privacy.updatedOn,
          consentedAt: ctx.now,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: users.id }),
      ctx.db.insert(emailTokens).values({
        userId,
        purpose: 'verify_email',
        tokenHash: hash,
        expiresAt: new Date(ctx.now.getTime() + VERIFY_EMAIL_TTL_MS),
        createdAt: ctx.now,
      }),
      ctx.db.insert(sessions).values(row),
      enqueueMail(ctx, {
        to: input.email,
        locale: ctx.locale,
        template: 'verify-email',
        params: { name: input.name, url: siteLink(ctx, `/verify-email?token=${token}`, ctx.locale) },
      }),
    ]);
    const first = inserted[0];
    if (!first) throw new Error('sign-up inserted no user');
    id = first.id;
  } catch (err) {
    if (isUniqueViolation(err)) {
      const message = translate(ctx.locale, 'auth.emailTaken');
      throw new AppError(409, 'email_taken', 'auth.emailTaken', {}, { email: [message] });
    }
    throw err;
  }
  ctx.waitUntil(deliverPending(ctx));
  return {
    user: { id, email: input.email, name: input.name, role: 'founder', emailVerified: false },
    session,
  };
}
