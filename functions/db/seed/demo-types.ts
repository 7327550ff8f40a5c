/** Shapes of the demo records the seed writes into the database (content/ holds the editorial part). */
import type { ProductFields } from '../../schemas/product-fields';
import type { District } from '../../schemas/taxonomy';

export type DemoRole = 'founder' | 'organizer' | 'admin';

export interface DemoUser {
  key: string;
  email: string; // always @example.com
  name: string;
  role: DemoRole;
  emailVerified: boolean;
}

export interface DemoCompany {
  key: string;
  name: string;
  creditCode: string; // valid per GB 32100-2015 (functions/lib/credit-code.ts)
  founderKey: string; // DemoUser.key of the account that registered it
  founderName: string;
  district: District;
  businessScope: string;
  website: string | null;
  status: 'pending' | 'verified' | 'rejected';
  rejectionReason?: string;
  /** Community slugs (content/communities) the company is an approved member of. */
  communities: string[];
}

/** The editable fields as a founder would submit them: websites https://….example.com, 1–5 lower-case tags. */
export interface DemoProduct extends ProductFields {
  companyKey: string;
  status: 'pending' | 'approved' | 'rejected';
  rejectionReason?: string;
  /** How many days before the seed's "now" it was submitted (and approved, if approved). */
  daysAgo: number;
  /** How many of the demo voters upvote it (0..voters available). */
  votes: number;
}

export interface DemoEntry {
  title: string;
  summary: string;
  demoUrl: string;
  repoUrl: string;
  productName?: string; // name of a DemoProduct of the team's company
  status: 'submitted' | 'shortlisted' | 'winner' | 'not_selected';
  prizeKey?: string; // a prize key of the contest, for winners
}

export interface DemoTeam {
  contest: string; // contest slug
  track: string; // track key of that contest
  name: string;
  leaderKey: string;
  memberKeys: string[]; // excluding the leader
  companyKey?: string;
  entry?: DemoEntry;
  /** Scores per judge key → criterion key → score (0..criterion max); only for judged contests. */
  scores?: Record<string, Record<string, number>>;
}

type Text = { zh: string; en: string };

export interface DemoEvent {
  slug: string;
  community: string | null;
  title: Text;
  summary: Text;
  description: Text;
  venue: Text;
  room?: Text & { private: boolean };
  onlineUrl?: string;
  startsAt: string; // with +08:00
  endsAt: string;
  capacity: number | null;
  approvalRequired?: boolean;
  questions?: import('../schema').EventQuestion[];
  /** Demo users registered (in this order), with their answers; the seed decides each one's status. */
  registrations?: Array<{
    userKey: string;
    answers?: Record<string, string | string[]>;
    checkedIn?: boolean;
  }>;
}
