/**
 * Where uploaded bytes live: the Worker's R2 binding `MEDIA` (wrangler.jsonc; wrangler's local R2
 * under .data/ in local runs). Services see only this much of R2Bucket. Keys (decision 019):
 *   media/{hash}-{width}.{ext}    a public variant, served at /media/{hash}-{width}.{ext}
 *   private/{hash}-{width}.{ext}  a licence scan, served only through the licence route
 *   private/{hash}.pdf            a licence PDF
 * The hash is over a per-upload salt and the stored bytes (`uploadHash`): a key never changes
 * meaning, so it is served with `immutable`, and it belongs to one row only.
 */
import { encodeHexLowerCase } from '@oslojs/encoding';
import { inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { type MediaKind, mediaErasures } from '../../db/schema';
import { unavailable } from '../../lib/errors';
import type { ProcessedUpload } from './upload-rules';

export interface MediaObject {
  body: ReadableStream<Uint8Array>;
  size: number;
}

export interface MediaBucket {
  put(
    key: string,
    value: Uint8Array,
    options?: { httpMetadata?: { contentType?: string } },
  ): Promise<unknown>;
  get(key: string): Promise<MediaObject | null>;
  delete(keys: string | string[]): Promise<void>;
}

export interface StoredMedia {
  hash: string;
  ext: string;
  variants: number[];
  width: number | null;
  height: number | null;
  bytes: number;
}

const isPrivate = (kind: MediaKind) => kind === 'licence';

/** Every R2 key of a stored upload. */
export function objectKeys(m: { hash: string; ext: string; variants: number[]; kind: MediaKind }): string[] {
  const folder = isPrivate(m.kind) ? 'private' : 'media';
  if (m.variants.length === 0) return [`${folder}/${m.hash}.${m.ext}`];
  return m.variants.map((w) => `${folder}/${m.hash}-${w}.${m.ext}`);
}

/** The public path of one variant (for <img src>, srcset and og:image). */
export const mediaPath = (m: { hash: string; ext: string }, width: number): string =>
  `/media/${m.hash}-${width}.${m.ext}`;

/**
 * The key's hash: SHA-256 over a random salt and the stored bytes, 32 hex characters. Each upload
 * gets keys of its own (the same picture uploaded twice is two sets of objects), so a key names one
 * upload's bytes forever — immutable — and erasing one row's objects can never take another's.
 */
async function uploadHash(bytes: Uint8Array): Promise<string> {
  const salted = new Uint8Array(16 + bytes.byteLength);
  salted.set(crypto.getRandomValues(new Uint8Array(16)));
  salted.set(bytes, 16);
  return encodeHexLowerCase(new Uint8Array(await crypto.subtle.digest('SHA-256', salted))).slice(0, 32);
}

/**
 * Writes the processed upload's objects; returns what the media row records. A write that fails
 * part way deletes what it wrote, and the failure is the storage being unavailable (503).
 */
export async function putUpload(
  bucket: MediaBucket,
  processed: ProcessedUpload,
  kind: MediaKind,
): Promise<StoredMedia> {
  const largest = processed.type === 'pdf' ? processed.bytes : processed.variants.at(-1)?.bytes;
  if (!largest) throw new Error('an image upload has at least one variant');
  const stored: StoredMedia =
    processed.type === 'pdf'
      ? {
          hash: await uploadHash(largest),
          ext: 'pdf',
          variants: [],
          width: null,
          height: null,
          bytes: largest.byteLength,
        }
      : {
          hash: await uploadHash(largest),
          ext: processed.ext,
          variants: processed.variants.map((v) => v.width),
          width: processed.variants.at(-1)?.width ?? null,
          height: processed.variants.at(-1)?.height ?? null,
          bytes: processed.variants.reduce((sum, v) => sum + v.bytes.byteLength, 0),
        };
  const keys = objectKeys({ ...stored, kind });
  const bodies = processed.type === 'pdf' ? [processed.bytes] : processed.variants.map((v) => v.bytes);
  try {
    await Promise.all(
      bodies.map((body, i) =>
        bucket.put(keys[i] as string, body, { httpMetadata: { contentType: processed.contentType } }),
      ),
    );
  } catch (err) {
    await bucket.delete(keys).catch(() => {});
    console.error('[media] R2 write failed', err);
    throw unavailable();
  }
  return stored;
}

/**
 * Deletes the R2 objects of media rows that are gone (queued by the migration's trigger). Keys
 * belong to one row each, so nothing else can need them. Run after a request that deleted media
 * (`eraseSoon`), and by the cron for anything a failed request left queued.
 */
export async function eraseDeletedMedia(
  ctx: Pick<ServiceContext, 'db'>,
  bucket: MediaBucket,
): Promise<number> {
  const queued = await ctx.db
    .select({
      id: mediaErasures.id,
      hash: mediaErasures.hash,
      ext: mediaErasures.ext,
      variants: mediaErasures.variants,
      kind: mediaErasures.kind,
    })
    .from(mediaErasures)
    .limit(200);
  if (queued.length === 0) return 0;
  const keys = queued.flatMap((q) => objectKeys(q));
  await bucket.delete(keys);
  await ctx.db.delete(mediaErasures).where(
    inArray(
      mediaErasures.id,
      queued.map((q) => q.id),
    ),
  );
  return keys.length;
}

/** Erases deleted pictures' objects after the response; a failure is logged, the cron retries. */
export function eraseSoon(ctx: ServiceContext): void {
  ctx.waitUntil(
    eraseDeletedMedia(ctx, ctx.media).catch((err: unknown) =>
      console.error(`[${ctx.requestId}] media erasure failed; the cron retries`, err),
    ),
  );
}

/** Deletes just-written objects that no row took (a refused insert). */
export async function discardUpload(
  bucket: MediaBucket,
  stored: StoredMedia,
  kind: MediaKind,
): Promise<void> {
  await bucket.delete(objectKeys({ ...stored, kind })).catch(() => {});
}
