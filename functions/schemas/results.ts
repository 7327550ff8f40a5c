/**
 * Inputs of publishing and withdrawing a contest's results, shared by the organizer's page, the API
 * and the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { Instant } from './api';
import { plainText } from './common';

export const PublishResults = z
  .object({
    /** Publish although entries have no score or judges have not started (the preview names them). */
    confirmGaps: z.boolean().default(false),
    /** The gaps the confirming person saw (`gapsKey` of the preview); refused when they changed. */
    gapsSeen: z.string().max(4000).optional(),
  })
  .openapi('PublishResults');
export type PublishResults = z.infer<typeof PublishResults>;

export const WithdrawResults = z
  .object({
    /** Shown on the public results page until the results are published again. */
    reason: plainText(1000, 5),
  })
  .openapi('WithdrawResults');
export type WithdrawResults = z.infer<typeof WithdrawResults>;

/** The answer to a withdrawal: which publication was withdrawn, and when. */
export const ResultWithdrawal = z
  .object({ publishedAt: Instant, withdrawnAt: Instant })
  .openapi('ResultWithdrawal');
