/** Maps service results of the public directory to their JSON shapes (instants with +08:00). */
import type { Community } from '../content/catalog';
import { shanghaiIso } from '../lib/shanghai-time';
import type { CommunityDetail, CommunitySummary } from '../schemas/communities';
import type { CompanyDetail } from '../schemas/companies';
import type { ContestDetail, ContestSummary } from '../schemas/contests';
import type { EventDetail, EventSummary } from '../schemas/events';
import type { CommunityWithMembers } from '../services/communities/get-community';
import type { PublicCompany } from '../services/companies/get-company';
import type { ContestStatus } from '../services/contests/contest-status';
import { type EventRecord, seatsLeft } from '../services/events/event-record';
import { type MyRegistration, registrationWindow } from '../services/events/registration';

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

export const toEventSummary = (e: EventRecord): EventSummary => ({
  slug: e.slug,
  status: e.status === 'cancelled' ? 'cancelled' : 'published',
  title: e.title,
  sample: e.sample,
  community: e.community,
  startsAt: shanghaiIso(e.startsAt),
  endsAt: shanghaiIso(e.endsAt),
  venue: e.venue,
  online: e.onlineUrl !== null,
  summary: e.summary,
  capacity: e.capacity,
  seatsLeft: seatsLeft(e),
  waitlistLength: e.waitlistCount,
});

export const toRegistrationJson = (r: MyRegistration) => ({
  status: r.status,
  answers: r.answers,
  waitlistPosition: r.waitlistPosition,
  ticketCode: r.ticketCode,
  declineReason: r.declineReason,
  checkedInAt: r.checkedInAt ? shanghaiIso(r.checkedInAt) : null,
  registeredAt: shanghaiIso(r.createdAt),
});

/** The online link and a private room only for a seated viewer. */
export const toEventDetail = (
  e: EventRecord,
  registration: MyRegistration | null,
  now: Date,
): EventDetail => {
  const seated = registration?.ticketCode != null;
  return {
    ...toEventSummary(e),
    description: e.description,
    room: e.room && (!e.roomPrivate || seated) ? e.room : null,
    onlineUrl: seated ? e.onlineUrl : null,
    registrationOpensAt: e.registrationOpensAt ? shanghaiIso(e.registrationOpensAt) : null,
    registrationClosesAt: e.registrationClosesAt ? shanghaiIso(e.registrationClosesAt) : null,
    registrationOpen: registrationWindow(e, now) === 'open',
    approvalRequired: e.approvalRequired,
    questions: e.questions,
    registration: registration ? toRegistrationJson(registration) : null,
  };
};

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
