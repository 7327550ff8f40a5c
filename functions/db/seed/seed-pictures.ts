/**
 * Pictures for the demo content (issue 14): logos for the approved products and verified companies,
 * screenshots for some products and covers for the events, drawn in code (./demo-pictures.ts, so the
 * seed is deterministic and git holds no binary files) and stored through the same path as uploads —
 * the upload checks, photon's re-encoding and the R2 keys (functions/services/media). Runs in Node
 * after the database seed, on wrangler's local R2 (scripts/lib/local-stack.ts). The seed's ids are
 * stable, so a picture's cache name (owner, kind, position) always means the same picture.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { type MediaBucket, putUpload } from '../../services/media/media-bucket';
import { processUpload } from '../../services/media/process-upload';
import type { Db } from '../client';
import type { MediaKind } from '../schema';
import { companies, events, media, products } from '../schema';
import { drawDemoCover, drawDemoLogo, drawDemoScreenshot } from './demo-pictures';

/** The logo's letter: the first letter of the site's host (lawbot.example.com → L). */
const letterOf = (website: string | null, fallback: string): string =>
  (/^https?:\/\/([a-z])/i.exec(website ?? '')?.[1] ?? fallback).toUpperCase();

/** Every third approved product shows screenshots: 2, 3 or 4 of them in turn. */
const screenshotCount = (index: number): number => (index % 3 === 0 ? 2 + ((index / 3) % 3) : 0);

/**
 * Drawing and re-encoding 100-odd pictures takes ~15 s; their results depend only on the drawing
 * and processing code, so they are kept under node_modules/.cache, keyed by that code's hash, and
 * later seeds (each test stack's) copy them instead.
 */
const CACHE_ROOT = resolve(import.meta.dirname, '../../../node_modules/.cache/opc-demo-pictures');
const SOURCES = [
  'demo-pictures.ts',
  '../../services/media/process-upload.ts',
  '../../services/media/upload-rules.ts',
];

function cacheDir(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES) hash.update(readFileSync(resolve(import.meta.dirname, file)));
  return join(CACHE_ROOT, hash.digest('hex').slice(0, 16));
}

async function processedPicture(dir: string, name: string, kind: MediaKind, draw: () => Uint8Array) {
  const file = join(dir, `${name}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { width: number; height: number; b64: string }[];
    return {
      type: 'image' as const,
      ext: 'jpg' as const,
      contentType: 'image/jpeg' as const,
      variants: cached.map((v) => ({
        width: v.width,
        height: v.height,
        bytes: Buffer.from(v.b64, 'base64'),
      })),
    };
  }
  const processed = await processUpload(draw(), kind, 'zh-CN');
  if (processed.type !== 'image') throw new Error('a demo picture is an image');
  mkdirSync(dir, { recursive: true });
  const rows = processed.variants.map((v) => ({
    width: v.width,
    height: v.height,
    b64: Buffer.from(v.bytes).toString('base64'),
  }));
  writeFileSync(file, JSON.stringify(rows));
  return processed;
}

export async function seedDemoPictures(opts: { db: Db; bucket: MediaBucket; now: Date }): Promise<number> {
  const { db, bucket, now } = opts;
  const dir = cacheDir();
  let stored = 0;
  const save = async (
    owner: { productId?: number; companyId?: number; eventId?: number },
    kind: MediaKind,
    draw: () => Uint8Array,
    position = 0,
  ) => {
    const name = `${Object.entries(owner).flat().join('-')}-${kind}-${position}`;
    const processed = await processedPicture(dir, name, kind, draw);
    const s = await putUpload(bucket, processed, kind);
    await db.insert(media).values({
      ...owner,
      kind,
      state: 'current',
      position,
      hash: s.hash,
      ext: s.ext,
      variants: s.variants,
      width: s.width,
      height: s.height,
      bytes: s.bytes,
      uploadedBy: null,
      createdAt: now,
    });
    stored += 1;
  };
  const productRows = await db
    .select({ id: products.id, website: products.website })
    .from(products)
    .where(eq(products.status, 'approved'))
    .orderBy(asc(products.id));
  for (const [index, p] of productRows.entries()) {
    await save({ productId: p.id }, 'logo', () => drawDemoLogo(`product-${p.id}`, letterOf(p.website, 'P')));
    for (let shot = 0; shot < screenshotCount(index); shot++)
      await save(
        { productId: p.id },
        'screenshot',
        () => drawDemoScreenshot(`product-${p.id}`, shot),
        shot + 1,
      );
  }
  const companyRows = await db
    .select({ id: companies.id, website: companies.website })
    .from(companies)
    .where(eq(companies.status, 'verified'))
    .orderBy(asc(companies.id));
  for (const c of companyRows)
    await save({ companyId: c.id }, 'logo', () => drawDemoLogo(`company-${c.id}`, letterOf(c.website, 'C')));
  const eventRows = await db
    .select({ id: events.id, slug: events.slug })
    .from(events)
    .orderBy(asc(events.id));
  for (const e of eventRows) await save({ eventId: e.id }, 'cover', () => drawDemoCover(e.slug));
  return stored;
}
