/**
 * Checks an uploaded file and turns it into what is stored (issue 14, decision 019). Nothing of the
 * uploaded bytes is kept: an image is decoded and encoded again into fixed variants (which drops
 * EXIF, XMP and GPS with every other chunk), and a licence PDF is only ever served to its owner and
 * organizers as an attachment. In order, each step refusing with its own localized error:
 *   1. size: not empty, at most UPLOAD_MAX_BYTES;
 *   2. type sniffed from the bytes (never the name or the declared type): PNG, JPEG, WebP, and PDF
 *      for the licence only; SVG and everything else refused;
 *   3. structure: the file ends where its format says (no truncated image, nothing appended: the
 *      usual polyglot), and carries no markup that a browser could run if it were ever served raw;
 *   4. pixels read from the header before decoding: at most MAX_PIXELS (a decompression bomb is
 *      refused before it costs memory), at least the kind's minimum;
 *   5. decode, crop (logos square), resize and encode as JPEG with photon (wasm, in the image Worker).
 */
import { crop, PhotonImage, resize, SamplingFilter } from '@cf-wasm/photon';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import type { MediaKind } from '../../db/schema';
import { type AppError, isAppError } from '../../lib/errors';
import type { Locale } from '../../lib/locale';
import {
  IMAGE_TYPES,
  type ImageProcessor,
  JPEG_QUALITY,
  KIND_RULES,
  type KindRule,
  MAX_PIXELS,
  type ProcessedUpload,
  type StoredVariant,
  UPLOAD_MAX_BYTES,
  type UploadProblem,
  uploadError,
} from './upload-rules';

export { UPLOAD_MAX_BYTES };

/** The image processor of Node (the seed and tests): the check and re-encoding, in process. */
export const localImages: ImageProcessor = {
  async process(bytes, kind, locale) {
    try {
      return { ok: true, upload: await processUpload(bytes, kind, locale) };
    } catch (err) {
      if (!isAppError(err)) throw err;
      return { ok: false, status: err.status, fieldErrors: err.fieldErrors ?? {} };
    }
  },
};

export async function processUpload(
  bytes: Uint8Array,
  kind: MediaKind,
  locale: Locale,
): Promise<ProcessedUpload> {
  const refuse = (problem: UploadProblem, params?: Record<string, number>) =>
    uploadError(locale, problem, params);
  if (bytes.byteLength === 0) throw refuse('empty');
  if (bytes.byteLength > UPLOAD_MAX_BYTES) throw refuse('tooLarge');
  const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const mime = sniffed?.mime ?? '';
  if (mime === 'application/pdf' && kind === 'licence') return checkPdf(bytes, refuse);
  if (!IMAGE_TYPES.has(mime)) throw refuse('unsupportedType');
  const metadata = metadataParts(bytes, mime);
  if (!metadata || carriesMarkup(metadata)) throw refuse('malformed');
  const size = headerSize(bytes);
  if (!size) throw refuse('malformed');
  if (size.width * size.height > MAX_PIXELS) throw refuse('tooManyPixels');
  const rule = KIND_RULES[kind];
  if (Math.min(size.width, rule.square ? size.height : size.width) < rule.minWidth)
    throw refuse(kind === 'logo' ? 'tooSmallLogo' : 'tooSmall', { min: rule.minWidth });
  return {
    type: 'image',
    ext: 'jpg',
    contentType: 'image/jpeg',
    variants: encode(bytes, rule, refuse),
  };
}

function headerSize(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    const { width, height, orientation } = imageSize(bytes);
    if (!width || !height) return null;
    // EXIF orientations 5–8 turn the picture a quarter: the stored variants do not (decision 019).
    return orientation && orientation >= 5 ? { width: height, height: width } : { width, height };
  } catch {
    return null;
  }
}

function encode(bytes: Uint8Array, rule: KindRule, refuse: (p: UploadProblem) => AppError): StoredVariant[] {
  let source: PhotonImage;
  try {
    source = PhotonImage.new_from_byteslice(bytes);
  } catch {
    throw refuse('malformed');
  }
  const owned: PhotonImage[] = [source];
  try {
    let image = source;
    if (rule.square) {
      const side = Math.min(image.get_width(), image.get_height());
      const x = Math.floor((image.get_width() - side) / 2);
      const y = Math.floor((image.get_height() - side) / 2);
      image = crop(image, x, y, x + side, y + side);
      owned.push(image);
    }
    const fromWidth = image.get_width();
    const fromHeight = image.get_height();
    // Each width capped at the source's (never enlarged): a 1200 px screenshot gives 640 and 1200.
    const widths = [...new Set(rule.widths.map((w) => Math.min(w, fromWidth)))];
    // Largest first, each smaller one from the one before: a 12 MP photo is resized once, not twice.
    let from = image;
    const variants = widths.reverse().map((width) => {
      const height = Math.max(1, Math.round((fromHeight * width) / fromWidth));
      const resized =
        width === from.get_width() ? from : resize(from, width, height, SamplingFilter.Triangle);
      if (resized !== from) owned.push(resized);
      from = resized;
      // JPEG has no transparency: transparent parts become white, as on the portal's cards.
      const flat = onWhite(resized);
      if (flat !== resized) owned.push(flat);
      return { width, height, bytes: flat.get_bytes_jpeg(JPEG_QUALITY) };
    });
    return variants.reverse();
  } finally {
    for (const image of owned) image.free();
  }
}

/** The image composited over white, or the image itself when it is opaque. */
function onWhite(image: PhotonImage): PhotonImage {
  const px = image.get_raw_pixels();
  let opaque = true;
  for (let i = 3; i < px.length; i += 4) {
    const a = px[i] ?? 255;
    if (a === 255) continue;
    opaque = false;
    const keep = a / 255;
    px[i - 3] = Math.round((px[i - 3] ?? 0) * keep + 255 * (1 - keep));
    px[i - 2] = Math.round((px[i - 2] ?? 0) * keep + 255 * (1 - keep));
    px[i - 1] = Math.round((px[i - 1] ?? 0) * keep + 255 * (1 - keep));
    px[i] = 255;
  }
  return opaque ? image : new PhotonImage(px, image.get_width(), image.get_height());
}

/**
 * Walks the file's structure: the parts that are not pixels (PNG chunks other than IDAT, JPEG
 * segments before the scan, WebP chunks other than the bitstream), or null when the file does not
 * end where its format says — truncated, or with something appended (the usual polyglot).
 */
function metadataParts(bytes: Uint8Array, mime: string): Uint8Array[] | null {
  const n = bytes.byteLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  const parts: Uint8Array[] = [];
  if (mime === 'image/png') {
    // length (4), type (4), data, CRC (4); the last chunk is IEND and ends the file.
    for (let at = 8; at + 12 <= n; ) {
      const length = view.getUint32(at);
      const type = tag(at + 4);
      if (type !== 'IDAT') parts.push(bytes.subarray(at + 8, Math.min(n, at + 8 + length)));
      at += 12 + length;
      if (type === 'IEND') return at === n ? parts : null;
    }
    return null;
  }
  if (mime === 'image/jpeg') {
    // Segments up to the first scan (SOS); the entropy-coded data then runs to EOI at the very end.
    for (let at = 2; at + 4 <= n; ) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1] ?? 0;
      if (marker === 0xff) {
        at += 1; // fill byte
        continue;
      }
      const length = view.getUint16(at + 2);
      parts.push(bytes.subarray(at + 4, Math.min(n, at + 2 + length)));
      if (marker === 0xda) return bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9 ? parts : null;
      at += 2 + length;
    }
    return null;
  }
  // WebP: RIFF size counts everything after its first 8 bytes; chunks are tag (4), size (4), data.
  if (n < 12 || view.getUint32(4, true) + 8 !== n) return null;
  for (let at = 12; at + 8 <= n; ) {
    const size = view.getUint32(at + 4, true);
    const type = tag(at);
    if (!['VP8 ', 'VP8L', 'ALPH', 'ANMF'].includes(type)) parts.push(bytes.subarray(at + 8, at + 8 + size));
    at += 8 + size + (size % 2);
    if (at > n) return null;
  }
  return parts;
}

const MARKUP = /<(?:script|html|svg|iframe|object|embed|body|\?php|!doctype)/i;

/** Metadata that reads as HTML, SVG or PHP (a polyglot) is refused even though the image decodes. */
function carriesMarkup(parts: Uint8Array[]): boolean {
  // latin1 maps each byte to one character, so the scan sees every byte.
  const latin1 = new TextDecoder('latin1');
  return parts.some((part) => MARKUP.test(latin1.decode(part)));
}

function checkPdf(bytes: Uint8Array, refuse: (p: UploadProblem) => AppError): ProcessedUpload {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.byteLength - 1024)));
  if (!head.startsWith('%PDF-') || !tail.includes('%%EOF')) throw refuse('malformed');
  return { type: 'pdf', ext: 'pdf', contentType: 'application/pdf', bytes };
}
