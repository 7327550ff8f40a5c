/**
 * Sign-up never tells whether the address already has an account, and never signs in (decision 008):
 * every address gets the same answer, "a mail is on its way", after the same work (the password is
 * hashed on every path, and every path reads once and writes once). What differs is only the mail, which the owner of
 * the address reads:
 * - a free address: the user (with PIPL consent: the privacy page's version and the instant), a
 *   verification token and its mail, in one batch; the mailed link verifies and signs in;
 * - taken, not yet verified: a fresh verification link to the account (a person who signs up twice
 *   still gets in); nothing of the account changes until the link is used, which sets the password
 *   typed now, so a stranger who signed the address up first keeps no password to it;
 * - taken and verified: a mail to the owner that someone tried to sign up with the address, with
 *   links to sign in and to reset the password.
 * Mails to one address are capped (RATE_LIMIT_SIGNUP_EMAIL per hour), so sign-ups from many
 * addresses cannot flood an owner's inbox; past the cap nothing is written and the answer is the same.
 * The counter is counted in the batch that reads the address, so every path keeps its round trips.
 * The mail goes out after the response.
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { emailTokens, users } from '../../db/schema';
import type { Locale } from '../../lib/locale';
import { enforceRateLimits, incrementQuery, overLimit, subjectKey } from '../../lib/rate-limit';
import type { SignUp, SignUpAccepted } from '../../schemas/auth';
import { deliverPending } from '../outbox/deliver-pending';
import { enqueueMail } from '../outbox/enqueue-mail';
import { siteLink } from '../outbox/templates';
import { newMailToken, VERIFY_EMAIL_TTL_MS } from './mail-tokens';

export async function signUp({
  ctx,
  input,
  returnTo,
}: {
  ctx: ServiceContext;
  input: SignUp;
  /**
   * Where the person was going when they signed up (a same-site path, already checked by the caller
   * with safeNext): the mailed links carry it, so verifying lands there instead of on the dashboard.
   */
  returnTo?: string | null;
}): Promise<SignUpAccepted> {
  await enforceRateLimits(ctx, [
    { key: `signup:ip:${ctx.clientIp}`, rule: ctx.config.rateLimitRules.signupIp },
  ]);
  const privacy = ctx.catalog.page('privacy');
  if (!privacy)
    throw new Error('content/pages/privacy.md is missing: sign-up records consent to its version');
  // Hashed on every path, also when the hash is not kept, so a taken address answers as late.
  const passwordHash = await ctx.hasher.hash(input.password);
  const mails = {
    key: `signup:mail:${subjectKey(input.email)}`,
    rule: ctx.config.rateLimitRules.signupEmail,
  };
  const [counted, [owner]] = await ctx.db.batch([
    incrementQuery(ctx, mails),
    ctx.db
      .select({ id: users.id, name: users.name, locale: users.locale, verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.email, input.email)),
  ]);
  const accepted = { status: 'verification_sent' as const, email: input.email };
  if (overLimit(ctx, counted, mails)) return accepted;
  const { token, hash } = newMailToken();
  const next = returnTo ? `&next=${encodeURIComponent(returnTo)}` : '';
  // A new user is found by its (unique) email, inserted earlier in the same batch.
  const newUserId = sql`(select ${users.id} from ${users} where ${users.email} = ${input.email})`;
  const verification = (userId: number | SQL, name: string, locale: Locale) =>
    [
      ctx.db.insert(emailTokens).values({
        userId,
        purpose: 'verify_email',
        tokenHash: hash,
        // Set when the link is used: the password of the sign-up that mailed it.
        passwordHash,
        expiresAt: new Date(ctx.now.getTime() + VERIFY_EMAIL_TTL_MS),
        createdAt: ctx.now,
      }),
      enqueueMail(ctx, {
        to: input.email,
        locale,
        template: 'verify-email',
        params: { name, url: siteLink(ctx, `/verify-email?token=${token}${next}`, locale) },
      }),
    ] as const;
  try {
    if (!owner) {
      await ctx.db.batch([
        ctx.db.insert(users).values({
          email: input.email,
          name: input.name,
          passwordHash,
          locale: ctx.locale,
          consentVersion: privacy.updatedOn,
          consentedAt: ctx.now,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }),
        ...verification(newUserId, input.name, ctx.locale),
      ]);
    } else if (!owner.verifiedAt) {
      await ctx.db.batch(verification(owner.id, owner.name, owner.locale));
    } else {
      await enqueueMail(ctx, {
        to: input.email,
        locale: owner.locale,
        template: 'signup-attempt',
        params: {
          name: owner.name,
          signInUrl: siteLink(
            ctx,
            returnTo ? `/signin?next=${encodeURIComponent(returnTo)}` : '/signin',
            owner.locale,
          ),
          resetUrl: siteLink(ctx, '/forgot-password', owner.locale),
        },
      });
    }
  } catch (err) {
    // A concurrent sign-up of the same address came first; it mails the link. The answer is the same.
    if (!isUniqueViolation(err)) throw err;
  }
  ctx.waitUntil(deliverPending(ctx));
  return accepted;
}
