/**
 * /v1/auth/*: sign-up, sign-in and sign-out with the session cookie (HttpOnly, SameSite=Lax, Secure
 * and `__Host-` named except on plain-HTTP localhost), email verification and password reset.
 * Sign-up answers 202 alike for a free and a taken address and signs nobody in; the mailed link
 * verifies and signs in (decision 008). Sign-up honours Idempotency-Key: a retry gets the stored answer.
 * The link of an email change (asked for at POST /v1/me/email) is used here too, without a session.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { isSecureRequest, sessionCookie } from '../auth/session';
import { signedOutCookies } from '../auth/session-claims';
import type { AppEnv } from '../context';
import { withIdempotency } from '../lib/idempotency';
import { ConfirmEmailChange } from '../schemas/account-changes';
import { problemResponse } from '../schemas/api';
import {
  ForgotPassword,
  Me,
  ResetPassword,
  SignIn,
  SignUp,
  SignUpAccepted,
  VerifyEmail,
} from '../schemas/auth';
import { IdempotencyHeader } from '../schemas/common';
import { confirmEmailChange } from '../services/accounts/confirm-email-change';
import { requestPasswordReset } from '../services/accounts/request-password-reset';
import { resendVerification } from '../services/accounts/resend-verification';
import { resetPassword } from '../services/accounts/reset-password';
import type { SignedIn } from '../services/accounts/sign-in';
import { signIn } from '../services/accounts/sign-in';
import { signOut } from '../services/accounts/sign-out';
import { signOutEverywhere } from '../services/accounts/sign-out-everywhere';
import { signUp } from '../services/accounts/sign-up';
import { verifyEmail } from '../services/accounts/verify-email';

const json = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
const SetCookie = z.object({
  'Set-Cookie': z.string().openapi({ description: 'opc_session=…; Path=/; HttpOnly; SameSite=Lax; Secure' }),
});
const noContent = (description: string) => ({ description });
const tooMany = problemResponse('Too many attempts: see Retry-After');

const signupRoute = createRoute({
  method: 'post',
  path: '/v1/auth/signup',
  operationId: 'signUp',
  tags: ['auth'],
  summary: 'Sign up (PIPL consent required): a mail goes to the address',
  description:
    'Always 202 with the same body, whether or not the address already has an account, and never a session. ' +
    'A new address gets the account and a verification link; opening it verifies and signs in (POST /v1/auth/verify-email). ' +
    'A taken address gets no new account: its owner is mailed a fresh verification link while the address is unverified, ' +
    'else a note that someone tried to sign up, with links to sign in and reset the password. ' +
    'With Idempotency-Key, a retry gets the first answer and no second mail.',
  request: { body: json(SignUp), headers: IdempotencyHeader },
  responses: {
    202: {
      description: 'A mail is on its way to the address (the same answer for a free and a taken address)',
      content: { 'application/json': { schema: SignUpAccepted } },
    },
    422: problemResponse('Invalid fields (weak password, no consent …)'),
    429: tooMany,
  },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/v1/auth/login',
  operationId: 'signIn',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  request: { body: json(SignIn) },
  responses: {
    200: { description: 'Signed in', headers: SetCookie, content: { 'application/json': { schema: Me } } },
    401: problemResponse(
      'Unknown email, wrong password or an address not yet verified (the same answer for all three)',
    ),
    422: problemResponse('Invalid fields'),
    429: tooMany,
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/v1/auth/logout',
  operationId: 'signOut',
  tags: ['auth'],
  summary: 'Sign out of this session and clear the cookie',
  responses: { 204: noContent('Signed out') },
});

const logoutAllRoute = createRoute({
  method: 'post',
  path: '/v1/auth/logout-all',
  operationId: 'signOutEverywhere',
  tags: ['auth'],
  summary: 'Sign out of every session of the signed-in user',
  responses: { 204: noContent('Every session ended'), 401: problemResponse('Not signed in') },
});

const verifyRoute = createRoute({
  method: 'post',
  path: '/v1/auth/verify-email',
  operationId: 'verifyEmail',
  tags: ['auth'],
  summary: 'Verify the email address with the token from the mailed link, and sign in',
  request: { body: json(VerifyEmail) },
  responses: {
    200: {
      description: 'The email address is verified and this client is signed in',
      headers: SetCookie,
      content: { 'application/json': { schema: Me } },
    },
    422: problemResponse('The token is invalid, used or expired'),
    429: tooMany,
  },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/v1/auth/verify-email/resend',
  operationId: 'resendVerificationEmail',
  tags: ['auth'],
  summary: 'Send a new verification link to the signed-in user',
  responses: {
    202: noContent('A new link is on its way'),
    401: problemResponse('Not signed in'),
    409: problemResponse('Already verified'),
    429: tooMany,
  },
});

const emailChangeConfirmRoute = createRoute({
  method: 'post',
  path: '/v1/auth/email-change/confirm',
  operationId: 'confirmEmailChange',
  tags: ['auth'],
  summary: 'Change the email address with the token from the link mailed to the new address',
  description:
    'Works once, within 24 hours, and without a session: the link proves the new address. The old address is told.',
  request: { body: json(ConfirmEmailChange) },
  responses: {
    200: {
      description: 'The account has the new, verified address',
      content: { 'application/json': { schema: z.object({ email: z.string() }) } },
    },
    422: problemResponse('The token is invalid, used or expired, or the address got an account meanwhile'),
    429: tooMany,
  },
});

const resetRequestRoute = createRoute({
  method: 'post',
  path: '/v1/auth/password-reset',
  operationId: 'requestPasswordReset',
  tags: ['auth'],
  summary: 'Mail a password-reset link (1 hour, single use)',
  description: 'Always 202, whether or not the email is registered.',
  request: { body: json(ForgotPassword) },
  responses: {
    202: noContent('If the email is registered, a link is on its way'),
    422: problemResponse('Invalid email'),
    429: tooMany,
  },
});

const resetConfirmRoute = createRoute({
  method: 'post',
  path: '/v1/auth/password-reset/confirm',
  operationId: 'resetPassword',
  tags: ['auth'],
  summary: 'Set a new password with a reset token; signs out every session',
  request: { body: json(ResetPassword) },
  responses: {
    204: noContent('The password is changed and every session ended'),
    422: problemResponse('Invalid token or password'),
  },
});

const secure = (c: Context<AppEnv>) => isSecureRequest(new URL(c.req.url));
const meOf = ({ user }: SignedIn): Me => user;
const signedInHeaders = (c: Context<AppEnv>, { session }: SignedIn) => ({
  'set-cookie': sessionCookie(session.token, session.expiresAt, secure(c)),
  'cache-control': 'no-store',
});

export function registerAuth(app: OpenAPIHono<AppEnv>) {
  app.openapi(signupRoute, async (c) => {
    const input = c.req.valid('json');
    const ctx = c.var.ctx;
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:signup:${ctx.clientIp}`,
        key: c.req.valid('header')['idempotency-key'],
        // Never the password: the stored fingerprint must not be a fast hash of it.
        request: { name: input.name, email: input.email },
      },
      async () => ({ status: 202, body: await signUp({ ctx, input }) }),
    );
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (answer.replayed) headers['idempotent-replayed'] = 'true';
    return c.json(answer.body, 202, headers);
  });

  app.openapi(loginRoute, async (c) => {
    const signedIn = await signIn({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json(meOf(signedIn), 200, signedInHeaders(c, signedIn));
  });

  app.openapi(logoutRoute, async (c) => {
    await signOut({ ctx: c.var.ctx });
    return c.body(null, 204, { 'set-cookie': signedOutCookies(secure(c)) });
  });

  app.openapi(logoutAllRoute, async (c) => {
    await signOutEverywhere({ ctx: c.var.ctx });
    return c.body(null, 204, { 'set-cookie': signedOutCookies(secure(c)) });
  });

  app.openapi(verifyRoute, async (c) => {
    const signedIn = await verifyEmail({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json(meOf(signedIn), 200, signedInHeaders(c, signedIn));
  });

  app.openapi(resendRoute, async (c) => {
    await resendVerification({ ctx: c.var.ctx });
    return c.body(null, 202);
  });

  app.openapi(emailChangeConfirmRoute, async (c) => {
    const { email } = await confirmEmailChange({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json({ email }, 200, { 'cache-control': 'no-store' });
  });

  app.openapi(resetRequestRoute, async (c) => {
    await requestPasswordReset({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.body(null, 202);
  });

  app.openapi(resetConfirmRoute, async (c) => {
    await resetPassword({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.body(null, 204, { 'set-cookie': signedOutCookies(secure(c)) });
  });
}
