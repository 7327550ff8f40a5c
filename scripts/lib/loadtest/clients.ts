/**
 * The load test's clients: closed-loop founders, each with a pre-seeded session, who browse, search,
 * vote, join and leave teams, register for and cancel a small event; every eighth one leads a team and edits its entry. Each client is
 * sequential, so the last write it had acknowledged is known: every write goes into a ledger with its
 * outcome — `ack` (2xx), `rejected` (4xx: nothing changed) or `unknown` (5xx or no answer: it may or
 * may not have happened) — which checks.ts compares with the database afterwards.
 */
import type { SignedInUser } from '../signed-in-users';

export const CONTEST = 'agent-innovation-2026';
/** A client gives up on a request after this long and records it as unanswered (a hang). */
export const CLIENT_TIMEOUT_MS = 20_000;
/** After a 503 or no answer, a client waits this long (shorter than Retry-After, to keep the pressure). */
const BACKOFF_MS = 250;
const LEADER_EVERY = 8;
const SEARCH_TERMS = ['智能体', '医疗', '合同', '算力', '记账', '政务', '法律', 'agent', 'AI', 'office'];

export type Action =
  | 'browse'
  | 'search'
  | 'vote'
  | 'join'
  | 'leave'
  | 'team-read'
  | 'sync'
  | 'create-team'
  | 'edit-entry'
  | 'register'
  | 'cancel'
  | 'health';

export interface Sample {
  action: Action;
  method: string;
  path: string;
  /** 0: no answer (connection error or the client's timeout). */
  status: number;
  /** ms since the run started */
  start: number;
  ms: number;
  type: string;
  retryAfter: string | null;
  cache: string | null;
  /** From Server-Timing: time inside the Worker and waiting for the database. */
  workerMs?: number;
  dbMs?: number;
  error?: string;
}

export type Outcome = 'ack' | 'rejected' | 'unknown';

export interface VoteOp {
  want: boolean;
  outcome: Outcome;
  told?: { voted: boolean; voteCount: number };
}
export interface MemberOp {
  kind: 'join' | 'leave';
  teamId: number;
  outcome: Outcome;
  toldTeamId?: number;
}
export interface CreateOp {
  outcome: Outcome;
  teamId?: number;
}
export interface EntryOp {
  title: string;
  outcome: Outcome;
  toldTitle?: string;
}

export interface RegistrationOp {
  kind: 'register' | 'cancel';
  outcome: Outcome;
  /** The state the portal answered with, for an acknowledged write. */
  told?: string;
}

export interface Ledger {
  /** by user: registrations for and cancellations of the load event */
  registrations: Map<number, RegistrationOp[]>;
  /** key `${userId}:${productId}` */
  votes: Map<string, VoteOp[]>;
  memberships: Map<number, MemberOp[]>;
  /** by leader */
  creations: Map<number, CreateOp[]>;
  /** by team */
  entries: Map<number, EntryOp[]>;
  /** leader id -> team id, as the leader came to know it */
  teams: Map<number, number>;
  leaders: Set<number>;
}

export interface LoadPlan {
  base: string;
  users: SignedInUser[];
  /** Approved products that take the votes (few, so votes contend). */
  hotProducts: number[];
  productIds: number[];
  companyIds: number[];
  durationMs: number;
  thinkMs: [number, number];
  /** Clients start at random instants within this long. */
  rampMs: number;
  /** A small event everyone registers for and cancels (so seats and the waitlist contend). */
  eventSlug: string;
}

export interface LoadRun {
  samples: Sample[];
  health: Sample[];
  ledger: Ledger;
  /** ms since the run started */
  now(): number;
  /** Resolves when every client has stopped. */
  done: Promise<void>;
}

type Answer = { status: number; body: unknown };

export function startLoad(plan: LoadPlan): LoadRun {
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const samples: Sample[] = [];
  const health: Sample[] = [];
  const ledger: Ledger = {
    registrations: new Map(),
    votes: new Map(),
    memberships: new Map(),
    creations: new Map(),
    entries: new Map(),
    teams: new Map(),
    leaders: new Set(),
  };
  const openTeams: Array<{ id: number; inviteCode: string }> = [];
  const running = () => now() < plan.durationMs;
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  async function http(
    into: Sample[],
    action: Action,
    method: string,
    path: string,
    opts: {
      cookie?: string | undefined;
      body?: unknown;
      json?: boolean;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      accept: opts.json ? 'application/json' : 'text/html,application/xhtml+xml,*/*;q=0.8',
      'accept-language': Math.random() < 0.8 ? 'zh-CN' : 'en',
      ...opts.headers,
    };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (method !== 'GET') headers.origin = plan.base;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const start = now();
    const sample: Sample = {
      action,
      method,
      path,
      status: 0,
      start,
      ms: 0,
      type: '',
      retryAfter: null,
      cache: null,
    };
    let body: unknown = null;
    try {
      const res = await fetch(`${plan.base}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      const text = await res.text();
      sample.status = res.status;
      sample.type = res.headers.get('content-type') ?? '';
      sample.retryAfter = res.headers.get('retry-after');
      sample.cache = res.headers.get('x-cache');
      const timing = res.headers.get('server-timing') ?? '';
      const total = /total;dur=([\d.]+)/.exec(timing)?.[1];
      const db = /db;dur=([\d.]+)/.exec(timing)?.[1];
      if (total) sample.workerMs = Number(total);
      if (db) sample.dbMs = Number(db);
      if (sample.type.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          sample.error = 'unparsable JSON';
        }
      }
    } catch (err) {
      sample.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    sample.ms = now() - start;
    into.push(sample);
    return { status: sample.status, body };
  }

  const outcomeOf = (status: number): Outcome =>
    status >= 200 && status < 300 ? 'ack' : status >= 400 && status < 500 ? 'rejected' : 'unknown';
  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const think = () => sleep(plan.thinkMs[0] + Math.random() * (plan.thinkMs[1] - plan.thinkMs[0]));
  const pause = (a: Answer) => (a.status === 0 || a.status >= 500 ? sleep(BACKOFF_MS) : think());
  const lang = () => (Math.random() < 0.7 ? '' : '/en');

  async function browse(user: SignedInUser) {
    const signedIn = Math.random() < 0.5;
    const paths = [
      '/',
      '/products',
      `/products/${pick(plan.productIds)}`,
      `/products/${pick(plan.hotProducts)}`,
      '/contests',
      `/contests/${CONTEST}`,
      '/communities',
      '/events',
      `/events/${plan.eventSlug}`,
      `/companies/${pick(plan.companyIds)}`,
      ...(signedIn ? ['/me', '/me'] : []),
    ];
    const path = `${lang()}${pick(paths)}`;
    return http(samples, 'browse', 'GET', path === '/en/' ? '/en' : path, {
      cookie: signedIn ? user.cookie : undefined,
    });
  }

  async function search(user: SignedInUser) {
    const q = encodeURIComponent(pick(SEARCH_TERMS));
    if (Math.random() < 0.5) return http(samples, 'search', 'GET', `/api/v1/products?q=${q}`, { json: true });
    const signedIn = Math.random() < 0.5;
    return http(samples, 'search', 'GET', `${lang()}/products?q=${q}`, {
      cookie: signedIn ? user.cookie : undefined,
    });
  }

  async function vote(user: SignedInUser) {
    const productId = pick(plan.hotProducts);
    const want = Math.random() < 0.6;
    const a = await http(samples, 'vote', want ? 'PUT' : 'DELETE', `/api/v1/products/${productId}/vote`, {
      cookie: user.cookie,
      json: true,
    });
    const op: VoteOp = { want, outcome: outcomeOf(a.status) };
    if (op.outcome === 'ack') op.told = a.body as NonNullable<VoteOp['told']>;
    push(ledger.votes, `${user.id}:${productId}`, op);
    return a;
  }

  /** Registers for the load event, or cancels, by what this client last heard of its registration. */
  async function attend(user: SignedInUser, registered: boolean | undefined) {
    const kind =
      registered === undefined
        ? Math.random() < 0.5
          ? 'register'
          : 'cancel'
        : registered
          ? 'cancel'
          : 'register';
    const a = await http(
      samples,
      kind,
      kind === 'register' ? 'PUT' : 'DELETE',
      `/api/v1/events/${plan.eventSlug}/registration`,
      {
        cookie: user.cookie,
        json: true,
        ...(kind === 'register' ? { body: { answers: {} } } : {}),
      },
    );
    const op: RegistrationOp = { kind, outcome: outcomeOf(a.status) };
    const told = (a.body as { event?: { registration?: { status?: string } } } | null)?.event?.registration
      ?.status;
    if (op.outcome === 'ack' && told) op.told = told;
    push(ledger.registrations, user.id, op);
    // A 404 to a cancel means "not registered": the client now knows it is not.
    const next =
      op.outcome === 'ack' ? kind === 'register' : a.status === 404 && kind === 'cancel' ? false : undefined;
    return { a, registered: next };
  }

  /** What the portal says this user's team in the contest is (null: none; undefined: no answer). */
  async function myTeam(user: SignedInUser): Promise<number | null | undefined> {
    const a = await http(samples, 'sync', 'GET', '/api/v1/me/teams', { cookie: user.cookie, json: true });
    if (a.status !== 200) return undefined;
    const items = (a.body as { items: Array<{ id: number; contest: string }> }).items;
    return items.find((t) => t.contest === CONTEST)?.id ?? null;
  }

  async function member(user: SignedInUser) {
    // What this client believes: its team, none, or unknown (after an unknown outcome).
    let team: number | null | undefined = null;
    let registered: boolean | undefined = false;
    while (running()) {
      const roll = Math.random();
      let a: Answer;
      if (roll < 0.3) a = await browse(user);
      else if (roll < 0.45) a = await search(user);
      else if (roll < 0.7) a = await vote(user);
      else if (roll < 0.8) ({ a, registered } = await attend(user, registered));
      else if (team === undefined) {
        team = await myTeam(user);
        a = { status: team === undefined ? 0 : 200, body: null };
      } else if (team === null) {
        const target = openTeams.length > 0 ? pick(openTeams) : undefined;
        if (!target) {
          await think();
          continue;
        }
        a = await http(samples, 'join', 'POST', '/api/v1/teams/join', {
          cookie: user.cookie,
          json: true,
          body: { inviteCode: target.inviteCode },
        });
        const op: MemberOp = { kind: 'join', teamId: target.id, outcome: outcomeOf(a.status) };
        if (op.outcome === 'ack') op.toldTeamId = (a.body as { id: number }).id;
        push(ledger.memberships, user.id, op);
        const code = (a.body as { code?: string } | null)?.code;
        team =
          op.outcome === 'ack'
            ? target.id
            : op.outcome === 'unknown' || code === 'already_in_team'
              ? undefined
              : null;
      } else if (Math.random() < 0.5) {
        a = await http(samples, 'leave', 'POST', `/api/v1/teams/${team}/leave`, {
          cookie: user.cookie,
          json: true,
        });
        const outcome = outcomeOf(a.status);
        push(ledger.memberships, user.id, { kind: 'leave', teamId: team, outcome });
        team = outcome === 'ack' ? null : undefined;
      } else {
        a = await http(samples, 'team-read', 'GET', `/api/v1/teams/${team}`, {
          cookie: user.cookie,
          json: true,
        });
      }
      await pause(a);
    }
  }

  async function createTeam(user: SignedInUser): Promise<{ id: number; inviteCode: string } | null> {
    let key = `loadtest-${user.id}-${Math.random().toString(36).slice(2, 10)}`;
    while (running()) {
      const a = await http(samples, 'create-team', 'POST', `/api/v1/contests/${CONTEST}/teams`, {
        cookie: user.cookie,
        json: true,
        headers: { 'idempotency-key': key },
        body: { track: 'gov-services', name: `压测队 ${user.id}` },
      });
      const op: CreateOp = { outcome: outcomeOf(a.status) };
      const created = a.body as { id: number; inviteCode: string } | null;
      if (op.outcome === 'ack' && created) op.teamId = created.id;
      push(ledger.creations, user.id, op);
      if (op.outcome === 'ack' && created) return created;
      // An earlier attempt may have created it (or left its idempotency key reserved): ask.
      await pause(a);
      const id = await myTeam(user);
      if (id) {
        const read = await http(samples, 'team-read', 'GET', `/api/v1/teams/${id}`, {
          cookie: user.cookie,
          json: true,
        });
        if (read.status === 200) return read.body as { id: number; inviteCode: string };
      }
      if (id === null) key = `loadtest-${user.id}-${Math.random().toString(36).slice(2, 10)}`;
      await sleep(BACKOFF_MS);
    }
    return null;
  }

  async function leader(user: SignedInUser) {
    ledger.leaders.add(user.id);
    const team = await createTeam(user);
    if (!team) return;
    ledger.teams.set(user.id, team.id);
    openTeams.push({ id: team.id, inviteCode: team.inviteCode });
    let version = 0;
    while (running()) {
      const roll = Math.random();
      let a: Answer;
      if (roll < 0.4) {
        version += 1;
        const title = `压测作品 ${team.id} v${version}`;
        a = await http(samples, 'edit-entry', 'PUT', `/api/v1/teams/${team.id}/entry`, {
          cookie: user.cookie,
          json: true,
          body: {
            title,
            summary: `第 ${version} 版：负载测试写入的作品简介。`,
            demoUrl: `https://demo.example.com/${team.id}`,
            repoUrl: `https://github.com/example/team-${team.id}`,
          },
        });
        const op: EntryOp = { title, outcome: outcomeOf(a.status) };
        if (op.outcome === 'ack') op.toldTitle = (a.body as { title: string }).title;
        push(ledger.entries, team.id, op);
      } else if (roll < 0.65) a = await browse(user);
      else if (roll < 0.8) a = await search(user);
      else a = await vote(user);
      await pause(a);
    }
  }

  async function healthProbe() {
    while (running()) {
      await http(health, 'health', 'GET', '/api/v1/health', { json: true });
      await sleep(100);
    }
  }

  const clients = plan.users.map((user, i) => {
    const begin = sleep(Math.random() * plan.rampMs);
    return begin.then(() => (i % LEADER_EVERY === 0 ? leader(user) : member(user)));
  });
  const done = Promise.all([...clients, healthProbe()]).then(() => undefined);
  return { samples, health, ledger, now, done };
}
