/** Helpers of the account tests: sign-up bodies, JSON requests, and the Worker's waitUntil. */
import type { ExecutionContext } from 'hono';
import type { App } from '~/functions/app';
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
