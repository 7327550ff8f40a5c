/**
 * Roster buttons on the team page (leave, remove a member, hand over leadership) post here; the
 * handler calls the service and answers 303 back to the team page, with the refusal's message key
 * in `?error=` when a rule says no. Signed-out visitors are sent to sign in by the page map.
 */
import type { APIContext } from 'astro';
import { z } from 'zod';
import { isAppError } from '~/functions/lib/errors';
import { PositiveId, parsePositiveId } from '~/functions/schemas/common';
import { handOverLeadership } from '~/functions/services/teams/hand-over-leadership';
import { leaveTeam } from '~/functions/services/teams/leave-team';
import { removeMember } from '~/functions/services/teams/remove-member';
import { localizedPath } from '~/src/i18n';
import { pageForm } from '~/src/lib/form-body';

const RosterAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('leave') }),
  z.object({ action: z.literal('remove'), userId: PositiveId }),
  z.object({ action: z.literal('leader'), userId: PositiveId }),
]);

export async function handleRosterAction(context: APIContext): Promise<Response> {
  const { ctx, locale } = context.locals;
  const teamId = parsePositiveId(context.params.id);
  const teamPath = localizedPath(`/me/teams/${teamId}`, locale);
  const parsed = RosterAction.safeParse(Object.fromEntries(pageForm(context.locals)));
  if (teamId === null || !parsed.success) return context.redirect(`${teamPath}?error=error.validation`, 303);
  try {
    const input = parsed.data;
    if (input.action === 'leave') {
      await leaveTeam({ ctx, input: { teamId } });
      return context.redirect(localizedPath('/me', locale), 303);
    }
    if (input.action === 'remove') await removeMember({ ctx, input: { teamId, userId: input.userId } });
    else await handOverLeadership({ ctx, input: { teamId, userId: input.userId } });
    return context.redirect(teamPath, 303);
  } catch (err) {
    if (!isAppError(err)) throw err;
    return context.redirect(`${teamPath}?error=${encodeURIComponent(err.messageKey)}`, 303);
  }
}
