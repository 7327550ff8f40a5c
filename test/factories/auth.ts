/**
 * Helpers of the account tests: sign-up bodies, JSON requests, mailed tokens, signing up the way a
 * person does (sign up, open the mailed link), and the Worker's waitUntil.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { ExecutionContext } from 'hono';
import type { App } from '~/functions/app';
import type { Db } from '~/functions/db/client';
import { outbox } from '~/functions/db/schema';
import { writeHeaders } from './session';

let sequence = 0;

export function signUpBody(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    name: `创始人${sequence}`,
    email: `founder${sequence}-${Date.now().toString(36)}@example.com`,
    password: 'river-lantern-2026',
    consent: true,
    ...overrides,
  };
}

/** Collects promises handed to waitUntil, like the Worker runtime does after the response. */
export function backgroundTasks() {
  const pending: Promise<unknown>[] = [];
  const executionCtx = {
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    passThroughOnException: () => {},
    props: {},
  } as unknown as ExecutionContext;
  return {
    executionCtx,
    count: () => pending.length,
    settle: async () => {
      await Promise.all(pending.splice(0));
    },
  };
}

export function postJson(
  app: App,
  path: string,
  body: unknown,
  opts: {
    cookie?: string;
    headers?: Record<string, string>;
    executionCtx?: ExecutionContext;
    method?: string;
  } = {},
) {
  return app.request(
    path,
    {
      method: opts.method ?? 'POST',
      headers: writeHeaders(opts.cookie, opts.headers),
      body: body === undefined ? null : JSON.stringify(body),
    },
    undefined,
    opts.executionCtx,
  );
}

/** `opc_session=…` from a response's Set-Cookie, ready for a Cookie header. */
export function sessionFrom(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('opc_session='));
  if (!cookie) throw new Error('no session cookie in the response');
  return cookie.split(';')[0] ?? '';
}

/** The token in the latest mail of a template to an address, read from the outbox table. */
export async function mailedToken(db: Db, email: string, template: string): Promise<string> {
  const [message] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toEmail, email), eq(outbox.template, template)))
    .orderBy(desc(outbox.id))
    .limit(1);
  const token = /token=([a-z2-7]+)/.exec(message?.body ?? '')?.[1];
  if (!token) throw new Error(`no ${template} mail to ${email}`);
  return token;
}

/**
 * A new account the way a person gets one (decision 008): sign up through the API, then open the
 * mailed verification link, which verifies the address and signs in. Answers the sign-up body, the
 * user id and the session cookie. Where a test is not about sign-up, `insertUser` is shorter.
 */
export async function signUpVerified(
  app: App,
  db: Db,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const body = signUpBody(overrides);
  const signup = await postJson(app, '/api/v1/auth/signup', body, { headers });
  if (signup.status !== 202) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
  const token = await mailedToken(db, body.email, 'verify-email');
  const verified = await postJson(app, '/api/v1/auth/verify-email', { token }, { headers });
  if (verified.status !== 200) throw new Error(`verification answered ${verified.status}`);
  const { id } = (await verified.json()) as { id: number };
  return { ...body, id, cookie: sessionFrom(verified) };
}
