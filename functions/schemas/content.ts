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
