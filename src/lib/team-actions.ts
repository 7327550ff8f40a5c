/**
 * The roster page `/me/teams/{id}/roster`: every roster change takes two steps and works without
 * JavaScript. The team page links to it with `?action=leave|dissolve|remove|leader` (and `userId`);
 * the GET answers a confirmation that names what will happen, with the confirm button and a cancel
 * link; its POST calls the service and answers 303:
 *
 * - remove, hand over: back to the team page, which says what happened;
 * - leave, dissolve: to `?done`, a page that says what happened (the team is gone for the viewer).
 *
 * What happened travels in a short-lived HttpOnly cookie (the names of the team and the member), so
 * nobody can craft a link that makes the portal announce something that did not happen; a page
 * opened without it goes on to 我的. A refusal goes back to the team page with its message key in
 * `?error=`. Signed-out visitors are sent to sign in by the page map (and come back to the team).
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { isSecureRequest } from '~/functions/auth/session';
import type { Contest } from '~/functions/content/catalog';
import { AppError, isAppError } from '~/functions/lib/errors';
import { withIdempotency } from '~/functions/lib/idempotency';
import { randomToken } from '~/functions/lib/ids';
import { IDEMPOTENCY_KEY_PATTERN, PositiveId, parsePositiveId } from '~/functions/schemas/common';
import { dissolveRefusal, dissolveTeam } from '~/functions/services/teams/dissolve-team';
import { handOverLeadership } from '~/functions/services/teams/hand-over-leadership';
import { leaveTeam } from '~/functions/services/teams/leave-team';
import { loadTeam, type TeamView } from '~/functions/services/teams/load-team';
import { removeMember } from '~/functions/services/teams/remove-member';
import { phaseOf } from '~/functions/services/teams/rules';
import { localizedPath } from '~/src/i18n';
import { pageForm } from '~/src/lib/form-body';
import { IDEMPOTENCY_FIELD } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';
import { requestCookie } from '~/src/lib/request-cookie';

const RosterAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('leave') }),
  z.object({ action: z.literal('dissolve') }),
  z.object({ action: z.literal('remove'), userId: PositiveId }),
  z.object({ action: z.literal('leader'), userId: PositiveId }),
]);
export type RosterAction = z.infer<typeof RosterAction>;

/** What happened, for the page after the change (kept in the notice cookie). */
const TeamNotice = z.object({
  kind: z.enum(['left', 'dissolved', 'removed']),
  teamId: z.number().int(),
  team: z.string().max(200),
  contest: z.string().max(100),
  member: z.string().max(200).optional(),
  entry: z.string().max(200).nullable().optional(),
  others: z.number().int().nonnegative().optional(),
});
export type TeamNotice = z.infer<typeof TeamNotice>;

const NOTICE_COOKIE = 'team_notice';

function setNotice(Astro: AstroGlobal, notice: TeamNotice): void {
  Astro.cookies.set(NOTICE_COOKIE, JSON.stringify(notice), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(Astro.url),
    maxAge: 300,
  });
}

/** The notice about this team, once: read and cleared. */
export function takeNotice(Astro: AstroGlobal, teamId: number): TeamNotice | null {
  const { cookies, url } = Astro;
  const raw = requestCookie(Astro.request, NOTICE_COOKIE);
  if (raw === undefined) return null;
  cookies.delete(NOTICE_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureRequest(url) });
  try {
    const parsed = TeamNotice.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.teamId === teamId ? parsed.data : null;
  } catch {
    return null;
  }
}

export type RosterPageProps =
  | {
      kind: 'confirm';
      action: RosterAction;
      team: TeamView;
      /** The member the action is about (remove, leader). */
      member: TeamView['members'][number] | null;
      idempotencyKey: string;
    }
  | { kind: 'done'; notice: TeamNotice; contest: Contest | null; registrationOpen: boolean };

export async function rosterPage(Astro: AstroGlobal) {
  const { ctx, locale, catalog } = Astro.locals;
  const teamId = parsePositiveId(Astro.params.id);
  if (teamId === null) return notFound;
  const teamPath = localizedPath(`/me/teams/${teamId}`, locale);
  const back = (err: AppError) =>
    respond(Astro.redirect(`${teamPath}?error=${encodeURIComponent(err.messageKey)}`, 303));

  if (Astro.request.method === 'POST') {
    try {
      return respond(Astro.redirect(await performRosterAction(Astro, teamId), 303));
    } catch (err) {
      if (!isAppError(err)) throw err;
      return back(err);
    }
  }

  if (Astro.url.searchParams.has('done')) {
    const notice = takeNotice(Astro, teamId);
    if (!notice || notice.kind === 'removed')
      return respond(Astro.redirect(localizedPath('/me', locale), 303));
    const contest = catalog.contest(notice.contest) ?? null;
    const registrationOpen = contest ? phaseOf(contest, ctx.now, null).registrationOpen : false;
    return page<RosterPageProps>({ kind: 'done', notice, contest, registrationOpen });
  }

  const parsed = RosterAction.safeParse(Object.fromEntries(Astro.url.searchParams));
  if (!parsed.success) return respond(Astro.redirect(teamPath, 303));
  const team = await orNotFound(() => loadTeam({ ctx, input: { teamId } }));
  if (!team?.isMember) return notFound;
  // A leader alone leaves by dissolving: the same confirmation.
  const action: RosterAction =
    parsed.data.action === 'leave' && team.isLeader && team.members.length === 1
      ? { action: 'dissolve' }
      : parsed.data;
  const refusal = refusalBeforeAsking(Astro, team, action);
  if (refusal) return back(refusal);
  const member =
    action.action === 'remove' || action.action === 'leader'
      ? (team.members.find((m) => m.userId === action.userId) ?? null)
      : null;
  return page<RosterPageProps>({
    kind: 'confirm',
    action,
    team,
    member,
    idempotencyKey: randomToken(12),
  });
}

/** The services' own refusals, checked before asking (they are checked again on the POST). */
function refusalBeforeAsking(Astro: AstroGlobal, team: TeamView, action: RosterAction): AppError | null {
  if (action.action === 'dissolve') return dissolveRefusal(Astro.locals.ctx, team);
  if (!team.phase.registrationOpen)
    return new AppError(409, 'registration_closed', 'team.registrationClosed');
  if (action.action === 'leave')
    return team.isLeader ? new AppError(409, 'leader_cannot_leave', 'team.leaderCannotLeave') : null;
  if (!team.isLeader) return new AppError(403, 'leader_only', 'team.leaderOnly');
  if (action.userId === team.leaderId || !team.members.some((m) => m.userId === action.userId))
    return new AppError(404, 'not_team_member', 'team.notMember');
  return null;
}

/** Runs the confirmed action once per idempotency key; answers where to go next. */
async function performRosterAction(Astro: AstroGlobal, teamId: number): Promise<string> {
  const { ctx, locale } = Astro.locals;
  const form = pageForm(Astro.locals);
  const parsed = RosterAction.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new AppError(422, 'validation_failed', 'error.validation');
  const input = parsed.data;
  const teamPath = localizedPath(`/me/teams/${teamId}`, locale);
  const donePath = `${localizedPath(`/me/teams/${teamId}/roster`, locale)}?done`;
  const submittedKey = form.get(IDEMPOTENCY_FIELD);
  const key =
    typeof submittedKey === 'string' && IDEMPOTENCY_KEY_PATTERN.test(submittedKey) ? submittedKey : null;
  // A double click lands on the first answer; the notice is stored with it and set again.
  const { body } = await withIdempotency<{ location: string; notice: TeamNotice | null }>(
    ctx,
    { scope: `roster:${teamId}:user:${ctx.user?.id ?? 0}`, key, request: input },
    async () => ({ status: 303, body: await runAction(input, teamId, teamPath, donePath, Astro) }),
  );
  if (body.notice) setNotice(Astro, body.notice);
  return body.location;
}

async function runAction(
  input: RosterAction,
  teamId: number,
  teamPath: string,
  donePath: string,
  Astro: AstroGlobal,
): Promise<{ location: string; notice: TeamNotice | null }> {
  const { ctx } = Astro.locals;
  switch (input.action) {
    case 'leave': {
      const left = await leaveTeam({ ctx, input: { teamId } });
      return {
        location: donePath,
        notice: {
          kind: left.dissolved ? 'dissolved' : 'left',
          teamId,
          team: left.name,
          contest: left.contestSlug,
          others: 0,
        },
      };
    }
    case 'dissolve': {
      const dissolved = await dissolveTeam({ ctx, input: { teamId } });
      return {
        location: donePath,
        notice: {
          kind: 'dissolved',
          teamId,
          team: dissolved.name,
          contest: dissolved.contestSlug,
          entry: dissolved.entryTitle,
          others: dissolved.otherMembers,
        },
      };
    }
    case 'remove': {
      const removed = await removeMember({ ctx, input: { teamId, userId: input.userId } });
      return {
        location: teamPath,
        notice: { kind: 'removed', teamId, team: removed.teamName, contest: '', member: removed.name },
      };
    }
    case 'leader':
      await handOverLeadership({ ctx, input: { teamId, userId: input.userId } });
      return { location: `${teamPath}?done=leader`, notice: null };
  }
}
