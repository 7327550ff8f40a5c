/** A team and its entry as the API answers them, for the routes that return one. */
import type { TeamView } from '../services/teams/load-team';

export const toEntry = (entry: NonNullable<TeamView['entry']>) => ({
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

export const toTeam = (team: TeamView) => ({
  id: team.id,
  contest: team.contest.slug,
  track: team.track,
  name: team.name,
  inviteCode: team.inviteCode,
  leaderId: team.leaderId,
  companyId: team.companyId,
  members: team.members.map((m) => ({ userId: m.userId, name: m.name, joinedAt: m.joinedAt.toISOString() })),
  teamSize: team.contest.teamSize,
  phase: team.phase.phase,
  registrationOpen: team.phase.registrationOpen,
  submissionOpen: team.phase.submissionOpen,
  submissionCloses: team.contest.timeline.submissionCloses.toISOString(),
  entry: team.entry ? toEntry(team.entry) : null,
});
