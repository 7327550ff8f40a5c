/**
 * The Worker entry: Astro's fetch handler, and the Cron Trigger (wrangler.jsonc `triggers.crons`)
 * that retries the mail outbox and deletes expired rows.
 */
import { handle } from '@astrojs/cloudflare/handler';
import { runScheduledDelivery, runScheduledPurge } from '~/functions/scheduled';
import { getRuntime } from '~/src/lib/runtime';

export default {
  fetch: handle,
  async scheduled(_controller, _env, ctx) {
    const deps = getRuntime().then((runtime) => runtime.deps);
    ctx.waitUntil(deps.then(runScheduledDelivery));
    ctx.waitUntil(deps.then(runScheduledPurge));
  },
} satisfies ExportedHandler<Env>;
