/** Webhook endpoints (decision 021): the registration form and API body, and what lists show. */
import { z } from '@hono/zod-openapi';
import { isDeliverableUrl } from '../services/webhooks/address';
import { WEBHOOK_EVENTS } from '../services/webhooks/events';
import { Instant } from './api';

export const CreateWebhook = z
  .object({
    url: z
      .string({ error: 'field.required' })
      .trim()
      .min(1, { error: 'field.required' })
      .max(500, { error: 'field.tooLong' })
      .refine(isDeliverableUrl, { error: 'field.webhookUrl' })
      .openapi({ example: 'https://hooks.example.com/opc' }),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, { error: 'field.invalid' }), { error: 'field.choose' })
      .min(1, { error: 'field.choose' })
      .transform((events) => [...new Set(events)])
      .openapi({ example: ['product.approved', 'results.published'] }),
  })
  .openapi('CreateWebhook');
export type CreateWebhook = z.infer<typeof CreateWebhook>;

export const WebhookDelivery = z
  .object({
    id: z.number().int(),
    messageId: z.string(),
    eventType: z.enum(WEBHOOK_EVENTS),
    status: z.enum(['pending', 'delivered', 'failed', 'recorded']),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: Instant,
    deliveredAt: Instant.nullable(),
  })
  .openapi('WebhookDelivery');

export const WebhookEndpoint = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    createdAt: Instant,
    lastDelivery: WebhookDelivery.nullable(),
  })
  .openapi('WebhookEndpoint');

export const CreatedWebhook = WebhookEndpoint.extend({
  secret: z.string().openapi({
    description: 'The signing secret (Standard Webhooks, whsec_…): shown this once',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
}).openapi('CreatedWebhook');
