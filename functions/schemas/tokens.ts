/** Personal access tokens (decision 021): the create form and API body, and what lists show. */
import { z } from '@hono/zod-openapi';
import { SCOPES } from '../auth/scopes';
import { Instant } from './api';
import { nameLine } from './common';

export const TOKEN_MAX_DAYS = 365;
export const TOKEN_EXPIRY_CHOICES = [7, 30, 90, 365] as const;
/** Live tokens one person may hold at once (checked by the insert itself). */
export const TOKENS_PER_USER = 20;

export const CreateToken = z
  .object({
    name: nameLine(60).openapi({ example: '汉数通同步' }),
    scopes: z
      .array(z.enum(SCOPES, { error: 'field.invalid' }), { error: 'field.choose' })
      .min(1, { error: 'field.choose' })
      .max(SCOPES.length)
      .transform((scopes) => [...new Set(scopes)])
      .openapi({ example: ['read'] }),
    expiresInDays: z.coerce
      .number({ error: 'field.invalid' })
      .int({ error: 'field.invalid' })
      .min(1, { error: 'field.invalid' })
      .max(TOKEN_MAX_DAYS, { error: 'field.invalid' })
      .default(90)
      .openapi({ example: 90, description: `1–${TOKEN_MAX_DAYS} days, default 90` }),
  })
  .openapi('CreateToken');
export type CreateToken = z.infer<typeof CreateToken>;

export const TokenSummary = z
  .object({
    id: z.string().openapi({ example: 'a2b3c4d5e6f7g2h3' }),
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    createdAt: Instant,
    expiresAt: Instant,
    lastUsedAt: Instant.nullable(),
  })
  .openapi('TokenSummary');

export const CreatedToken = TokenSummary.extend({
  token: z.string().openapi({
    description: 'The token itself: shown this once, never again',
    example: 'opc_pat_a2b3c4d5e6f7g2h3_abcdefghijklmnopqrstuvwxyz234567',
  }),
}).openapi('CreatedToken');

export const StaffTokenSummary = TokenSummary.extend({
  owner: z.object({ id: z.number().int(), name: z.string(), email: z.string() }),
}).openapi('StaffTokenSummary');

export const TokenIdParams = z.object({
  id: z
    .string()
    .regex(/^[a-z2-7]{16}$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'a2b3c4d5e6f7g2h3' }),
});
