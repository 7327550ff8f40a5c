/** Maps service results of the public directory to their JSON shapes (instants with +08:00). */
import type { Community, Event } from '../content/catalog';
import { shanghaiIso } from '../lib/shanghai-time';
import type { CommunityDetail, CommunitySummary } from '../schemas/communities';
import type { CompanyDetail } from '../schemas/companies';
import type { ContestDetail, ContestSummary } from '../schemas/contests';
import type { EventDetail, EventSummary } from '../schemas/events';
import type { CommunityWithMembers } from '../services/communities/get-community';
import type { PublicCompany } from '../services/companies/get-company';
import type { ContestStatus } from '../services/contests/contest-status';

export const toCommunitySummary = (c: Community): CommunitySummary => ({
  slug: c.slug,
  name: c.name,
  sample: c.sample,
  district: c.district,
  address: c.address,
  seats: c.seats,
  openedOn: c.openedOn,
  focus: c.focus,
  summary: c.summary,
});

export const toEventSummary = (e: Event): EventSummary => ({
  slug: e.slug,
  title: e.title,
  sample: e.sample,
  community: e.community ?? null,
  startsAt: shanghaiIso(e.startsAt),
  endsAt: shanghaiIso(e.endsAt),
  venue: e.venue,
  summary: e.summary,
  capacity: e.capacity ?? null,
});

export const toEventDetail = (e: Event): EventDetail => ({
  ...toEventSummary(e),
  description: e.description,
});

export const toCommunityDetail = ({
  community: c,
  members,
  upcomingEvents,
}: CommunityWithMembers): CommunityDetail => ({
  ...toCommunitySummary(c),
  operator: c.operator,
  description: c.description,
  perks: c.perks,
  vouchers: c.vouchers,
  contactEmail: c.contactEmail,
  members,
  upcomingEvents: upcomingEvents.map(toEventSummary),
});

export const toCompanyDetail = (c: PublicCompany): CompanyDetail => ({
  ...c,
  communities: c.communities.map((community) => ({ slug: community.slug, name: community.name })),
});

export const toContestSummary = ({ contest: c, phase, teamCount }: ContestStatus): ContestSummary => ({
  slug: c.slug,
  title: c.title,
  sample: c.sample,
  summary: c.summary,
  host: c.host,
  community: c.community ?? null,
  phase: phase.phase,
  timeline: {
    registrationOpens: shanghaiIso(c.timeline.registrationOpens),
    registrationCloses: shanghaiIso(c.timeline.registrationCloses),
    submissionCloses: shanghaiIso(c.timeline.submissionCloses),
    judgingCloses: shanghaiIso(c.timeline.judgingCloses),
  },
  nextDeadline: phase.nextDeadline
    ? { key: phase.nextDeadline.key, at: shanghaiIso(phase.nextDeadline.at) }
    : null,
  teamSize: c.teamSize,
  teamCount,
});

export const toContestDetail = (status: ContestStatus): ContestDetail => {
  const { contest: c, phase, publishedAt } = status;
  return {
    ...toContestSummary(status),
    rules: c.rules,
    objectionDays: c.objectionDays,
    publishedAt: publishedAt ? shanghaiIso(publishedAt) : null,
    objectionCloses: phase.objectionCloses ? shanghaiIso(phase.objectionCloses) : null,
    tracks: c.tracks,
    prizes: c.prizes,
    rubric: c.rubric,
  };
};
