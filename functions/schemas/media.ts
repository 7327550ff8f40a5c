/** A stored picture as the API shows it (issue 14). */
import { z } from '@hono/zod-openapi';
import { MEDIA_KINDS, MEDIA_STATES } from '../db/schema/media';
import { PositiveId } from './common';

export const MediaVariantSchema = z
  .object({
    width: z.number().int(),
    height: z.number().int(),
    url: z.string().openapi({ example: '/media/3f2a9c0d1e4b5a6978877665544332211-192.jpg' }),
  })
  .openapi('MediaVariant');

export const MediaSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(MEDIA_KINDS),
    state: z.enum(MEDIA_STATES).openapi({
      description: '`proposed`: added to an approved product, waiting for its revision to be approved',
    }),
    position: z.number().int(),
    variants: z.array(MediaVariantSchema).openapi({ description: 'Ascending by width' }),
  })
  .openapi('Media');

/** What the product pictures page posts (the file itself is read from the multipart body). */
export const ProductPictureAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('upload'), kind: z.enum(['logo', 'screenshot'], { error: 'field.invalid' }) }),
  z.object({ intent: z.literal('remove'), mediaId: PositiveId }),
  z.object({ intent: z.literal('move'), mediaId: PositiveId, direction: z.enum(['up', 'down']) }),
]);

/** What the company pictures page posts. */
export const CompanyPictureAction = z.object({
  intent: z.literal('upload'),
  kind: z.enum(['logo', 'licence'], { error: 'field.invalid' }),
});
