/**
 * The Worker entry: Astro's fetch handler, and the Cron Trigger (wrangler.jsonc `triggers.crons`)
 * that retries the mail outbox.
 */
import { handle } from '@astrojs/cloudflare/handler';
import { runScheduledDelivery } from '~/functions/scheduled';
import { getRuntime } from '~/src/lib/runtime';

export default {
  fetch: handle,
  async scheduled(_controller, _env, ctx) {
    ctx.waitUntil(getRuntime().then(({ deps }) => runScheduledDelivery(deps)));
  },
} satisfies ExportedHandler<Env>;
