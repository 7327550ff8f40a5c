/**
 * Providers and the use of vouchers.
 * - A company's owner asks for it to be a provider of voucher kinds; an organizer approves.
 * - pre_issue: the provider named on a voucher records a redemption (serial, order reference,
 *   amount). One batch moves the balance (the CHECK `redeemed + pending ≤ amount` refuses an
 *   overdraw, so racing redemptions never overdraw) and inserts the row (the unique (scope, ref)
 *   index refuses an order recorded twice); each statement carries the same conditions, so both
 *   happen or neither. The holder may dispute a redemption within 7 days; an organizer upholds (the
 *   amount returns to the voucher) or dismisses it.
 * - reimburse: the holder claims with an invoice reference and amount (held as `pending` against the
 *   balance); an organizer confirms (redeemed) or refuses (released to the voucher, or to the budget
 *   once the voucher has expired).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { requireRole, requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation, sqliteFailure } from '../../db/errors';
import { companies, voucherProviders, voucherRedemptions, vouchers } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, companyNotFound, notFound, validation } from '../../lib/errors';
import { randomToken } from '../../lib/ids';
import { translate } from '../../lib/messages';
import type {
  ProviderApplication,
  ProviderDecision,
  RecordRedemption,
  RedemptionDecision,
  RedemptionDispute,
  VoucherClaim,
} from '../../schemas/vouchers';
import { issuedSql, voucherConflict } from './records';

const DAY = 86_400_000;
export const DISPUTE_DAYS = 7;

export const redemptionNotFound = () => notFound('redemption_not_found');
const overdraw = (err: unknown) => sqliteFailure(err)?.message.includes('vouchers_balance') === true;

export async function applyAsProvider({ ctx, input }: { ctx: ServiceContext; input: ProviderApplication }) {
  const user = requireVerifiedUser(ctx);
  const [company] = await ctx.db
    .select({ id: companies.id })
    .from(companies)
    .where(
      and(
        eq(companies.id, input.companyId),
        eq(companies.ownerId, user.id),
        eq(companies.status, 'verified'),
      ),
    );
  if (!company) throw companyNotFound();
  // Asking again for a kind that was declined asks anew; an approved kind stays approved.
  const [first, ...rest] = input.kinds.map((kind) =>
    ctx.db
      .insert(voucherProviders)
      .values({ companyId: company.id, kind, status: 'pending', createdAt: ctx.now })
      .onConflictDoUpdate({
        target: [voucherProviders.companyId, voucherProviders.kind],
        set: {
          status: 'pending',
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
          createdAt: ctx.now,
        },
        setWhere: sql`${voucherProviders.status} = 'declined'`,
      }),
  );
  if (first) await ctx.db.batch([first, ...rest]);
}

/** Provider standings of the user's companies, or of everyone (staff). */
export async function listProviders({ ctx, all = false }: { ctx: ServiceContext; all?: boolean }) {
  const user = all ? requireRole(ctx, 'organizer') : requireVerifiedUser(ctx);
  return providersQuery(ctx.db, all ? null : user.id);
}

/** Provider standings of one owner's companies (or everyone's: null), as a query for a batch. */
export const providersQuery = (db: ServiceContext['db'], ownerId: number | null) =>
  db
    .select({
      id: voucherProviders.id,
      companyId: voucherProviders.companyId,
      companyName: companies.name,
      kind: voucherProviders.kind,
      status: voucherProviders.status,
      decisionReason: voucherProviders.decisionReason,
      createdAt: voucherProviders.createdAt,
    })
    .from(voucherProviders)
    .innerJoin(companies, eq(companies.id, voucherProviders.companyId))
    .where(ownerId === null ? undefined : eq(companies.ownerId, ownerId))
    .orderBy(sql`${voucherProviders.status} <> 'pending'`, desc(voucherProviders.createdAt))
    .limit(300);

export async function decideProvider({ ctx, input }: { ctx: ServiceContext; input: ProviderDecision }) {
  const user = requireRole(ctx, 'organizer');
  const status = input.decision === 'approve' ? 'approved' : 'declined';
  const [standing] = await ctx.db
    .select({ ownerId: companies.ownerId })
    .from(voucherProviders)
    .innerJoin(companies, eq(companies.id, voucherProviders.companyId))
    .where(eq(voucherProviders.id, input.providerId));
  if (!standing) throw notFound();
  if (standing.ownerId === user.id) throw new AppError(403, 'reviewer_conflict', 'voucher.reviewerConflict');
  const [changed] = await ctx.db.batch([
    ctx.db
      .update(voucherProviders)
      .set({ status, decisionReason: input.reason ?? null, decidedBy: user.id, decidedAt: ctx.now })
      .where(
        and(
          eq(voucherProviders.id, input.providerId),
          eq(voucherProviders.status, input.decision === 'revoke' ? 'approved' : 'pending'),
          // Nobody approves their own company.
          sql`not exists (select 1 from companies c where c.id = ${voucherProviders.companyId} and c.owner_id = ${user.id})`,
        ),
      )
      .returning({ id: voucherProviders.id }),
    auditInsertWhere(
      ctx,
      {
        action: `voucher_provider.${input.decision}`,
        targetType: 'voucher_provider',
        targetId: input.providerId,
        before: { status: input.decision === 'revoke' ? 'approved' : 'pending' },
        after: { status, reason: input.reason },
        actor: user,
      },
      sql`exists (select 1 from voucher_providers p where p.id = ${input.providerId} and p.decided_at = ${ctx.now.getTime()})`,
    ),
  ]);
  if (changed.length === 0) throw voucherConflict('already_decided', 'moderation.alreadyDecided');
}

/** The voucher with its programme's redemption mode, or 404. */
async function voucherBySerial(ctx: ServiceContext, serial: string) {
  const [row] = await ctx.db
    .select({
      id: vouchers.id,
      programmeSlug: vouchers.programmeSlug,
      providerCompanyId: vouchers.providerCompanyId,
      providerOwnerId: companies.ownerId,
      amountFen: vouchers.amountFen,
      redeemedFen: vouchers.redeemedFen,
      pendingFen: vouchers.pendingFen,
      issued: sql<number>`(${issuedSql(ctx.now)})`,
    })
    .from(vouchers)
    .innerJoin(companies, eq(companies.id, vouchers.providerCompanyId))
    .where(eq(vouchers.serial, serial));
  return row;
}

export async function recordRedemption({ ctx, input }: { ctx: ServiceContext; input: RecordRedemption }) {
  const user = requireVerifiedUser(ctx);
  const voucher = await voucherBySerial(ctx, input.serial);
  // Only the voucher's provider learns that a serial exists.
  if (!voucher || voucher.providerOwnerId !== user.id) throw notFound('voucher_not_found');
  const programme = ctx.catalog.voucher(voucher.programmeSlug);
  if (programme?.redemption !== 'pre_issue') throw notFound('voucher_not_found');
  if (!Number(voucher.issued)) throw voucherConflict('voucher_not_issued', 'voucher.notIssued');
  const now = ctx.now.getTime();
  // What both statements require: the caller owns the voucher's provider, an approved provider of
  // the kind, the voucher is issued, and the caller does not also own the holder (no self-dealing).
  const usable = sql`${vouchers.serial} = ${input.serial} and ${issuedSql(ctx.now)}
    and exists (select 1 from companies c join voucher_providers p on p.company_id = c.id
      where c.id = ${vouchers.providerCompanyId} and c.owner_id = ${user.id} and c.status = 'verified'
        and p.kind = ${programme.kind} and p.status = 'approved')
    and not exists (select 1 from companies h where h.id = ${vouchers.companyId} and h.owner_id = ${user.id})`;
  const recorded = sql`r.ref_scope = ${`p:${voucher.providerCompanyId}`} and r.ref = ${input.orderRef}`;
  let row: RedemptionRow | undefined;
  try {
    const [moved, , , rows] = await ctx.db.batch([
      ctx.db.run(sql`update ${vouchers} set redeemed_fen = redeemed_fen + ${input.amount}, updated_at = ${now}
        where ${usable}`),
      ctx.db.run(sql`insert into ${voucherRedemptions}
        (voucher_id, kind, ref_scope, ref, amount_fen, status, recorded_by, created_at)
        select ${vouchers.id}, 'provider', 'p:' || ${vouchers.providerCompanyId}, ${input.orderRef}, ${input.amount},
          'recorded', ${user.id}, ${now}
        from ${vouchers} where ${usable}`),
      auditInsertWhere(
        ctx,
        {
          action: 'voucher_redemption.record',
          targetType: 'voucher',
          targetId: voucher.id,
          after: { orderRef: input.orderRef, amountFen: input.amount },
          actor: user,
        },
        sql`exists (select 1 from voucher_redemptions r where r.ref_scope = ${`p:${voucher.providerCompanyId}`}
          and r.ref = ${input.orderRef} and r.created_at = ${now} and r.recorded_by = ${user.id})`,
      ),
      // The row as recorded, with the balance after it: read in the same transaction.
      redemptionRowsQuery(ctx.db, recorded),
    ]);
    if (moved.rowsAffected === 0) throw new AppError(403, 'not_provider', 'voucher.notProvider');
    row = toRedemptionRows(rows)[0];
  } catch (err) {
    if (overdraw(err)) throw voucherConflict('insufficient_balance', 'voucher.insufficientBalance');
    if (isUniqueViolation(err)) throw voucherConflict('order_already_recorded', 'voucher.orderRecorded');
    throw err;
  }
  if (!row) throw redemptionNotFound();
  return row;
}

export interface RedemptionRow {
  id: number;
  voucherId: number;
  serial: string;
  kind: 'provider' | 'claim';
  ref: string;
  amountFen: number;
  status: 'recorded' | 'disputed' | 'reversed' | 'claimed' | 'confirmed' | 'refused';
  balanceFen: number;
  disputeReason: string | null;
  decisionReason: string | null;
  companyName: string;
  programmeSlug: string;
  createdAt: Date;
}

/** Redemptions with their voucher's serial, balance and holder, as a query for a batch. */
export const redemptionRowsQuery = (db: ServiceContext['db'], where: ReturnType<typeof sql>) =>
  db.all<Omit<RedemptionRow, 'createdAt'> & { createdAt: number }>(sql`
      select r.id, r.voucher_id as voucherId, v.serial, r.kind, r.ref, r.amount_fen as amountFen, r.status,
        v.amount_fen - v.redeemed_fen - v.pending_fen as balanceFen, r.dispute_reason as disputeReason,
        r.decision_reason as decisionReason, c.name as companyName, v.programme_slug as programmeSlug,
        r.created_at as createdAt
      from voucher_redemptions r join vouchers v on v.id = r.voucher_id join companies c on c.id = v.company_id
      where ${where} order by r.created_at desc, r.id desc limit 500`);

export const toRedemptionRows = (rows: Array<Omit<RedemptionRow, 'createdAt'> & { createdAt: number }>) =>
  rows.map((r): RedemptionRow => ({ ...r, createdAt: new Date(Number(r.createdAt)) }));

const redemptionRows = (ctx: ServiceContext, where: ReturnType<typeof sql>) =>
  redemptionRowsQuery(ctx.db, where).then(toRedemptionRows);

/** Where clauses of the three lists. */
export const STAFF_QUEUE = sql`r.status in ('disputed', 'claimed')`;
export const recordedBy = (userId: number) =>
  sql`r.kind = 'provider' and exists (select 1 from companies p where p.id = v.provider_company_id and p.owner_id = ${userId})`;
export const heldBy = (userId: number) => sql`c.owner_id = ${userId}`;

export async function disputeRedemption({ ctx, input }: { ctx: ServiceContext; input: RedemptionDispute }) {
  const user = requireVerifiedUser(ctx);
  const since = ctx.now.getTime() - DISPUTE_DAYS * DAY;
  const [changed] = await ctx.db.batch([
    ctx.db.run(sql`update voucher_redemptions set status = 'disputed', dispute_reason = ${input.reason},
      disputed_at = ${ctx.now.getTime()}
      where id = ${input.redemptionId} and status = 'recorded' and decision_reason is null and created_at > ${since}
        and exists (select 1 from vouchers v join companies c on c.id = v.company_id
          where v.id = voucher_redemptions.voucher_id and c.owner_id = ${user.id})`),
    auditInsertWhere(
      ctx,
      {
        action: 'voucher_redemption.dispute',
        targetType: 'voucher_redemption',
        targetId: input.redemptionId,
        before: { status: 'recorded' },
        after: { status: 'disputed' },
        actor: user,
      },
      sql`exists (select 1 from voucher_redemptions r where r.id = ${input.redemptionId} and r.status = 'disputed'
        and r.disputed_at = ${ctx.now.getTime()})`,
    ),
  ]);
  if (changed.rowsAffected === 0) {
    const [own] = await redemptionRows(ctx, sql`r.id = ${input.redemptionId} and ${heldBy(user.id)}`);
    if (!own) throw redemptionNotFound();
    throw voucherConflict('dispute_window_closed', 'voucher.disputeClosed');
  }
}

export async function claimReimbursement({ ctx, input }: { ctx: ServiceContext; input: VoucherClaim }) {
  const user = requireVerifiedUser(ctx);
  const [voucher] = await ctx.db
    .select({
      id: vouchers.id,
      programmeSlug: vouchers.programmeSlug,
      issued: sql<number>`(${issuedSql(ctx.now)})`,
    })
    .from(vouchers)
    .innerJoin(companies, eq(companies.id, vouchers.companyId))
    .where(and(eq(vouchers.id, input.voucherId), eq(companies.ownerId, user.id)));
  const programme = voucher && ctx.catalog.voucher(voucher.programmeSlug);
  if (!voucher || !programme || programme.redemption !== 'reimburse') throw notFound('voucher_not_found');
  if (!Number(voucher.issued)) throw voucherConflict('voucher_not_issued', 'voucher.notIssued');
  const now = ctx.now.getTime();
  const usable = sql`${vouchers.id} = ${voucher.id} and ${issuedSql(ctx.now)}`;
  try {
    const [moved] = await ctx.db.batch([
      ctx.db.run(
        sql`update ${vouchers} set pending_fen = pending_fen + ${input.amount}, updated_at = ${now} where ${usable}`,
      ),
      ctx.db.run(sql`insert into ${voucherRedemptions}
        (voucher_id, kind, ref_scope, ref, amount_fen, status, recorded_by, created_at)
        select ${vouchers.id}, 'claim', 'c:' || ${vouchers.companyId}, ${input.invoiceRef}, ${input.amount}, 'claimed', ${user.id}, ${now}
        from ${vouchers} where ${usable}`),
      auditInsertWhere(
        ctx,
        {
          action: 'voucher_claim.submit',
          targetType: 'voucher',
          targetId: voucher.id,
          after: { invoiceRef: input.invoiceRef, amountFen: input.amount },
          actor: user,
        },
        sql`exists (select 1 from voucher_redemptions r where r.voucher_id = ${voucher.id}
          and r.ref = ${input.invoiceRef} and r.created_at = ${now} and r.recorded_by = ${user.id})`,
      ),
    ]);
    if (moved.rowsAffected === 0) throw voucherConflict('voucher_not_issued', 'voucher.notIssued');
  } catch (err) {
    if (overdraw(err)) throw voucherConflict('insufficient_balance', 'voucher.insufficientBalance');
    if (isUniqueViolation(err))
      throw validation({ invoiceRef: [translate(ctx.locale, 'voucher.orderRecorded')] });
    throw err;
  }
}

/** An organizer on a disputed redemption (upheld or dismissed) or a claim (confirmed or refused). */
export async function decideRedemption({ ctx, input }: { ctx: ServiceContext; input: RedemptionDecision }) {
  const user = requireRole(ctx, 'organizer');
  const [row] = await ctx.db
    .select({
      id: voucherRedemptions.id,
      status: voucherRedemptions.status,
      voucherId: voucherRedemptions.voucherId,
      connected: sql<number>`(select count(*) from vouchers v join companies c
        on c.id in (v.company_id, v.provider_company_id) where v.id = ${voucherRedemptions.voucherId}
        and c.owner_id = ${user.id})`,
    })
    .from(voucherRedemptions)
    .where(eq(voucherRedemptions.id, input.redemptionId));
  if (!row) throw redemptionNotFound();
  // Nobody decides about a voucher held or provided by their own company.
  if (Number(row.connected) > 0) throw new AppError(403, 'reviewer_conflict', 'voucher.reviewerConflict');
  const from = input.outcome === 'upheld' || input.outcome === 'dismissed' ? 'disputed' : 'claimed';
  const to = { upheld: 'reversed', dismissed: 'recorded', confirmed: 'confirmed', refused: 'refused' }[
    input.outcome
  ];
  const now = ctx.now.getTime();
  // This request's key: the later statements act only when this request made the change (two
  // identical decisions in one millisecond must not move the money twice).
  const key = randomToken();
  const decided = sql`exists (select 1 from voucher_redemptions r where r.id = ${row.id} and r.decision_key = ${key})`;
  const amount = sql`(select amount_fen from voucher_redemptions r where r.id = ${row.id})`;
  // An amount coming back to a voucher that has expired goes back to the budget instead, once.
  const releaseIfExpired = [
    ctx.db.run(sql`update voucher_budgets set committed_fen = committed_fen - ${amount}
      where programme_slug = (select programme_slug from vouchers where id = ${row.voucherId} and status = 'expired')
        and ${decided}`),
  ];
  const released = sql`released_fen = case when status = 'expired' then coalesce(released_fen, 0) + ${amount} else released_fen end`;
  const effect = {
    upheld: [
      ...releaseIfExpired,
      ctx.db.run(sql`update vouchers set redeemed_fen = redeemed_fen - ${amount}, ${released}, updated_at = ${now}
      where id = ${row.voucherId} and ${decided}`),
    ],
    dismissed: [],
    confirmed: [
      ctx.db.run(sql`update vouchers set pending_fen = pending_fen - ${amount},
      redeemed_fen = redeemed_fen + ${amount}, updated_at = ${now} where id = ${row.voucherId} and ${decided}`),
    ],
    refused: [
      ...releaseIfExpired,
      ctx.db.run(sql`update vouchers set pending_fen = pending_fen - ${amount}, ${released},
        updated_at = ${now} where id = ${row.voucherId} and ${decided}`),
    ],
  }[input.outcome];
  const [changed] = await ctx.db.batch([
    ctx.db
      .update(voucherRedemptions)
      .set({
        status: to as 'recorded',
        decisionReason: input.reason ?? null,
        decidedBy: user.id,
        decidedAt: ctx.now,
        decisionKey: key,
      })
      .where(
        and(
          eq(voucherRedemptions.id, row.id),
          eq(voucherRedemptions.status, from),
          sql`not exists (select 1 from vouchers v join companies c on c.id in (v.company_id, v.provider_company_id)
            where v.id = ${voucherRedemptions.voucherId} and c.owner_id = ${user.id})`,
        ),
      )
      .returning({ id: voucherRedemptions.id }),
    ...effect,
    auditInsertWhere(
      ctx,
      {
        action: `voucher_redemption.${input.outcome}`,
        targetType: 'voucher_redemption',
        targetId: row.id,
        before: { status: row.status },
        after: { status: to, reason: input.reason },
        actor: user,
      },
      decided,
    ),
  ]);
  if (changed.length === 0) throw voucherConflict('already_decided', 'moderation.alreadyDecided');
}

/** The vouchers of one owner's companies, as a query for a batch. */
export const myVouchersQuery = (db: ServiceContext['db'], ownerId: number) =>
  db
    .select({
      id: vouchers.id,
      applicationId: vouchers.applicationId,
      programmeSlug: vouchers.programmeSlug,
      serial: vouchers.serial,
      companyName: companies.name,
      amountFen: vouchers.amountFen,
      redeemedFen: vouchers.redeemedFen,
      pendingFen: vouchers.pendingFen,
      status: vouchers.status,
      issueAfter: vouchers.issueAfter,
      expiresAt: vouchers.expiresAt,
      openObjections: sql<number>`(select count(*) from voucher_objections o where o.application_id = ${vouchers.applicationId} and o.status = 'open')`,
    })
    .from(vouchers)
    .innerJoin(companies, eq(companies.id, vouchers.companyId))
    .where(and(eq(companies.ownerId, ownerId), inArray(vouchers.status, ['granted', 'expired', 'cancelled'])))
    .orderBy(desc(vouchers.createdAt));
