/** Random identifiers and tokens from the Web Crypto RNG (the same in workerd and Node). */
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return bytes;
}

/** 120 bits, lower-case base32: session ids, one-time tokens. */
export const randomToken = (bytes = 15): string => encodeBase32LowerCaseNoPadding(randomBytes(bytes));

export const requestIdFrom = (header: string | null | undefined): string =>
  header && /^[\w-]{8,64}$/.test(header) ? header : encodeHexLowerCase(randomBytes(8));
