/**
 * The Worker entry: cached public pages (src/lib/page-cache.ts), else Astro's fetch handler; and the Cron Trigger (wrangler.jsonc `triggers.crons`)
 * that retries the mail outbox and deletes expired rows.
 */
import { handle } from '@astrojs/cloudflare/handler';
import { runScheduledDelivery, runScheduledPurge } from '~/functions/scheduled';
import { cachedPage } from '~/src/lib/page-cache';
import { getRuntime } from '~/src/lib/runtime';

export default {
  async fetch(request, env, ctx) {
    // Anonymous visitors' cached public pages are answered before Astro routes the request.
    return (await cachedPage(request)) ?? handle(request, env, ctx);
  },
  async scheduled(_controller, _env, ctx) {
    const deps = getRuntime().then((runtime) => runtime.deps);
    ctx.waitUntil(deps.then(runScheduledDelivery));
    ctx.waitUntil(deps.then(runScheduledPurge));
  },
} satisfies ExportedHandler<Env>;
