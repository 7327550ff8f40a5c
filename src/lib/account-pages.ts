/**
 * Loaders of the sign-up, sign-in, verification, reset and dev-outbox pages (src/lib/page.ts): the
 * form through handleForm with the shared schema and the account services, then a redirect or the
 * props of the view. The account settings are in account-settings-pages.ts.
 */
import type { AstroGlobal } from 'astro';
import { hasRole } from '~/functions/auth/guards';
import type { RequestUser } from '~/functions/context';
import { ForgotPassword, ResetPassword, SignIn, SignUp, VerifyEmail } from '~/functions/schemas/auth';
import { requestPasswordReset } from '~/functions/services/accounts/request-password-reset';
import { resetPassword } from '~/functions/services/accounts/reset-password';
import { signIn } from '~/functions/services/accounts/sign-in';
import { signUp } from '~/functions/services/accounts/sign-up';
import { verifyEmail } from '~/functions/services/accounts/verify-email';
import { listMessages } from '~/functions/services/outbox/list-messages';
import { recentDeliveriesQuery, withSignatureHeaders } from '~/functions/services/webhooks/manage-endpoints';
import { localizedPath } from '~/src/i18n';
import { type FormState, handleForm } from '~/src/lib/forms';
import { type Loaded, notFound, page, respond } from '~/src/lib/page';
import { clearSessionCookie, safeNext, setSessionCookie } from '~/src/lib/session-cookie';

type Page<P> = Promise<Loaded<P>>;

/** Notices a page shows after a redirect, by a fixed key in `?notice=` (never free text). */
export const SIGNIN_NOTICES = {
  'verification-sent': 'signin.notice.verificationSent',
  'signed-out': 'signin.notice.signedOut',
  'signed-out-everywhere': 'signin.notice.signedOutEverywhere',
  'password-reset': 'signin.notice.passwordReset',
  'account-deleted': 'signin.notice.accountDeleted',
} as const;
export type SigninNotice = (typeof SIGNIN_NOTICES)[keyof typeof SIGNIN_NOTICES];

const here = (Astro: AstroGlobal, path: string) => localizedPath(path, Astro.locals.locale);

/**
 * Where signing in lands when nobody asked for a page: organizers and admins on the admin home,
 * judges on their contests, everyone else on 我的.
 */
const landingFor = (Astro: AstroGlobal, user: RequestUser | null): string =>
  here(Astro, hasRole(user, 'organizer') ? '/admin' : user?.judges ? '/judge' : '/me');

/**
 * `?next=`: where a visitor was going when a page sent them to sign in or up (same-site paths only,
 * checked by safeNext). It survives each step: sign-in ↔ sign-up links, the mailed verification link,
 * and company registration, so the person arrives back at what they started.
 */
export const returnPath = (Astro: AstroGlobal): string | null => {
  const next = Astro.url.searchParams.get('next');
  return next === null ? null : safeNext(next, '') || null;
};

/** `path` with the visitor's return path carried along, when there is one. */
export const carrying = (path: string, next: string | null, params = ''): string => {
  const query = [params, next ? `next=${encodeURIComponent(next)}` : ''].filter(Boolean).join('&');
  return query ? `${path}?${query}` : path;
};

export async function signUpPage(Astro: AstroGlobal): Page<{ form: FormState; next: string | null }> {
  const next = returnPath(Astro);
  if (Astro.request.method === 'GET' && Astro.locals.ctx.user)
    return respond(Astro.redirect(next ?? here(Astro, '/me'), 303));
  const form = await handleForm(
    Astro,
    SignUp,
    async (input) => {
      // The same answer for a free and a taken address, and nobody signed in (decision 008).
      await signUp({ ctx: Astro.locals.ctx, input, returnTo: next });
      return carrying(here(Astro, '/signin'), next, 'notice=verification-sent');
    },
    // An unticked checkbox sends nothing; a ticked one sends "on".
    { prepare: (values) => ({ ...values, consent: values.consent === 'on' }) },
  );
  return form.redirect ? respond(form.redirect) : page({ form, next });
}

export async function signInPage(
  Astro: AstroGlobal,
): Page<{ form: FormState; notice: SigninNotice | null; carried: string | null }> {
  const carried = returnPath(Astro);
  const { user } = Astro.locals.ctx;
  if (Astro.request.method === 'GET' && user)
    return respond(Astro.redirect(carried ?? landingFor(Astro, user), 303));
  const form = await handleForm(Astro, SignIn, async (input) => {
    const signedIn = await signIn({ ctx: Astro.locals.ctx, input });
    setSessionCookie(Astro.cookies, Astro.url, signedIn.session);
    return carried ?? landingFor(Astro, signedIn.user);
  });
  const key = Astro.url.searchParams.get('notice') ?? '';
  const notice = Object.hasOwn(SIGNIN_NOTICES, key)
    ? SIGNIN_NOTICES[key as keyof typeof SIGNIN_NOTICES]
    : null;
  return form.redirect ? respond(form.redirect) : page({ form, notice, carried });
}

/** The mailed link verifies the address and signs in (decision 008), then goes to the dashboard. */
export async function verifyEmailPage(Astro: AstroGlobal): Page<{ form: FormState; token: string | null }> {
  const token = Astro.url.searchParams.get('token');
  const next = returnPath(Astro);
  const form = await handleForm(Astro, VerifyEmail, async (input) => {
    const { session } = await verifyEmail({ ctx: Astro.locals.ctx, input });
    setSessionCookie(Astro.cookies, Astro.url, session);
    return next ?? `${here(Astro, '/me')}?notice=email-verified`;
  });
  return form.redirect ? respond(form.redirect) : page({ form, token });
}

export async function forgotPasswordPage(Astro: AstroGlobal): Page<{ form: FormState; sent: boolean }> {
  const form = await handleForm(Astro, ForgotPassword, async (input) => {
    await requestPasswordReset({ ctx: Astro.locals.ctx, input });
    return `${here(Astro, '/forgot-password')}?sent=1`;
  });
  return form.redirect
    ? respond(form.redirect)
    : page({ form, sent: Astro.url.searchParams.get('sent') === '1' });
}

export async function resetPasswordPage(Astro: AstroGlobal): Page<{ form: FormState; token: string | null }> {
  const token = Astro.url.searchParams.get('token');
  const form = await handleForm(Astro, ResetPassword, async (input) => {
    await resetPassword({ ctx: Astro.locals.ctx, input });
    clearSessionCookie(Astro.cookies, Astro.url);
    return `${here(Astro, '/signin')}?notice=password-reset`;
  });
  return form.redirect ? respond(form.redirect) : page({ form, token });
}

/** Development only (the page map answers 404 in production): the latest 50 outbox messages. */
export async function devOutboxPage(Astro: AstroGlobal) {
  // The page map keeps it from production too; the outbox holds live one-time links, so twice.
  if (Astro.locals.config.isProduction) return notFound;
  const { ctx } = Astro.locals;
  const [messages, deliveries] = await ctx.db.batch([
    listMessages({ ctx, input: { limit: 50 } }),
    recentDeliveriesQuery(ctx.db),
  ]);
  return page({ messages, webhooks: withSignatureHeaders(deliveries) });
}
