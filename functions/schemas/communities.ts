/** Query and response schemas of the communities directory (API and pages share the query schema). */
import { z } from '@hono/zod-openapi';
import { LocalizedText, optionalFilter } from './api';
import { CompanySummary } from './companies';
import { EventSummary } from './events';
import { PageQuery, pageOf } from './pagination';
import { districts, focusAreas, voucherKinds } from './taxonomy';

export const CommunityListQuery = PageQuery.extend({
  district: optionalFilter(districts.keys).openapi({ description: 'District key, e.g. jiangan' }),
  focus: optionalFilter(focusAreas.keys).openapi({ description: 'Focus area key, e.g. agents' }),
});
export type CommunityListQuery = z.infer<typeof CommunityListQuery>;

export const CommunitySummary = z
  .object({
    slug: z.string(),
    name: LocalizedText,
    sample: z.boolean(),
    district: z.enum(districts.keys),
    address: LocalizedText,
    seats: z.int(),
    openedOn: z.string().openapi({ format: 'date' }),
    focus: z.array(z.enum(focusAreas.keys)),
    summary: LocalizedText,
  })
  .openapi('CommunitySummary');
export type CommunitySummary = z.infer<typeof CommunitySummary>;

export const CommunityPage = pageOf(CommunitySummary).openapi('CommunityPage');

export const CommunityDetail = CommunitySummary.extend({
  operator: LocalizedText,
  description: LocalizedText,
  perks: z.array(LocalizedText),
  vouchers: z.array(z.object({ kind: z.enum(voucherKinds.keys), description: LocalizedText })),
  contactEmail: z.string(),
  /** Verified companies whose membership was approved. */
  members: z.array(CompanySummary),
  upcomingEvents: z.array(EventSummary),
}).openapi('CommunityDetail');
export type CommunityDetail = z.infer<typeof CommunityDetail>;
