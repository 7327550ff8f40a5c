/**
 * Schemas of the editorial content in content/. Imported by src/content.config.ts (Astro build) and
 * by the Node loader (seed, CLI, tests), so both reject the same files with the same messages.
 */
import { z } from 'zod';
import { instant, Localized, slug } from './common';
import { districts, focusAreas, voucherKinds } from './taxonomy';

/** Every demo record says it is sample data (示例数据); the flag is shown wherever it appears. */
const sample = z.boolean().default(false);
const email = z
  .email()
  .refine((value) => value.endsWith('@example.com'), 'contact addresses use example.com');

/**
 * A cover picture: a file in content/covers/, which the build turns into a hashed, immutable asset
 * (Astro's image handling; src/lib/content-covers.ts). The Node loader checks that the file exists.
 */
const cover = z
  .string()
  .regex(/^[a-z0-9-]+\.(?:jpg|png|webp)$/, { error: 'a file name in content/covers/' })
  .optional();

export const CommunityContent = z.object({
  name: Localized,
  sample,
  cover,
  district: z.enum(districts.keys),
  area: Localized.optional(),
  address: Localized,
  operator: Localized,
  seats: z.int().positive(),
  openedOn: z.iso.date(),
  focus: z.array(z.enum(focusAreas.keys)).min(1),
  summary: Localized,
  description: Localized,
  perks: z.array(Localized).default([]),
  vouchers: z.array(z.object({ kind: z.enum(voucherKinds.keys), description: Localized })).default([]),
  contactEmail: email,
});
export type CommunityContent = z.infer<typeof CommunityContent>;

const keyed = z.string().regex(/^[a-z0-9-]+$/);

export const ContestTimeline = z
  .object({
    registrationOpens: instant,
    registrationCloses: instant,
    submissionCloses: instant,
    judgingCloses: instant,
  })
  .refine(
    (t) =>
      t.registrationOpens < t.registrationCloses &&
      t.registrationCloses <= t.submissionCloses &&
      t.submissionCloses < t.judgingCloses,
    'timeline must be ordered: registrationOpens < registrationCloses <= submissionCloses < judgingCloses',
  );
export type ContestTimeline = z.infer<typeof ContestTimeline>;

const uniqueKeys = (items: Array<{ key: string }>) => new Set(items.map((i) => i.key)).size === items.length;

export const ContestContent = z.object({
  title: Localized,
  sample,
  cover,
  summary: Localized,
  host: Localized,
  community: slug.optional(),
  timeline: ContestTimeline,
  objectionDays: z.int().min(1).max(30),
  teamSize: z
    .object({ min: z.int().min(1), max: z.int().min(1).max(20) })
    .refine((s) => s.min <= s.max, 'teamSize.min must not exceed teamSize.max'),
  tracks: z
    .array(z.object({ key: keyed, name: Localized, description: Localized }))
    .min(1)
    .refine(uniqueKeys, 'track keys must be unique'),
  prizes: z
    .array(z.object({ key: keyed, name: Localized, count: z.int().positive(), award: Localized }))
    .min(1),
  rubric: z
    .array(
      z.object({
        key: keyed,
        name: Localized,
        description: Localized,
        weight: z.int().positive(),
        max: z.int().min(1).max(100),
      }),
    )
    .min(1)
    .refine(uniqueKeys, 'rubric keys must be unique')
    .refine(
      (criteria) => criteria.reduce((sum, c) => sum + c.weight, 0) === 100,
      'rubric weights must be integers summing to 100',
    ),
  rules: Localized,
});
export type ContestContent = z.infer<typeof ContestContent>;

export const PageContent = z.object({ title: Localized, body: Localized, updatedOn: z.iso.date() });
export type PageContent = z.infer<typeof PageContent>;

/** Money in fen (分): integers only, so sums and comparisons are exact. */
const fen = z.int().nonnegative();

/**
 * A 四券 voucher programme (issue 16, decision 022). Money in fen, rates in basis points (1/100 of a
 * percent). `rate.tiers` are marginal brackets of eligible spend: the first `upTo` fen at `bps`, the
 * next bracket at its own, the last without `upTo`. Companies' yearly caps and years count per
 * `series` (programmes of one scheme over several fiscal years share it; the slug by default).
 */
export const VoucherContent = z
  .object({
    title: Localized,
    sample,
    summary: Localized,
    issuer: Localized,
    kind: z.enum(voucherKinds.keys),
    series: keyed.optional(),
    fiscalYear: z.int().min(2020).max(2100),
    budget: fen.refine((v) => v > 0, 'budget must be positive'),
    rate: z.object({
      bps: z.int().min(1).max(10_000),
      tiers: z
        .array(z.object({ upTo: fen.optional(), bps: z.int().min(0).max(10_000) }))
        .min(1)
        .refine(
          (tiers) =>
            tiers.every((t, i) => (i === tiers.length - 1 ? t.upTo === undefined : t.upTo !== undefined)) &&
            tiers.every((t, i) => i === 0 || (t.upTo ?? Infinity) > (tiers[i - 1]?.upTo ?? 0)),
          'tiers: ascending upTo on every bracket but the last, which has none',
        )
        .optional(),
    }),
    capPerCompanyYear: fen.refine((v) => v > 0, 'capPerCompanyYear must be positive'),
    maxYears: z.int().min(1).max(10),
    window: z
      .object({ opens: instant, closes: instant })
      .refine((w) => w.opens < w.closes, 'window.opens must be before window.closes'),
    eligibility: z
      .object({
        communities: z.array(slug).default([]),
        districts: z.array(z.enum(districts.keys)).default([]),
      })
      .default({ communities: [], districts: [] }),
    redemption: z.enum(['pre_issue', 'reimburse']),
    validityDays: z.int().min(1).max(1_095),
    publicNoticeDays: z.int().min(1).max(30),
    rules: Localized,
  })
  .refine((p) => p.capPerCompanyYear <= p.budget, 'capPerCompanyYear must not exceed budget');
export type VoucherContent = z.infer<typeof VoucherContent>;
