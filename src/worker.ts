/**
 * The Worker entry: cached public pages (src/lib/page-cache.ts), else Astro's fetch handler; and the Cron Trigger (wrangler.jsonc `triggers.crons`)
 * that retries the mail outbox and deletes expired rows.
 */
import { handle } from '@astrojs/cloudflare/handler';
import { renderPagesToStrings } from '~/src/lib/render-mode';

renderPagesToStrings();

import { ConfigError } from '~/functions/config';
import { runScheduledDelivery, runScheduledPurge } from '~/functions/scheduled';
import { isMediaPath, mediaResponse } from '~/src/lib/media-response';
import { cachedPage } from '~/src/lib/page-cache';
import { getRuntime } from '~/src/lib/runtime';

export default {
  async fetch(request, env, ctx) {
    // Anonymous visitors' cached public pages are answered before Astro routes the request, and
    // without building the runtime (a hit stays cheap on a fresh isolate).
    const hit = await cachedPage(request);
    if (hit) return hit;
    // A Worker with a broken configuration (e.g. production without SITE_URL) says so, in the log and
    // in every answer, health included, instead of building links from whatever Host was sent.
    const misconfigured = await getRuntime().then(
      () => null,
      (err: unknown) => (err instanceof ConfigError ? err : null),
    );
    if (misconfigured) return misconfiguredResponse(request, misconfigured);
    if (isMediaPath(new URL(request.url).pathname)) return mediaResponse(request);
    return handle(request, env, ctx);
  },
  async scheduled(_controller, _env, ctx) {
    const deps = getRuntime().then((runtime) => runtime.deps);
    ctx.waitUntil(deps.then(runScheduledDelivery));
    ctx.waitUntil(deps.then(runScheduledPurge));
  },
} satisfies ExportedHandler<Env>;

function misconfiguredResponse(request: Request, err: ConfigError): Response {
  console.error(`[config] the portal cannot serve requests: ${err.message}`);
  const headers = { 'cache-control': 'no-store', 'retry-after': '60' };
  if (new URL(request.url).pathname === '/api/v1/health')
    return Response.json({ status: 'error', db: 'error', config: err.message }, { status: 503, headers });
  return new Response(`The portal is not configured: ${err.message}\n`, {
    status: 503,
    headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
  });
}
