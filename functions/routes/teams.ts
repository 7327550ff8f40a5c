/**
 * Contest teams and entries: create a team, join by invite code, manage the roster, one entry per
 * team. Rules (deadlines, sizes, one team per person) are enforced by the services and the database.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { notFound } from '../lib/errors';
import { withIdempotency } from '../lib/idempotency';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/api';
import { IdempotencyHeader, IdParams, positiveIdParam, SlugParams } from '../schemas/common';
import { CreateTeam, JoinTeam, MemberRef, SaveEntry } from '../schemas/teams';
import { createTeam } from '../services/teams/create-team';
import { joinTeam } from '../services/teams/join-team';
import { listMyTeams } from '../services/teams/list-my-teams';
import { loadTeam, type TeamView } from '../services/teams/load-team';
import { handOverLeadership, leaveTeam, removeMember } from '../services/teams/manage-roster';
import { saveEntry } from '../services/teams/save-entry';

const MemberParams = IdParams.extend({ userId: positiveIdParam('userId', 2) });

const Entry = z
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

const Team = z
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

const toEntry = (entry: NonNullable<TeamView['entry']>) => ({
  id: entry.id,
  teamId: entry.teamId,
  title: entry.title,
  summary: entry.summary,
  demoUrl: entry.demoUrl,
  repoUrl: entry.repoUrl,
  productId: entry.productId,
  status: entry.status,
  updatedAt: entry.updatedAt.toISOString(),
});

const toTeam = (team: TeamView) => ({
  id: team.id,
  contest: team.contest.slug,
  track: team.track,
  name: team.name,
  inviteCode: team.inviteCode,
  leaderId: team.leaderId,
  members: team.members.map((m) => ({ userId: m.userId, name: m.name, joinedAt: m.joinedAt.toISOString() })),
  teamSize: team.contest.teamSize,
  phase: team.phase.phase,
  registrationOpen: team.phase.registrationOpen,
  submissionOpen: team.phase.submissionOpen,
  submissionCloses: team.contest.timeline.submissionCloses.toISOString(),
  entry: team.entry ? toEntry(team.entry) : null,
});

const writeErrors = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Not allowed (e.g. email not verified, not a member, not the leader)'),
  404: problemResponse('No such team or contest'),
  409: problemResponse('Closed, full, or already in a team of this contest'),
  422: problemResponse('Invalid input'),
};

const routes = {
  create: createRoute({
    method: 'post',
    path: '/v1/contests/{slug}/teams',
    tags: ['teams'],
    summary: 'Create a team while registration is open; the creator leads it',
    request: { params: SlugParams, headers: IdempotencyHeader, ...jsonBody(CreateTeam) },
    responses: { 201: jsonResponse(Team, 'The new team with its invite code'), ...writeErrors },
  }),
  join: createRoute({
    method: 'post',
    path: '/v1/teams/join',
    tags: ['teams'],
    summary: 'Join a team with its invite code while registration is open',
    request: jsonBody(JoinTeam),
    responses: { 200: jsonResponse(Team, 'The team joined'), ...writeErrors },
  }),
  mine: createRoute({
    method: 'get',
    path: '/v1/me/teams',
    tags: ['teams'],
    summary: "The signed-in user's teams",
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            z.object({
              id: z.int(),
              contest: z.string(),
              name: z.string(),
              isLeader: z.boolean(),
              entryStatus: z.string().nullable(),
            }),
          ),
          nextCursor: z.null(),
        }),
        'Teams',
      ),
      401: problemResponse('Not signed in'),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/v1/teams/{id}',
    tags: ['teams'],
    summary: 'A team, for its members',
    request: { params: IdParams },
    responses: {
      200: jsonResponse(Team, 'The team'),
      401: problemResponse('Not signed in'),
      404: problemResponse('No such team'),
    },
  }),
  leave: createRoute({
    method: 'post',
    path: '/v1/teams/{id}/leave',
    tags: ['teams'],
    summary: 'Leave the team before the roster locks (a sole leader dissolves it)',
    request: { params: IdParams },
    responses: { 200: jsonResponse(z.object({ dissolved: z.boolean() }), 'Left'), ...writeErrors },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/v1/teams/{id}/members/{userId}',
    tags: ['teams'],
    summary: 'The leader removes a member before the roster locks',
    request: { params: MemberParams },
    responses: { 200: jsonResponse(Team, 'The team'), ...writeErrors },
  }),
  handOver: createRoute({
    method: 'put',
    path: '/v1/teams/{id}/leader',
    tags: ['teams'],
    summary: 'The leader hands over leadership to a member before the roster locks',
    request: { params: IdParams, ...jsonBody(MemberRef) },
    responses: { 200: jsonResponse(Team, 'The team'), ...writeErrors },
  }),
  getEntry: createRoute({
    method: 'get',
    path: '/v1/teams/{id}/entry',
    tags: ['teams'],
    summary: "The team's entry",
    request: { params: IdParams },
    responses: {
      200: jsonResponse(Entry, 'The entry'),
      401: problemResponse('Not signed in'),
      404: problemResponse('No team or no entry yet'),
    },
  }),
  putEntry: createRoute({
    method: 'put',
    path: '/v1/teams/{id}/entry',
    tags: ['teams'],
    summary: 'Create or edit the team’s one entry until submissionCloses',
    request: { params: IdParams, ...jsonBody(SaveEntry) },
    responses: { 200: jsonResponse(Entry, 'The saved entry'), ...writeErrors },
  }),
};

export function registerTeams(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.create, async (c) => {
    const ctx = c.var.ctx;
    const input = { ...c.req.valid('json'), contestSlug: c.req.valid('param').slug };
    const answer = await withIdempotency(
      ctx,
      {
        scope: `api:teams:${ctx.user?.id ?? 'anonymous'}`,
        key: c.req.valid('header')['idempotency-key'],
        request: input,
      },
      async () => {
        const created = await createTeam({ ctx, input });
        return { status: 201, body: toTeam(await loadTeam({ ctx, input: { teamId: created.id } })) };
      },
    );
    return c.json(answer.body, 201);
  });

  app.openapi(routes.join, async (c) => {
    const joined = await joinTeam({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json(toTeam(await loadTeam({ ctx: c.var.ctx, input: { teamId: joined.teamId } })), 200);
  });

  app.openapi(routes.mine, async (c) => {
    const teams = await listMyTeams({ ctx: c.var.ctx });
    const items = teams.map((t) => ({
      id: t.id,
      contest: t.contestSlug,
      name: t.name,
      isLeader: t.isLeader,
      entryStatus: t.entryStatus,
    }));
    return c.json({ items, nextCursor: null }, 200);
  });

  app.openapi(routes.get, async (c) =>
    c.json(toTeam(await loadTeam({ ctx: c.var.ctx, input: { teamId: c.req.valid('param').id } })), 200),
  );

  app.openapi(routes.leave, async (c) =>
    c.json(await leaveTeam({ ctx: c.var.ctx, input: { teamId: c.req.valid('param').id } }), 200),
  );

  app.openapi(routes.remove, async (c) => {
    const { id, userId } = c.req.valid('param');
    await removeMember({ ctx: c.var.ctx, input: { teamId: id, userId } });
    return c.json(toTeam(await loadTeam({ ctx: c.var.ctx, input: { teamId: id } })), 200);
  });

  app.openapi(routes.handOver, async (c) => {
    const { id } = c.req.valid('param');
    await handOverLeadership({ ctx: c.var.ctx, input: { teamId: id, userId: c.req.valid('json').userId } });
    return c.json(toTeam(await loadTeam({ ctx: c.var.ctx, input: { teamId: id } })), 200);
  });

  app.openapi(routes.getEntry, async (c) => {
    const team = await loadTeam({ ctx: c.var.ctx, input: { teamId: c.req.valid('param').id } });
    if (!team.entry) throw notFound('entry_not_found');
    return c.json(toEntry(team.entry), 200);
  });

  app.openapi(routes.putEntry, async (c) => {
    const saved = await saveEntry({
      ctx: c.var.ctx,
      input: { ...c.req.valid('json'), teamId: c.req.valid('param').id },
    });
    return c.json(toEntry(saved), 200);
  });
}
