/**
 * Contest teams and entries: create a team, join by invite code, manage the roster (leave, remove,
 * hand over, dissolve), link the company and product, one entry per
 * team. Rules (deadlines, sizes, one team per person) are enforced by the services and the database.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { entryNotFound } from '../lib/errors';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/api';
import { IdParams, positiveIdParam } from '../schemas/common';
import { Entry, JoinTeam, LinkTeamCompany, MemberRef, SaveEntry, Team } from '../schemas/teams';
import { dissolveTeam } from '../services/teams/dissolve-team';
import { handOverLeadership } from '../services/teams/hand-over-leadership';
import { joinTeam } from '../services/teams/join-team';
import { leaveTeam } from '../services/teams/leave-team';
import { linkTeamCompany } from '../services/teams/link-company';
import { loadTeam } from '../services/teams/load-team';
import { removeMember } from '../services/teams/remove-member';
import { saveEntry } from '../services/teams/save-entry';
import { toEntry, toTeam } from './teams-json';

const MemberParams = IdParams.extend({ userId: positiveIdParam('userId', 2) });

/** The errors of every team write, here and under /v1/contests/{slug}/teams. */
export const teamWriteErrors = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Not allowed (e.g. email not verified, not a member, not the leader)'),
  404: problemResponse('No such team or contest'),
  409: problemResponse('Closed, full, or already in a team of this contest'),
  422: problemResponse('Invalid input'),
};

const routes = {
  join: createRoute({
    method: 'post',
    path: '/v1/teams/join',
    operationId: 'joinTeam',
    tags: ['teams'],
    summary: 'Join a team with its invite code while registration is open (case, spaces and dashes ignored)',
    request: jsonBody(JoinTeam),
    responses: { 200: jsonResponse(Team, 'The team joined'), ...teamWriteErrors },
  }),

  get: createRoute({
    method: 'get',
    path: '/v1/teams/{id}',
    operationId: 'getTeam',
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
    operationId: 'leaveTeam',
    tags: ['teams'],
    summary: 'Leave the team before the roster locks (a sole leader dissolves it)',
    request: { params: IdParams },
    responses: { 200: jsonResponse(z.object({ dissolved: z.boolean() }), 'Left'), ...teamWriteErrors },
  }),
  dissolve: createRoute({
    method: 'delete',
    path: '/v1/teams/{id}',
    operationId: 'dissolveTeam',
    tags: ['teams'],
    summary:
      'The leader dissolves the team until submissionCloses: the team, its roster and its entry are deleted (audited)',
    request: { params: IdParams },
    responses: {
      200: jsonResponse(z.object({ dissolved: z.literal(true) }), 'Dissolved'),
      ...teamWriteErrors,
    },
  }),
  linkCompany: createRoute({
    method: 'put',
    path: '/v1/teams/{id}/company',
    operationId: 'setTeamCompany',
    tags: ['teams'],
    summary:
      'The leader links one of their verified companies (null unlinks) and, through the entry, one of its approved products, until submissionCloses (audited)',
    request: { params: IdParams, ...jsonBody(LinkTeamCompany) },
    responses: { 200: jsonResponse(Team, 'The team'), ...teamWriteErrors },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/v1/teams/{id}/members/{userId}',
    operationId: 'removeTeamMember',
    tags: ['teams'],
    summary: 'The leader removes a member before the roster locks',
    request: { params: MemberParams },
    responses: { 200: jsonResponse(Team, 'The team'), ...teamWriteErrors },
  }),
  handOver: createRoute({
    method: 'put',
    path: '/v1/teams/{id}/leader',
    operationId: 'transferTeamLeadership',
    tags: ['teams'],
    summary: 'The leader hands over leadership to a member before the roster locks',
    request: { params: IdParams, ...jsonBody(MemberRef) },
    responses: { 200: jsonResponse(Team, 'The team'), ...teamWriteErrors },
  }),
  getEntry: createRoute({
    method: 'get',
    path: '/v1/teams/{id}/entry',
    operationId: 'getTeamEntry',
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
    operationId: 'saveTeamEntry',
    tags: ['teams'],
    summary: 'Create or edit the team’s one entry until submissionCloses',
    request: { params: IdParams, ...jsonBody(SaveEntry) },
    responses: { 200: jsonResponse(Entry, 'The saved entry'), ...teamWriteErrors },
  }),
};

export function registerTeams(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.join, async (c) => {
    const joined = await joinTeam({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json(toTeam(await loadTeam({ ctx: c.var.ctx, input: { teamId: joined.teamId } })), 200);
  });

  app.openapi(routes.get, async (c) =>
    c.json(toTeam(await loadTeam({ ctx: c.var.ctx, input: { teamId: c.req.valid('param').id } })), 200),
  );

  app.openapi(routes.leave, async (c) => {
    const { dissolved } = await leaveTeam({ ctx: c.var.ctx, input: { teamId: c.req.valid('param').id } });
    return c.json({ dissolved }, 200);
  });

  app.openapi(routes.dissolve, async (c) => {
    await dissolveTeam({ ctx: c.var.ctx, input: { teamId: c.req.valid('param').id } });
    return c.json({ dissolved: true as const }, 200);
  });

  app.openapi(routes.linkCompany, async (c) => {
    const { id } = c.req.valid('param');
    await linkTeamCompany({ ctx: c.var.ctx, input: { ...c.req.valid('json'), teamId: id } });
    return c.json(toTeam(await loadTeam({ ctx: c.var.ctx, input: { teamId: id } })), 200);
  });

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
    if (!team.entry) throw entryNotFound();
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
