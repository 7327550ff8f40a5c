/** Response schemas of founders' own records and of the moderation API (instants with +08:00). */
import { z } from '@hono/zod-openapi';
import { COMPANY_STATUSES } from '../db/schema/companies';
import { Instant } from './api';
import { PageQuery, pageOf } from './pagination';
import { ProductText } from './product-fields';

export const Membership = z
  .object({
    id: z.int(),
    companyId: z.int(),
    communitySlug: z.string(),
    status: z.enum(['pending', 'approved', 'declined']),
    message: z.string().nullable(),
    decisionReason: z.string().nullable(),
    createdAt: Instant,
    decidedAt: Instant.nullable(),
  })
  .openapi('Membership');

export const Company = z
  .object({
    id: z.int(),
    name: z.string(),
    creditCode: z.string(),
    founderName: z.string(),
    district: z.string(),
    businessScope: z.string(),
    website: z.string().nullable(),
    status: z.enum(COMPANY_STATUSES),
    rejectionReason: z.string().nullable(),
    createdAt: Instant,
    reviewedAt: Instant.nullable(),
  })
  .openapi('OwnCompany');

export const CompanyWithMemberships = Company.extend({ memberships: z.array(Membership) }).openapi(
  'OwnCompanyWithMemberships',
);

export const Revision = z
  .object({
    id: z.int(),
    productId: z.int(),
    ...ProductText.shape,
    status: z.enum(['pending', 'approved', 'rejected']),
    rejectionReason: z.string().nullable(),
    createdAt: Instant,
    decidedAt: Instant.nullable(),
  })
  .openapi('ProductRevision');

export const OwnProductSchema = z
  .object({
    id: z.int(),
    companyId: z.int(),
    companyName: z.string(),
    ...ProductText.shape,
    status: z.enum(['pending', 'approved', 'rejected']),
    rejectionReason: z.string().nullable(),
    voteCount: z.int(),
    approvedAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    latestRevision: Revision.nullable().openapi({
      description: 'The latest edit of the approved product: pending, or decided with its reason',
    }),
  })
  .openapi('OwnProduct');

export const OwnCompanyPage = pageOf(CompanyWithMemberships).openapi('OwnCompanyPage');
export const OwnProductPage = pageOf(OwnProductSchema).openapi('OwnProductPage');

export const VoteState = z
  .object({ voted: z.boolean(), voteCount: z.int() })
  .openapi('VoteState', { example: { voted: true, voteCount: 12 } });

export const DecisionResultSchema = z
  .object({ id: z.int(), status: z.string(), reason: z.string().nullable() })
  .openapi('DecisionResult');

const Owner = { ownerName: z.string().nullable(), ownerEmail: z.string().nullable() };

export const CompanyQueueEntry = Company.extend({
  ...Owner,
  contestedBy: z.int().openapi({
    description:
      'How many other registrations (rejected, withdrawn, orphaned or live, past or present) used the same credit code',
  }),
}).openapi('CompanyQueueEntry');
export const ProductQueueEntry = OwnProductSchema.omit({ latestRevision: true })
  .extend({ ...Owner, companyStatus: z.string() })
  .openapi('ProductQueueEntry');
export const RevisionQueueEntry = Revision.extend({ companyName: z.string(), current: ProductText }).openapi(
  'RevisionQueueEntry',
);
export const MembershipQueueEntry = Membership.extend({
  companyName: z.string(),
  companyStatus: z.string(),
}).openapi('MembershipQueueEntry');

export const CompanyQueuePage = pageOf(CompanyQueueEntry).openapi('CompanyQueuePage');
export const ProductQueuePage = pageOf(ProductQueueEntry).openapi('ProductQueuePage');
export const RevisionQueuePage = pageOf(RevisionQueueEntry).openapi('RevisionQueuePage');
export const MembershipQueuePage = pageOf(MembershipQueueEntry).openapi('MembershipQueuePage');

export const queueQuery = <const S extends readonly [string, ...string[]]>(statuses: S) =>
  PageQuery.extend({
    status: z
      .enum(statuses)
      .default(statuses[0])
      .openapi({ description: `${statuses.join(', ')}; default pending` }),
  });

export const Overview = z
  .object({
    pendingCompanies: z.int(),
    verifiedCompanies: z.int(),
    pendingProducts: z.int(),
    approvedProducts: z.int(),
    pendingRevisions: z.int(),
    pendingMemberships: z.int(),
    approvedMemberships: z.int(),
  })
  .openapi('ModerationOverview');

export const AuditEntrySchema = z
  .object({
    id: z.int(),
    actor: z.string().openapi({ description: 'Pseudonymous actor id (keyed hash of the user id)' }),
    actorRole: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    createdAt: Instant,
  })
  .openapi('AuditEntry');
export const AuditPage = pageOf(AuditEntrySchema).openapi('AuditPage');

export const RoleResultSchema = z
  .object({
    id: z.int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['founder', 'organizer', 'admin']),
  })
  .openapi('UserRole');
