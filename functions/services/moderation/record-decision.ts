/**
 * Not a verb, shared by the decision verbs: what every moderation decision writes besides the change itself: the audit row (before/after) and
 * the owner's notification in the outbox — inside the decision's transaction, so they commit or roll
 * back together with it. Mail goes out after commit (ctx.waitUntil), retried by the cron.
 */
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { type AuditEntry, auditInsert } from '../../lib/audit';
import type { Locale } from '../../lib/locale';
import { deliverPending } from '../outbox/deliver-pending';
import { enqueueMail } from '../outbox/enqueue-mail';
import { siteLink } from '../outbox/templates';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The owner to notify, or null when the account no longer exists. */
export interface Recipient {
  email: string | null;
  name: string | null;
  locale: Locale | null;
}

export interface DecisionRecord {
  audit: AuditEntry;
  /** The owner row of a left join: null (or null fields) when the account no longer exists. */
  owner: Recipient | null;
  /** What was decided, in each language: 公司「…」 / company "…". */
  subject: Record<Locale, string>;
  decision: 'approved' | 'rejected';
  reason: string | null;
}

export async function recordDecision(tx: Tx, ctx: ServiceContext, record: DecisionRecord): Promise<void> {
  await tx.run(auditInsert(ctx, record.audit));
  const { email, name, locale } = record.owner ?? {};
  if (!email || !name || !locale) return;
  await tx.run(
    enqueueMail(ctx, {
      to: email,
      locale,
      template: 'moderation-decision',
      params: {
        name,
        subject: record.subject[locale],
        decision: record.decision,
        reason: record.reason ?? undefined,
        url: siteLink(ctx, '/me', locale),
      },
    }),
  );
}

/** Sends the queued mail once the transaction has committed. */
export function deliverAfterCommit(ctx: ServiceContext): void {
  ctx.waitUntil(deliverPending(ctx));
}

export const subjects = {
  company: (name: string) => ({ 'zh-CN': `公司「${name}」`, en: `company "${name}"` }),
  product: (name: string) => ({ 'zh-CN': `产品「${name}」`, en: `product "${name}"` }),
  revision: (name: string) => ({ 'zh-CN': `产品「${name}」的修改`, en: `edit of product "${name}"` }),
  membership: (company: string, community: { zh: string; en: string }) => ({
    'zh-CN': `公司「${company}」加入社区「${community.zh}」的申请`,
    en: `application of "${company}" to join "${community.en}"`,
  }),
};
