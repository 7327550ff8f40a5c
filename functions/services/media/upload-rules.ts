/**
 * The rules of uploads, shared by the portal and the image Worker (decision 019): limits, variants
 * per kind, the shapes that cross the service binding and the localized refusals. No photon here:
 * the portal's bundle imports this file, only the image Worker (and Node) import process-upload.ts.
 */
import type { MediaKind } from '../../db/schema/media';
import { AppError, unavailable } from '../../lib/errors';
import type { Locale } from '../../lib/locale';
import { translate } from '../../lib/messages';

export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** An upload's body (API or page form): the file and its multipart framing and fields. */
export const UPLOAD_BODY_LIMIT_BYTES = UPLOAD_MAX_BYTES + 64 * 1024;
/**
 * A decoded image takes 4 bytes a pixel, and resizing holds a second copy: 12 MP is ~100 MB at the
 * peak, under a Worker's 128 MB. A 12-megapixel phone photo (4000 × 3000) fits.
 */
export const MAX_PIXELS = 12_000_000;

export interface KindRule {
  /** Variant widths, ascending; each capped at the source's width (never enlarged). */
  widths: number[];
  /** Smallest accepted source width (and height for a square). */
  minWidth: number;
  square: boolean;
}

/**
 * Every variant is a JPEG at JPEG_QUALITY (transparency flattened onto white): photon encodes WebP
 * only losslessly, 28 KB for a 192 px gradient logo where the JPEG takes 6 KB, and a photo's
 * screenshot ten times the JPEG's bytes.
 */
export const KIND_RULES: Record<MediaKind, KindRule> = {
  logo: { widths: [96, 192], minWidth: 96, square: true },
  screenshot: { widths: [640, 1280], minWidth: 320, square: false },
  cover: { widths: [640, 1280], minWidth: 640, square: false },
  licence: { widths: [1600], minWidth: 320, square: false },
};

export const JPEG_QUALITY = 82;
export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface StoredVariant {
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** What the image Worker answers over its binding: the upload, or the refusal as plain data. */
export type ProcessOutcome =
  | { ok: true; upload: ProcessedUpload }
  | { ok: false; status: number; fieldErrors: Record<string, string[]> };

export type ProcessedUpload =
  | { type: 'image'; ext: 'jpg'; contentType: 'image/jpeg'; variants: StoredVariant[] }
  | { type: 'pdf'; ext: 'pdf'; contentType: 'application/pdf'; bytes: Uint8Array };

export type UploadProblem =
  | 'empty'
  | 'tooLarge'
  | 'unsupportedType'
  | 'malformed'
  | 'tooManyPixels'
  | 'tooSmall'
  | 'tooSmallLogo'
  | 'fileMissing';

/**
 * A refused upload: the field error on `file` in the request's language (a form shows it beside the
 * file input), with status 413 for too large, 415 for a type not taken, else 422.
 */
export function uploadError(
  locale: Locale,
  problem: UploadProblem,
  params: Record<string, number> = {},
): AppError {
  const status = problem === 'tooLarge' ? 413 : problem === 'unsupportedType' ? 415 : 422;
  return new AppError(
    status,
    'invalid_upload',
    'error.validation',
    {},
    {
      file: [translate(locale, `upload.${problem}`, params)],
    },
  );
}

/** What processes uploads: the image Worker's binding in the Worker, the function itself in Node. */
export interface ImageProcessor {
  process(bytes: Uint8Array, kind: MediaKind, locale: Locale): Promise<ProcessOutcome>;
}

/** Checks and re-encodes an upload through `images`; a refusal is thrown as its AppError. */
export async function processWith(
  images: ImageProcessor,
  bytes: Uint8Array,
  kind: MediaKind,
  locale: Locale,
): Promise<ProcessedUpload> {
  let outcome: ProcessOutcome;
  try {
    outcome = await images.process(bytes, kind, locale);
  } catch (err) {
    // The image Worker failed (out of memory, not deployed): not the client's fault, try later.
    console.error('[media] the image Worker failed', err);
    throw unavailable();
  }
  if (!outcome.ok)
    throw new AppError(outcome.status, 'invalid_upload', 'error.validation', {}, outcome.fieldErrors);
  return outcome.upload;
}
