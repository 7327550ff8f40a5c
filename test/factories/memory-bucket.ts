/**
 * An in-memory stand-in for the R2 binding, for tests that call the Hono app or services in Node.
 * Tests of the built Worker use wrangler's local R2 instead (decision 019): nothing there is mocked.
 */
import type { MediaBucket } from '~/functions/services/media/media-bucket';

export interface MemoryBucket extends MediaBucket {
  objects: Map<string, { bytes: Uint8Array; contentType: string | undefined }>;
}

export function memoryBucket(): MemoryBucket {
  const objects: MemoryBucket['objects'] = new Map();
  return {
    objects,
    async put(key, value, options) {
      objects.set(key, { bytes: value.slice(), contentType: options?.httpMetadata?.contentType });
    },
    async get(key) {
      const found = objects.get(key);
      if (!found) return null;
      return {
        body: new Response(found.bytes as Uint8Array<ArrayBuffer>).body as ReadableStream<Uint8Array>,
        size: found.bytes.byteLength,
      };
    },
    async delete(keys) {
      for (const key of Array.isArray(keys) ? keys : [keys]) objects.delete(key);
    },
  };
}
