/**
 * The rules of a voucher programme as pure functions (decision 022): the application window, who is
 * eligible, what the rate gives on a spend, and the grant the server allows. No database here: the
 * services read the figures and the database enforces the limits (budget, yearly cap) in the batch
 * that commits a grant.
 */
import type { VoucherProgramme } from '../../content/catalog';
import { shanghaiWallClock } from '../../lib/shanghai-time';

export type ProgrammeWindow = 'not_open' | 'open' | 'closed';

/** Open from `opens` (inclusive) to `closes` (exclusive). */
export function programmeWindow(programme: VoucherProgramme, now: Date): ProgrammeWindow {
  const t = now.getTime();
  if (t < programme.window.opens.getTime()) return 'not_open';
  if (t >= programme.window.closes.getTime()) return 'closed';
  return 'open';
}

/** A programme's series: programmes of one scheme share a company's yearly cap and its years. */
export const programmeSeries = (programme: VoucherProgramme) => programme.series ?? programme.slug;

/** The calendar year, in Asia/Shanghai, that a grant approved at `instant` counts in. */
export const grantYear = (instant: Date) => shanghaiWallClock(instant).year;

/**
 * The subsidy on `spendFen` of eligible spend: the flat rate, or the marginal tiers (each bracket's
 * part of the spend at its own rate), rounded down to the fen.
 */
export function rateAmount(programme: VoucherProgramme, spendFen: number): number {
  const tiers = programme.rate.tiers;
  if (!tiers) return Math.floor((spendFen * programme.rate.bps) / 10_000);
  let total = 0;
  let lower = 0;
  for (const tier of tiers) {
    const upper = tier.upTo ?? Number.POSITIVE_INFINITY;
    if (spendFen <= lower) break;
    const part = Math.min(spendFen, upper) - lower;
    total += part * tier.bps;
    lower = upper;
  }
  return Math.floor(total / 10_000);
}

export type EligibilityFailure = 'company_not_verified' | 'district' | 'community';

export interface CompanyStanding {
  status: string;
  district: string;
  /** Communities the company is an approved member of. */
  communities: readonly string[];
}

/** Every rule the company fails, in the order the programme page lists them (empty: eligible). */
export function eligibilityFailures(
  programme: VoucherProgramme,
  company: CompanyStanding,
): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  if (company.status !== 'verified') failures.push('company_not_verified');
  const { districts, communities } = programme.eligibility;
  if (districts.length > 0 && !districts.includes(company.district as (typeof districts)[number]))
    failures.push('district');
  if (communities.length > 0 && !communities.some((c) => company.communities.includes(c)))
    failures.push('community');
  return failures;
}

export interface GrantFigures {
  plannedSpendFen: number;
  requestedFen: number;
  /** Granted to the company in the series in the grant's year so far. */
  grantedThisYearFen: number;
  /** Other years in which the company had a grant in the series. */
  otherYears: number;
  /** The programme's budget not yet committed. */
  availableFen: number;
}

export type GrantLimit = 'rate' | 'requested' | 'cap' | 'budget';

export type GrantOutcome =
  | { ok: true; amountFen: number; limitedBy: GrantLimit }
  | { ok: false; reason: 'max_years_reached' | 'company_cap_reached' | 'budget_exhausted' };

/**
 * The most the rules allow: min(rate × eligible spend, the amount asked for, cap per company per
 * year − granted this year, available budget). An organizer may grant less, never more.
 */
export function allowedGrant(programme: VoucherProgramme, figures: GrantFigures): GrantOutcome {
  if (figures.otherYears >= programme.maxYears && figures.grantedThisYearFen === 0)
    return { ok: false, reason: 'max_years_reached' };
  const limits: Array<[GrantLimit, number]> = [
    ['rate', rateAmount(programme, figures.plannedSpendFen)],
    ['requested', figures.requestedFen],
    ['cap', programme.capPerCompanyYear - figures.grantedThisYearFen],
    ['budget', figures.availableFen],
  ];
  let best = limits[0] as [GrantLimit, number];
  for (const limit of limits) if (limit[1] < best[1]) best = limit;
  if (best[1] <= 0) {
    if (best[0] === 'cap') return { ok: false, reason: 'company_cap_reached' };
    return { ok: false, reason: 'budget_exhausted' };
  }
  return { ok: true, amountFen: best[1], limitedBy: best[0] };
}
