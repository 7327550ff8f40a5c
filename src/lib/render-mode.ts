/**
 * Pages render to a string, not a stream (decision 025): the middleware buffers every page anyway
 * (Server-Timing counts the round trips made while rendering), and Astro's streaming machinery cost
 * about a quarter of a cold page's Worker CPU for nothing. The Cloudflare adapter builds its App
 * with streaming on and takes no option, so the App's own hook (`resolveStreaming`, which the
 * adapter-facing App consults per request) answers false. test/unit/render-mode.test.ts fails if an
 * Astro upgrade renames it.
 */
import { BaseApp } from 'astro/app';

export function renderPagesToStrings(app: { prototype: object } = BaseApp): void {
  const proto = app.prototype as { resolveStreaming?: () => boolean | undefined };
  if (typeof proto.resolveStreaming !== 'function')
    throw new Error('Astro no longer has App#resolveStreaming');
  proto.resolveStreaming = () => false;
}
