/**
 * Password hashing: PBKDF2-SHA256 through Web Crypto (native in workerd and Node) at 100,000
 * iterations, the most production Workers accept. The password is first keyed with a secret pepper
 * (HMAC-SHA256), so a leaked database alone is not enough to test guesses. Stored as
 * `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64) so the scheme can be raised later.
 */

import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { randomBytes } from '../lib/ids';

export const PBKDF2_ITERATIONS = 100_000;
const SCHEME = 'pbkdf2-sha256';
const encoder = new TextEncoder();

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string, password: string): Promise<boolean>;
  /** True when a stored hash uses weaker parameters than the current ones. */
  needsRehash(stored: string): boolean;
}

async function derive(
  pepper: string,
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const pepperKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(pepper),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const peppered = await crypto.subtle.sign('HMAC', pepperKey, encoder.encode(password.normalize('NFKC')));
  const key = await crypto.subtle.importKey('raw', peppered, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export function createPasswordHasher(pepper: string, iterations = PBKDF2_ITERATIONS): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const derived = await derive(pepper, password, salt, iterations);
      return `${SCHEME}$${iterations}$${encodeBase64(salt)}$${encodeBase64(derived)}`;
    },
    async verify(stored, password) {
      const [scheme, rounds, salt, hash] = stored.split('$');
      const count = Number(rounds);
      if (scheme !== SCHEME || !salt || !hash || !Number.isInteger(count) || count < 1) return false;
      const derived = await derive(pepper, password, new Uint8Array(decodeBase64(salt)), count);
      const expected = decodeBase64(hash);
      return derived.length === expected.length && constantTimeEqual(derived, expected);
    },
    needsRehash(stored) {
      const [scheme, rounds] = stored.split('$');
      return scheme !== SCHEME || Number(rounds) < iterations;
    },
  };
}
