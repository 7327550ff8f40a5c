/**
 * Opaque cursors for keyset pagination: the sort key values of the last item, base64url-encoded
 * JSON. A malformed or tampered cursor is a 422, never a 500.
 */
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { invalidCursor } from './errors';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCursor(values: ReadonlyArray<string | number | null>): string {
  return encodeBase64urlNoPadding(encoder.encode(JSON.stringify(values)));
}

/** Decodes a cursor whose values must match `shape` (e.g. ['number', 'number']). */
export function decodeCursor<const S extends ReadonlyArray<'number' | 'string'>>(
  cursor: string,
  shape: S,
): { [K in keyof S]: S[K] extends 'number' ? number : string } {
  const fail = () => invalidCursor('invalid cursor');
  let values: unknown;
  try {
    values = JSON.parse(decoder.decode(decodeBase64urlIgnorePadding(cursor)));
  } catch {
    throw fail();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw fail();
  shape.forEach((type, i) => {
    const value: unknown = values[i];
    if (type === 'number' ? !Number.isSafeInteger(value) : typeof value !== 'string') throw fail();
  });
  return values as { [K in keyof S]: S[K] extends 'number' ? number : string };
}
