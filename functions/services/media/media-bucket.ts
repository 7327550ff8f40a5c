/**
 * Where uploaded bytes live: the Worker's R2 binding `MEDIA` (wrangler.jsonc; wrangler's local R2
 * under .data/ in local runs). Services see only this much of R2Bucket. Keys (decision 019):
 *   media/{hash}-{width}.{ext}    a public variant, served at /media/{hash}-{width}.{ext}
 *   private/{hash}-{width}.{ext}  a licence scan, served only through the licence route
 *   private/{hash}.pdf            a licence PDF
 * The hash is over the largest variant's bytes, so a key never changes meaning: served with
 * `immutable`, and the same picture uploaded twice is one set of objects.
 */
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { type MediaKind, media, mediaErasures } from '../../db/schema';
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

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return encodeHexLowerCase(
    new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
  ).slice(0, 32);
}

/** Writes the processed upload's objects; returns what the media row records. */
export async function putUpload(
  bucket: MediaBucket,
  processed: ProcessedUpload,
  kind: MediaKind,
): Promise<StoredMedia> {
  if (processed.type === 'pdf') {
    const stored = {
      hash: await sha256Hex(processed.bytes),
      ext: 'pdf',
      variants: [],
      width: null,
      height: null,
      bytes: processed.bytes.byteLength,
    };
    const [key] = objectKeys({ ...stored, kind });
    await bucket.put(key as string, processed.bytes, {
      httpMetadata: { contentType: processed.contentType },
    });
    return stored;
  }
  const largest = processed.variants[processed.variants.length - 1];
  if (!largest) throw new Error('an image upload has at least one variant');
  const stored = {
    hash: await sha256Hex(largest.bytes),
    ext: processed.ext,
    variants: processed.variants.map((v) => v.width),
    width: largest.width,
    height: largest.height,
    bytes: processed.variants.reduce((sum, v) => sum + v.bytes.byteLength, 0),
  };
  const keys = objectKeys({ ...stored, kind });
  await Promise.all(
    processed.variants.map((v, i) =>
      bucket.put(keys[i] as string, v.bytes, { httpMetadata: { contentType: processed.contentType } }),
    ),
  );
  return stored;
}

/**
 * Deletes the R2 objects of media rows that are gone (queued by the migration's trigger), unless
 * another row still uses the same hash. Run after a request that deleted media (waitUntil), and by
 * the cron for anything a failed request left queued.
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
      // Qualified by hand: drizzle leaves a one-table query's columns unqualified.
      inUse: sql<number>`EXISTS (SELECT 1 FROM media AS m WHERE m.hash = media_erasures.hash)`,
    })
    .from(mediaErasures)
    .limit(200);
  if (queued.length === 0) return 0;
  const keys = queued.filter((q) => !q.inUse).flatMap((q) => objectKeys(q));
  if (keys.length > 0) await bucket.delete(keys);
  await ctx.db.batch(
    queued.map((q) => ctx.db.delete(mediaErasures).where(eq(mediaErasures.id, q.id))) as [never, ...never[]],
  );
  return keys.length;
}

/** Deletes just-written objects that no row took (a refused insert), unless a row uses the hash. */
export async function discardUpload(
  ctx: Pick<ServiceContext, 'db'>,
  bucket: MediaBucket,
  stored: StoredMedia,
  kind: MediaKind,
): Promise<void> {
  const [used] = await ctx.db
    .select({ id: media.id })
    .from(media)
    .where(eq(media.hash, stored.hash))
    .limit(1);
  if (!used) await bucket.delete(objectKeys({ ...stored, kind }));
}
