/** Inputs of contest teams and entries, shared by forms, the API and the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { httpUrl, nameLine, PositiveId, plainLine, plainText } from './common';

export const CreateTeam = z
  .object({
    track: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(40),
    name: nameLine(40),
    /** Optional English name, shown on /en/ pages. */
    nameEn: z.preprocess((v) => (v === '' ? undefined : v), nameLine(40).optional()),
    companyId: PositiveId.optional(),
  })
  .openapi('CreateTeam');
export type CreateTeam = z.infer<typeof CreateTeam>;

/**
 * The invite code as people copy, type or dictate it: spaces, dashes and case do not matter, nor do
 * full-width forms (an IME's ａｂｃ, －, the ideographic space). Normalised here, before the lookup, so
 * `ABCD-EFGH ijkl mnop` finds `abcdefghijklmnop`. Codes are base32 (a–z, 2–7), 16 characters.
 */
export const InviteCode = z
  .string({ error: 'field.required' })
  .overwrite((raw) =>
    raw
      .normalize('NFKC')
      .replace(/[\s\p{Pd}_]/gu, '')
      .toLowerCase(),
  )
  .min(1, { error: 'field.required', abort: true })
  .regex(/^[a-z2-7]{16}$/, { error: 'team.inviteInvalid' })
  .openapi({
    example: 'abcdefgh2345mnop',
    description:
      'The pattern is that of the code once normalised: case, spaces, dashes and full-width forms are ignored, so `ABCD-EFGH 2345 MNOP` is the same code',
  });

export const JoinTeam = z.object({ inviteCode: InviteCode }).openapi('JoinTeam');
export type JoinTeam = z.infer<typeof JoinTeam>;

export const SaveEntry = z
  .object({
    title: plainLine(80),
    summary: plainText(2000),
    demoUrl: httpUrl,
    repoUrl: httpUrl,
    productId: PositiveId.optional(),
  })
  .openapi('SaveEntry');
export type SaveEntry = z.infer<typeof SaveEntry>;

/**
 * The leader links the team's company (one of their verified companies; null unlinks it) and,
 * through the entry, one of its approved products (null: none; left out: kept while it still
 * belongs to the company).
 */
export const LinkTeamCompany = z
  .object({
    companyId: PositiveId.nullable(),
    productId: PositiveId.nullable().optional(),
  })
  .openapi('LinkTeamCompany');
export type LinkTeamCompany = z.infer<typeof LinkTeamCompany>;

export const MemberRef = z.object({ userId: PositiveId }).openapi('MemberRef');
export type MemberRef = z.infer<typeof MemberRef>;

/** A team entry as the API answers it. */
export const Entry = z
  .object({
    id: z.int(),
    teamId: z.int(),
    title: z.string(),
    summary: z.string(),
    demoUrl: z.string(),
    repoUrl: z.string(),
    productId: z.int().nullable(),
    status: z.enum(['submitted', 'shortlisted', 'winner', 'not_selected']),
    updatedAt: z.string(),
  })
  .openapi('Entry');

export const Team = z
  .object({
    id: z.int(),
    contest: z.string(),
    track: z.string(),
    name: z.string(),
    inviteCode: z.string().openapi({ description: 'Shown to members only; share it to invite others' }),
    leaderId: z.int().nullable(),
    companyId: z.int().nullable(),
    members: z.array(z.object({ userId: z.int(), name: z.string(), joinedAt: z.string() })),
    teamSize: z.object({ min: z.int(), max: z.int() }),
    phase: z.string(),
    registrationOpen: z.boolean(),
    submissionOpen: z.boolean(),
    submissionCloses: z.string(),
    entry: Entry.nullable(),
  })
  .openapi('Team');
