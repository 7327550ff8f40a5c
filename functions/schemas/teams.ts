/** Inputs of contest teams and entries, shared by forms, the API and the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { httpUrl, PositiveId, plainLine, plainText } from './common';

export const CreateTeam = z
  .object({
    track: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(40),
    name: plainLine(40),
    companyId: PositiveId.optional(),
  })
  .openapi('CreateTeam');
export type CreateTeam = z.infer<typeof CreateTeam>;

export const JoinTeam = z
  .object({
    inviteCode: z
      .string({ error: 'field.required' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z2-7]{16}$/, { error: 'team.inviteInvalid' }),
  })
  .openapi('JoinTeam');
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
    members: z.array(z.object({ userId: z.int(), name: z.string(), joinedAt: z.string() })),
    teamSize: z.object({ min: z.int(), max: z.int() }),
    phase: z.string(),
    registrationOpen: z.boolean(),
    submissionOpen: z.boolean(),
    submissionCloses: z.string(),
    entry: Entry.nullable(),
  })
  .openapi('Team');
