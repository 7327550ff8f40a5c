/** The grant rules of a voucher programme, on hand-worked cases (issue 16, decision 022). */
import { describe, expect, it } from 'vitest';
import {
  allowedGrant,
  eligibilityFailures,
  grantYear,
  programmeWindow,
  rateAmount,
} from '~/functions/services/vouchers/programme-rules';
import { buildVoucherProgramme } from '../factories/vouchers';

const flat = buildVoucherProgramme('flat');
// 50 % of the first ¥50,000, 30 % of the next ¥50,000, 10 % above ¥100,000.
const tiered = buildVoucherProgramme('tiered', {
  rate: {
    bps: 5000,
    tiers: [{ upTo: 5_000_000, bps: 5000 }, { upTo: 10_000_000, bps: 3000 }, { bps: 1000 }],
  },
});
const figures = { requestedFen: 1e12, grantedThisYearFen: 0, otherYears: 0, availableFen: 1e12 };

describe('rateAmount', () => {
  it('a flat rate rounds down to the fen', () => {
    expect(rateAmount(flat, 2_000_000)).toBe(1_000_000);
    expect(rateAmount(flat, 3)).toBe(1); // 1.5 fen
  });

  it('tiers apply marginally, bracket by bracket', () => {
    expect(rateAmount(tiered, 4_000_000)).toBe(2_000_000); // all in the first bracket
    expect(rateAmount(tiered, 5_000_000)).toBe(2_500_000); // exactly the first bracket
    // ¥50,000 × 50 % + ¥30,000 × 30 % = ¥25,000 + ¥9,000
    expect(rateAmount(tiered, 8_000_000)).toBe(3_400_000);
    // ¥25,000 + ¥15,000 + ¥20,000 × 10 % = ¥42,000
    expect(rateAmount(tiered, 12_000_000)).toBe(4_200_000);
  });
});

describe('allowedGrant', () => {
  it('is the least of rate × spend, the request, the cap left this year and the budget left', () => {
    expect(allowedGrant(flat, { ...figures, plannedSpendFen: 2_000_000 })).toEqual({
      ok: true,
      amountFen: 1_000_000,
      limitedBy: 'rate',
    });
    expect(
      allowedGrant(flat, { ...figures, plannedSpendFen: 2_000_000, requestedFen: 800_000 }),
    ).toMatchObject({
      amountFen: 800_000,
      limitedBy: 'requested',
    });
    expect(
      allowedGrant(flat, { ...figures, plannedSpendFen: 2_000_000, availableFen: 300_000 }),
    ).toMatchObject({
      amountFen: 300_000,
      limitedBy: 'budget',
    });
  });

  it('the yearly cap is reached across two applications in one year', () => {
    // Cap ¥200,000: a first grant of ¥150,000 leaves ¥50,000 for a second one asking ¥100,000.
    const first = allowedGrant(flat, { ...figures, plannedSpendFen: 30_000_000 });
    expect(first).toMatchObject({ amountFen: 15_000_000 });
    const second = allowedGrant(flat, {
      ...figures,
      plannedSpendFen: 20_000_000,
      grantedThisYearFen: 15_000_000,
    });
    expect(second).toEqual({ ok: true, amountFen: 5_000_000, limitedBy: 'cap' });
    const third = allowedGrant(flat, {
      ...figures,
      plannedSpendFen: 20_000_000,
      grantedThisYearFen: 20_000_000,
    });
    expect(third).toEqual({ ok: false, reason: 'company_cap_reached' });
  });

  it('refuses a year beyond the maximum, but not more grants within a year already counted', () => {
    expect(allowedGrant(flat, { ...figures, plannedSpendFen: 2_000_000, otherYears: 3 })).toEqual({
      ok: false,
      reason: 'max_years_reached',
    });
    expect(allowedGrant(flat, { ...figures, plannedSpendFen: 2_000_000, otherYears: 2 })).toMatchObject({
      ok: true,
    });
    expect(
      allowedGrant(flat, { ...figures, plannedSpendFen: 2_000_000, otherYears: 3, grantedThisYearFen: 1 }),
    ).toMatchObject({ ok: true });
  });

  it('an exhausted budget refuses', () => {
    expect(allowedGrant(flat, { ...figures, plannedSpendFen: 2_000_000, availableFen: 0 })).toEqual({
      ok: false,
      reason: 'budget_exhausted',
    });
  });
});

describe('grantYear', () => {
  it('is the calendar year in Asia/Shanghai, not UTC', () => {
    // 2026-12-31T16:00Z is 2027-01-01 00:00 in Shanghai.
    expect(grantYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(grantYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});

describe('programmeWindow', () => {
  const opens = flat.window.opens.getTime();
  const closes = flat.window.closes.getTime();
  it('opens at its instant and closes at its instant, to the second', () => {
    expect(programmeWindow(flat, new Date(opens - 1000))).toBe('not_open');
    expect(programmeWindow(flat, new Date(opens))).toBe('open');
    expect(programmeWindow(flat, new Date(closes - 1000))).toBe('open');
    expect(programmeWindow(flat, new Date(closes))).toBe('closed');
    expect(programmeWindow(flat, new Date(closes + 1000))).toBe('closed');
  });
});

describe('eligibilityFailures', () => {
  const strict = buildVoucherProgramme('strict', {
    eligibility: { districts: ['jiangan'], communities: ['test-community'] },
  });
  it('names exactly the rules a company fails', () => {
    expect(
      eligibilityFailures(strict, {
        status: 'verified',
        district: 'jiangan',
        communities: ['test-community'],
      }),
    ).toEqual([]);
    expect(eligibilityFailures(strict, { status: 'pending', district: 'hongshan', communities: [] })).toEqual(
      ['company_not_verified', 'district', 'community'],
    );
    expect(
      eligibilityFailures(strict, {
        status: 'verified',
        district: 'hongshan',
        communities: ['test-community'],
      }),
    ).toEqual(['district']);
  });
});
