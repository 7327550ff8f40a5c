/** A stored picture as pages and the API show it: its variants' public paths and sizes. */
import type { MediaKind, MediaState } from '../../db/schema';
import { media } from '../../db/schema';
import { mediaPath } from './media-bucket';

export const mediaColumns = {
  id: media.id,
  productId: media.productId,
  companyId: media.companyId,
  eventId: media.eventId,
  kind: media.kind,
  state: media.state,
  position: media.position,
  hash: media.hash,
  ext: media.ext,
  variants: media.variants,
  width: media.width,
  height: media.height,
};

export interface MediaRow {
  id: number;
  kind: MediaKind;
  state: MediaState;
  position: number;
  hash: string;
  ext: string;
  variants: number[];
  width: number | null;
  height: number | null;
}

export interface MediaVariant {
  width: number;
  height: number;
  url: string;
}

export interface MediaRecord {
  id: number;
  kind: MediaKind;
  state: MediaState;
  position: number;
  /** Ascending by width; the last is the largest. */
  variants: MediaVariant[];
}

export function toMediaRecord(row: MediaRow): MediaRecord {
  const width = row.width ?? 1;
  const height = row.height ?? 1;
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    position: row.position,
    variants: row.variants.map((w) => ({
      width: w,
      height: Math.max(1, Math.round((height * w) / width)),
      url: mediaPath(row, w),
    })),
  };
}

/** `srcset` of a picture's variants. */
export const srcsetOf = (m: MediaRecord): string => m.variants.map((v) => `${v.url} ${v.width}w`).join(', ');
