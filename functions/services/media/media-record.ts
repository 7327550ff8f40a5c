/** A stored picture as pages and the API show it: its variants' public paths and sizes. */
import { type AnyColumn, type Column, sql } from 'drizzle-orm';
import { qualifiedColumn } from '../../db/pick-columns';
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

const mediaJson = sql`json_object('id', m.id, 'kind', m.kind, 'state', m.state, 'position', m.position,
  'hash', m.hash, 'ext', m.ext, 'variants', json(m.variants), 'width', m.width, 'height', m.height)`;

/**
 * The outer query's id column, always with its table's name: drizzle leaves a single table's columns
 * unqualified, and inside the subquery an unqualified `id` would be the picture's own.
 */
const outer = (id: AnyColumn) => qualifiedColumn(id as Column);

/** A product's current logo as JSON (one correlated lookup on media_product_idx), for list rows. */
export const currentLogoOf = (productId: AnyColumn) =>
  sql<string | null>`(SELECT ${mediaJson} FROM media AS m
    WHERE m.product_id = ${outer(productId)} AND m.kind = 'logo' AND m.state = 'current')`;

/** The current picture of a kind of a company or event, as JSON. */
export const currentMediaOf = (column: 'company_id' | 'event_id', id: AnyColumn, kind: MediaKind) =>
  sql<string | null>`(SELECT ${mediaJson} FROM media AS m
    WHERE m.${sql.raw(column)} = ${outer(id)} AND m.kind = ${kind} AND m.state = 'current')`;

export function parseMediaJson(json: string | null | undefined): MediaRecord | null {
  if (!json) return null;
  return toMediaRecord(JSON.parse(json) as MediaRow);
}
