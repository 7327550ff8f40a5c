/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is `whsec_` + base64 of random
 * bytes; a delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`
 * = `v1,` + base64(HMAC-SHA256(secret bytes, "<id>.<timestamp>.<body>")). Receivers verify with any
 * Standard Webhooks library.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { randomBytes } from '../../lib/ids';

export const newWebhookSecret = (): string => `whsec_${encodeBase64(randomBytes(24))}`;

export function signatureHeaders(
  secret: string,
  messageId: string,
  at: Date,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = decodeBase64(secret.replace(/^whsec_/, ''));
  const mac = hmac(SHA256, key, new TextEncoder().encode(`${messageId}.${timestamp}.${body}`));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${encodeBase64(mac)}`,
  };
}
