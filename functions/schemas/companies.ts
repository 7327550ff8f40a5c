/** Response schemas of public company pages: verified companies only, without personal data. */
import { z } from '@hono/zod-openapi';
import { LocalizedText } from './api';
import { MediaSchema } from './media';
import { PageQuery, pageOf } from './pagination';

export const CompanyListQuery = PageQuery;
export type CompanyListQuery = z.infer<typeof CompanyListQuery>;

export const CompanySummary = z
  .object({ id: z.int(), name: z.string(), district: z.string() })
  .openapi('CompanySummary');
export type CompanySummary = z.infer<typeof CompanySummary>;

export const CompanyPage = pageOf(CompanySummary).openapi('CompanyPage');

export const CompanyDetail = CompanySummary.extend({
  nameEn: z.string().nullable().openapi({ description: 'The English name, when given' }),
  businessScope: z.string(),
  businessScopeEn: z.string().nullable(),
  website: z.string().nullable(),
  logo: MediaSchema.nullable(),
  products: z.array(
    z.object({
      id: z.int(),
      name: z.string(),
      tagline: z.string(),
      nameEn: z.string().nullable(),
      taglineEn: z.string().nullable(),
      kind: z.enum(['product', 'agent']),
      logo: MediaSchema.nullable(),
    }),
  ),
  communities: z.array(z.object({ slug: z.string(), name: LocalizedText })),
}).openapi('CompanyDetail');
export type CompanyDetail = z.infer<typeof CompanyDetail>;
