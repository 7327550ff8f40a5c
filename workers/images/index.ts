/**
 * The image Worker (decision 019): checks and re-encodes uploads with photon (wasm) for the portal,
 * which calls it over a service binding (RPC). Apart so that the portal's bundle and start-up stay
 * small, and so that decoding a 12-megapixel photo (~100 MB at the peak, ~0.3 s of CPU) never shares
 * an isolate's memory and thread with page requests.
 */
import { WorkerEntrypoint } from 'cloudflare:workers';
import type { MediaKind } from '../../functions/db/schema/media';
import type { Locale } from '../../functions/lib/locale';
import { localImages } from '../../functions/services/media/process-upload';
import type { ProcessOutcome } from '../../functions/services/media/upload-rules';

export class ImageProcessor extends WorkerEntrypoint {
  process(bytes: Uint8Array, kind: MediaKind, locale: Locale): Promise<ProcessOutcome> {
    return localImages.process(bytes, kind, locale);
  }
}

export default {
  fetch: () => new Response('The image Worker answers its service binding only.\n', { status: 404 }),
} satisfies ExportedHandler;
