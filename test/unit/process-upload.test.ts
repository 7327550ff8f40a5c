import { crc32, deflateSync } from 'node:zlib';
import { PhotonImage } from '@cf-wasm/photon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaKind } from '~/functions/db/schema';
import { AppError } from '~/functions/lib/errors';
import type { Locale } from '~/functions/lib/locale';
import { translate } from '~/functions/lib/messages';
import { processUpload, UPLOAD_MAX_BYTES } from '~/functions/services/media/process-upload';

// --- byte helpers -------------------------------------------------------------------------------

const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const contains = (hay: Uint8Array, needle: Uint8Array) => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

/** A w×h RGBA gradient (red across, green down), encoded by `out`. */
function gradient(w: number, h: number, out: (img: PhotonImage) => Uint8Array): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) rgba.set([(x * 255) / w, (y * 255) / h, 128, 255], (y * w + x) * 4);
  const img = new PhotonImage(rgba, w, h);
  try {
    return out(img);
  } finally {
    img.free();
  }
}
const png = (w: number, h: number) => gradient(w, h, (i) => i.get_bytes());
const jpeg = (w: number, h: number) => gradient(w, h, (i) => i.get_bytes_jpeg(90));

/** Decodes with photon: the real dimensions and pixels of an output variant. */
function decode(bytes: Uint8Array) {
  const img = PhotonImage.new_from_byteslice(bytes);
  try {
    return { width: img.get_width(), height: img.get_height(), rgba: img.get_raw_pixels() };
  } finally {
    img.free();
  }
}

/** A JPEG segment: FF, marker, big-endian length (payload + 2), payload. */
const segment = (marker: number, payload: Uint8Array) =>
  concat([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], payload);
const afterSoi = (jpg: Uint8Array, seg: Uint8Array) => concat(jpg.subarray(0, 2), seg, jpg.subarray(2));

/** The markers of a JPEG's segments up to and including the first scan (SOS). */
function jpegMarkers(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  for (let at = 2; at + 4 <= bytes.length && bytes[at] === 0xff; ) {
    const marker = bytes[at + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
  }
  return markers;
}

/** Little-endian TIFF: IFD0 holds only a GPSInfo pointer (0x8825) to a GPS IFD at 26: 'N', 30°35'0" (Wuhan). */
function gpsTiff(): { tiff: Uint8Array; gpsIfd: Uint8Array } {
  const tiff = new Uint8Array(80);
  const v = new DataView(tiff.buffer);
  const u16 = (at: number, n: number) => v.setUint16(at, n, true);
  const u32 = (at: number, n: number) => v.setUint32(at, n, true);
  tiff.set(ascii('II'));
  u16(2, 42);
  u32(4, 8); // IFD0 at 8, one entry:
  u16(8, 1);
  u16(10, 0x8825); // GPSInfo, LONG × 1 = offset 26; next IFD (at 22) stays 0
  u16(12, 4);
  u32(14, 1);
  u32(18, 26);
  u16(26, 2); // GPS IFD, two entries:
  u16(28, 1); // GPSLatitudeRef, ASCII × 2 = "N\0" inline
  u16(30, 2);
  u32(32, 2);
  tiff.set(ascii('N'), 36);
  u16(40, 2); // GPSLatitude, RATIONAL × 3 at 56
  u16(42, 5);
  u32(44, 3);
  u32(48, 56);
  for (const [i, n] of [30, 1, 35, 1, 0, 1].entries()) u32(56 + i * 4, n);
  return { tiff, gpsIfd: tiff.subarray(26) };
}

/** A PNG chunk: length, type, data, CRC over type + data. */
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat(ascii(type), data);
  const out = new Uint8Array(8 + body.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(body, 4);
  v.setUint32(4 + body.length, crc32(body));
  return out;
}

/** A well-formed PNG whose IHDR claims 30000×30000 RGBA (900 MP) over a few bytes of IDAT. */
function pngBomb(): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 30_000);
  v.setUint32(4, 30_000);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return concat(
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(new Uint8Array(64))),
    pngChunk('IEND', new Uint8Array()),
  );
}

type Problem = 'empty' | 'tooLarge' | 'unsupportedType' | 'malformed' | 'tooManyPixels' | 'tooSmallLogo';

async function expectRefusal(
  bytes: Uint8Array,
  kind: MediaKind,
  status: number,
  problem: Problem,
  locale: Locale = 'zh-CN',
  params: Record<string, number> = {},
): Promise<string | undefined> {
  const err = await processUpload(bytes, kind, locale).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const appError = err as AppError;
  expect(appError.status).toBe(status);
  expect(appError.code).toBe('invalid_upload');
  expect(appError.fieldErrors?.file?.[0]).toBe(translate(locale, `upload.${problem}`, params));
  return appError.fieldErrors?.file?.[0];
}

/** processUpload for an image: narrows the result, failing the test on a PDF. */
async function image(bytes: Uint8Array, kind: MediaKind, locale: Locale) {
  const result = await processUpload(bytes, kind, locale);
  if (result.type !== 'image') throw new Error('expected an image');
  return result;
}

// --- tests ----------------------------------------------------------------------------------------

afterEach(() => vi.restoreAllMocks());

describe('processUpload variants', () => {
  it('crops a 500×300 logo to a centred square and stores JPEG 96 and 192', async () => {
    const result = await image(png(500, 300), 'logo', 'zh-CN');
    expect(result).toMatchObject({ ext: 'jpg', contentType: 'image/jpeg' });
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [96, 96],
      [192, 192],
    ]);
    for (const v of result.variants) {
      expect(v.bytes.subarray(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
      expect(decode(v.bytes)).toMatchObject({ width: v.width, height: v.height });
    }
    // Centre crop keeps source columns 100..399: red ≈ 51 at the left edge, ≈ 203 at the right.
    // A squashed (uncropped) or left-aligned crop would start near 0.
    const { rgba } = decode(result.variants[1]?.bytes ?? new Uint8Array());
    const red = (x: number) => rgba[(96 * 192 + x) * 4] ?? -1;
    expect(Math.abs(red(0) - 51)).toBeLessThan(8);
    expect(Math.abs(red(191) - 203)).toBeLessThan(8);
  });

  it('flattens a transparent logo onto white (JPEG has no alpha)', async () => {
    const clear = new PhotonImage(new Uint8Array(200 * 200 * 4), 200, 200); // all pixels (0,0,0,0)
    const bytes = clear.get_bytes();
    clear.free();
    const result = await image(bytes, 'logo', 'en');
    const { rgba } = decode(result.variants[0]?.bytes ?? new Uint8Array());
    expect(Array.from(rgba.subarray(0, 3)).every((c) => c > 245)).toBe(true);
  });

  it('gives a 1200×800 screenshot JPEGs at 640×427 and 1200×800, never enlarged to 1280', async () => {
    const result = await image(png(1200, 800), 'screenshot', 'zh-CN');
    expect(result).toMatchObject({ ext: 'jpg', contentType: 'image/jpeg' });
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [640, 427],
      [1200, 800],
    ]);
    for (const v of result.variants) {
      expect(v.bytes.subarray(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
      expect(decode(v.bytes)).toMatchObject({ width: v.width, height: v.height });
    }
  });

  it.each([
    ['JPEG', () => jpeg(600, 400)],
    ['WebP', () => gradient(600, 400, (i) => i.get_bytes_webp())],
  ])(
    'keeps a 600×400 %s screenshot at its own size (first width capped, not enlarged)',
    async (_n, build) => {
      const result = await image(build(), 'screenshot', 'zh-CN');
      expect(result.variants.map((v) => [v.width, v.height])).toEqual([[600, 400]]);
    },
  );

  it('drops EXIF with its GPS position from every variant', async () => {
    const { tiff, gpsIfd } = gpsTiff();
    const input = afterSoi(jpeg(1400, 1000), segment(0xe1, concat(ascii('Exif\0\0'), tiff)));
    expect(contains(input, ascii('Exif'))).toBe(true);
    expect(jpegMarkers(input)).toContain(0xe1);
    for (const kind of ['screenshot', 'logo'] as const) {
      const result = await image(input, kind, 'zh-CN');
      expect(result.variants.length).toBe(2); // screenshot 640 + 1280, logo 96 + 192
      for (const { bytes } of result.variants) {
        expect(contains(bytes, ascii('Exif'))).toBe(false);
        expect(contains(bytes, ascii('EXIF'))).toBe(false);
        expect(contains(bytes, gpsIfd)).toBe(false);
        if (kind === 'screenshot') expect(jpegMarkers(bytes)).not.toContain(0xe1);
      }
    }
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const input = jpeg(600, 400);
    for (const kind of ['logo', 'screenshot'] as const) {
      const [a, b] = await Promise.all([
        processUpload(input, kind, 'zh-CN'),
        processUpload(input.slice(), kind, 'zh-CN'),
      ]);
      expect(a).toEqual(b);
    }
  });
});

describe('processUpload refusals', () => {
  const pdf = ascii('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  it('refuses an empty file (422) and one over 5 MB (413)', async () => {
    await expectRefusal(new Uint8Array(), 'logo', 422, 'empty');
    await expectRefusal(new Uint8Array(UPLOAD_MAX_BYTES + 1), 'screenshot', 413, 'tooLarge');
    await expectRefusal(new Uint8Array(UPLOAD_MAX_BYTES + 1), 'screenshot', 413, 'tooLarge', 'en');
  });

  it.each([
    [
      'an SVG with <script>',
      ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['a GIF', concat(ascii('GIF89a'), [1, 0, 1, 0, 0, 0, 0, 0x3b])],
    ['a ZIP', concat([0x50, 0x4b, 0x03, 0x04], new Uint8Array(60))],
    ['plain text', ascii('just some text, named logo.png')],
    ['a PDF as a logo', pdf],
  ])('refuses %s by its bytes (415)', async (_name, bytes) => {
    await expectRefusal(bytes, 'logo', 415, 'unsupportedType');
  });

  it('names the allowed types in English too', async () => {
    await expectRefusal(ascii('GIF89a......'), 'cover', 415, 'unsupportedType', 'en');
  });

  it('accepts a PDF as a licence, unchanged', async () => {
    expect(await processUpload(pdf, 'licence', 'zh-CN')).toEqual({
      type: 'pdf',
      ext: 'pdf',
      contentType: 'application/pdf',
      bytes: pdf,
    });
  });

  it.each([
    ['a truncated PNG', () => png(600, 400).subarray(0, 2000)],
    ['a truncated JPEG', () => jpeg(600, 400).subarray(0, 2000)],
    ['a JPEG missing its EOI', () => jpeg(600, 400).subarray(0, -2)],
    [
      'a PNG with HTML after IEND',
      () => concat(png(600, 400), ascii('<html><script>alert(1)</script></html>')),
    ],
    [
      'a JPEG whose COM segment holds a script',
      () => afterSoi(jpeg(600, 400), segment(0xfe, ascii('<script>alert(1)</script>'))),
    ],
  ])('refuses %s as malformed (422) from its structure, before decoding', async (_name, build) => {
    const input = build();
    const decodeSpy = vi.spyOn(PhotonImage, 'new_from_byteslice');
    await expectRefusal(input, 'screenshot', 422, 'malformed');
    expect(decodeSpy).not.toHaveBeenCalled();
  });

  it('refuses a 30000×30000 PNG header as too many pixels before decoding it', async () => {
    const decodeSpy = vi.spyOn(PhotonImage, 'new_from_byteslice');
    await processUpload(png(400, 400), 'screenshot', 'zh-CN');
    expect(decodeSpy).toHaveBeenCalledTimes(1); // the spy sees the decoder process-upload uses
    decodeSpy.mockClear();
    const message = await expectRefusal(pngBomb(), 'screenshot', 422, 'tooManyPixels');
    expect(message).toContain('1200 万像素');
    expect(decodeSpy).not.toHaveBeenCalled();
  });

  it('refuses a 64×64 logo as too small, naming 96', async () => {
    const message = await expectRefusal(png(64, 64), 'logo', 422, 'tooSmallLogo', 'zh-CN', { min: 96 });
    expect(message).toContain('96 × 96');
  });
});
