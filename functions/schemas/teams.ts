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
