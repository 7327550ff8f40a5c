/**
 * The Worker entry: Astro's fetch handler. Kept as our own module so scheduled handlers (the mail
 * outbox retry) can be added next to it.
 */
import { handle } from '@astrojs/cloudflare/handler';

export default {
  fetch: handle,
} satisfies ExportedHandler<Env>;
