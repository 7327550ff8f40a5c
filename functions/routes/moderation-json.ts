/** Maps founders' records and moderation rows to their JSON shapes (instants with +08:00). */
import type { z } from '@hono/zod-openapi';
import { shanghaiIso } from '../lib/shanghai-time';
import type {
  AuditEntrySchema,
  Company,
  CompanyQueueEntry,
  CompanyWithMemberships,
  Membership,
  MembershipQueueEntry,
  OwnProductSchema,
  ProductQueueEntry,
  Revision,
  RevisionQueueEntry,
} from '../schemas/moderation';
import type { AuditRow } from '../services/admin/list-audit';
import type {
  MembershipRow,
  OwnCompany,
  OwnCompanyRow,
  OwnProduct,
  RevisionRow,
} from '../services/me/own-records';
import type { CompanyQueueItem } from '../services/moderation/list-company-queue';
import type { MembershipQueueItem } from '../services/moderation/list-membership-queue';
import type { ProductQueueItem } from '../services/moderation/list-product-queue';
import type { RevisionQueueItem } from '../services/moderation/list-revision-queue';

const iso = (date: Date | null) => (date ? shanghaiIso(date) : null);

export const toMembership = (m: MembershipRow): z.output<typeof Membership> => ({
  ...m,
  createdAt: shanghaiIso(m.createdAt),
  decidedAt: iso(m.decidedAt),
});

export const toCompany = (c: OwnCompanyRow): z.output<typeof Company> => ({
  id: c.id,
  name: c.name,
  creditCode: c.creditCode,
  founderName: c.founderName,
  district: c.district,
  businessScope: c.businessScope,
  website: c.website,
  status: c.status,
  rejectionReason: c.rejectionReason,
  createdAt: shanghaiIso(c.createdAt),
  reviewedAt: iso(c.reviewedAt),
});

export const toCompanyWithMemberships = (c: OwnCompany): z.output<typeof CompanyWithMemberships> => ({
  ...toCompany(c),
  memberships: c.memberships.map(toMembership),
});

export const toRevision = (r: RevisionRow): z.output<typeof Revision> => ({
  ...r,
  createdAt: shanghaiIso(r.createdAt),
  decidedAt: iso(r.decidedAt),
});

export const toOwnProduct = (p: OwnProduct): z.output<typeof OwnProductSchema> => ({
  ...p,
  approvedAt: iso(p.approvedAt),
  createdAt: shanghaiIso(p.createdAt),
  updatedAt: shanghaiIso(p.updatedAt),
  latestRevision: p.latestRevision ? toRevision(p.latestRevision) : null,
});

export const toCompanyQueueEntry = (c: CompanyQueueItem): z.output<typeof CompanyQueueEntry> => ({
  ...toCompany(c),
  ownerName: c.ownerName,
  ownerEmail: c.ownerEmail,
  contestedBy: c.contestedBy,
});

export const toProductQueueEntry = (p: ProductQueueItem): z.output<typeof ProductQueueEntry> => ({
  ...p,
  approvedAt: iso(p.approvedAt),
  createdAt: shanghaiIso(p.createdAt),
  updatedAt: shanghaiIso(p.updatedAt),
});

export const toRevisionQueueEntry = (r: RevisionQueueItem): z.output<typeof RevisionQueueEntry> => ({
  ...toRevision(r),
  companyName: r.companyName,
  current: r.current,
});

export const toMembershipQueueEntry = (m: MembershipQueueItem): z.output<typeof MembershipQueueEntry> => ({
  ...toMembership(m),
  companyName: m.companyName,
  companyStatus: m.companyStatus,
});

export const toAuditEntry = (a: AuditRow): z.output<typeof AuditEntrySchema> => ({
  ...a,
  createdAt: shanghaiIso(a.createdAt),
});
