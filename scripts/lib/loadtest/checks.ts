/**
 * After the load: the database against what the clients were told. For every sequence of writes of
 * one client to one thing (a vote, a membership, an entry) the states it may end in are computed from
 * the ledger — an acknowledged write fixes the state, a rejected one leaves it, an unknown one (503 or
 * no answer) may or may not have happened — and the row found must be one of them. Plus the limits
 * the database enforces (team sizes, one team per person, exact vote counts).
 */
import type { Client } from '@libsql/client';
import { CONTEST, type Ledger, type Outcome } from './clients';

export interface Check {
  name: string;
  ok: boolean;
  /** What was compared, in figures. */
  detail: string;
  /** The first few violations. */
  violations: string[];
}

/** States a sequence of writes may have left, starting from `initial`. */
export function possibleStates<S>(initial: S, ops: Array<{ outcome: Outcome; to: S }>): Set<S> {
  let states = new Set<S>([initial]);
  for (const op of ops) {
    if (op.outcome === 'ack') states = new Set([op.to]);
    else if (op.outcome === 'unknown') states.add(op.to);
  }
  return states;
}

function check(name: string, detail: string, violations: string[]): Check {
  return { name, ok: violations.length === 0, detail, violations: violations.slice(0, 10) };
}

const rowsOf = async (client: Client, sql: string, args: Array<string | number> = []) =>
  (await client.execute({ sql, args })).rows.map((row) =>
    Array.from(row as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? Number(v) : v)),
  );

export async function checkWrites(opts: {
  client: Client;
  ledger: Ledger;
  userIds: number[];
  /** vote_count of each product before the load */
  baseline: Map<number, number>;
  maxTeamSize: number;
  /** The load event and its capacity. */
  event: { slug: string; capacity: number };
  /** The portal's own answer for a product's count after the load. */
  readVoteCount: (productId: number) => Promise<number | null>;
}): Promise<Check[]> {
  const { client, ledger } = opts;
  const checks: Check[] = [];
  const ids = opts.userIds.join(',');

  // Votes: each client's last acknowledged vote or withdrawal is in the table, exactly once.
  const voted = new Set(
    (await rowsOf(client, `SELECT user_id, product_id FROM votes WHERE user_id IN (${ids})`)).map(
      ([u, p]) => `${u}:${p}`,
    ),
  );
  const voteViolations: string[] = [];
  let acked = 0;
  for (const [key, ops] of ledger.votes) {
    const states = possibleStates(
      false,
      ops.map((op) => ({ outcome: op.outcome, to: op.want })),
    );
    if (!states.has(voted.has(key))) {
      voteViolations.push(`${key}: row ${voted.has(key) ? 'present' : 'absent'}, expected ${[...states]}`);
    }
    for (const op of ops) {
      if (op.outcome !== 'ack') continue;
      acked += 1;
      if (op.told?.voted !== op.want) voteViolations.push(`${key}: asked ${op.want}, told ${op.told?.voted}`);
    }
  }
  for (const key of voted) if (!ledger.votes.has(key)) voteViolations.push(`${key}: a vote no client cast`);
  checks.push(
    check(
      'votes: every acknowledged vote present exactly once, no vote lost or invented',
      `${acked} acknowledged vote writes over ${ledger.votes.size} user×product pairs; ${voted.size} load votes in the table`,
      voteViolations,
    ),
  );

  // Counts: vote_count equals the rows, the counts told stayed within what is possible, and the
  // portal's answer now equals the table.
  const counts = await rowsOf(
    client,
    'SELECT id, vote_count, (SELECT count(*) FROM votes v WHERE v.product_id = p.id) FROM products p',
  );
  const countViolations: string[] = [];
  for (const [id, stored, rows] of counts) {
    if (stored !== rows) countViolations.push(`product ${id}: vote_count ${stored}, ${rows} vote rows`);
  }
  const loadUsers = opts.userIds.length;
  let told = 0;
  for (const [key, ops] of ledger.votes) {
    const productId = Number(key.split(':')[1]);
    const base = opts.baseline.get(productId) ?? 0;
    for (const op of ops) {
      if (!op.told) continue;
      told += 1;
      const n = op.told.voteCount;
      if (n < (op.told.voted ? 1 : 0) || n > base + loadUsers)
        countViolations.push(
          `${key}: told count ${n} outside [${op.told.voted ? 1 : 0}, ${base + loadUsers}]`,
        );
    }
  }
  const hot = [...new Set([...ledger.votes.keys()].map((k) => Number(k.split(':')[1])))];
  for (const productId of hot) {
    const stored = counts.find(([id]) => id === productId)?.[1];
    const answered = await opts.readVoteCount(productId);
    if (answered !== stored)
      countViolations.push(`product ${productId}: portal says ${answered}, table ${stored}`);
  }
  checks.push(
    check(
      'vote counts: vote_count = rows for every product, counts told plausible, portal = table',
      `${counts.length} products, ${told} counts told, ${hot.length} voted products read back`,
      countViolations,
    ),
  );

  // Teams created: one per leader at most, the acknowledged one.
  const teams = await rowsOf(
    client,
    `SELECT t.id, t.leader_id, t.member_count, (SELECT count(*) FROM team_members m WHERE m.team_id = t.id)
     FROM teams t WHERE t.contest_slug = ?`,
    [CONTEST],
  );
  const creationViolations: string[] = [];
  let createdTeams = 0;
  for (const leaderId of ledger.leaders) {
    const led = teams.filter(([, leader]) => leader === leaderId);
    createdTeams += led.length;
    const ackedId = ledger.creations.get(leaderId)?.find((op) => op.outcome === 'ack')?.teamId;
    const known = ledger.teams.get(leaderId);
    if (led.length > 1) creationViolations.push(`leader ${leaderId}: ${led.length} teams`);
    if (ackedId !== undefined && led[0]?.[0] !== ackedId)
      creationViolations.push(`leader ${leaderId}: told team ${ackedId}, table has ${led[0]?.[0]}`);
    if (known !== undefined && led[0]?.[0] !== known)
      creationViolations.push(`leader ${leaderId}: uses team ${known}, table has ${led[0]?.[0]}`);
  }
  checks.push(
    check(
      'team creation: one team per leader, the one acknowledged (idempotency keys, retries)',
      `${ledger.leaders.size} leaders, ${createdTeams} teams in the table`,
      creationViolations,
    ),
  );

  // Memberships: each member's last acknowledged join or leave holds.
  const membership = new Map(
    (await rowsOf(client, `SELECT user_id, team_id FROM team_members WHERE contest_slug = ?`, [CONTEST])).map(
      ([u, t]) => [u as number, t as number],
    ),
  );
  const memberViolations: string[] = [];
  let joinsAcked = 0;
  for (const [userId, ops] of ledger.memberships) {
    const states = possibleStates<number | null>(
      null,
      ops.map((op) => ({ outcome: op.outcome, to: op.kind === 'join' ? op.teamId : null })),
    );
    const actual = membership.get(userId) ?? null;
    if (!states.has(actual))
      memberViolations.push(`user ${userId}: in team ${actual}, expected one of ${[...states].join('|')}`);
    for (const op of ops) {
      if (op.kind !== 'join' || op.outcome !== 'ack') continue;
      joinsAcked += 1;
      if (op.toldTeamId !== op.teamId)
        memberViolations.push(`user ${userId}: joined ${op.teamId}, told ${op.toldTeamId}`);
    }
  }
  checks.push(
    check(
      'team joins: every acknowledged join (and leave) holds in team_members',
      `${joinsAcked} acknowledged joins by ${ledger.memberships.size} founders; ${membership.size} members now`,
      memberViolations,
    ),
  );

  // Limits the database enforces.
  const limitViolations: string[] = [];
  for (const [id, , stored, rows] of teams) {
    if (stored !== rows) limitViolations.push(`team ${id}: member_count ${stored}, ${rows} member rows`);
    if ((rows as number) > opts.maxTeamSize)
      limitViolations.push(`team ${id}: ${rows} members > ${opts.maxTeamSize}`);
  }
  const twice = await rowsOf(
    client,
    'SELECT user_id, contest_slug, count(*) FROM team_members GROUP BY user_id, contest_slug HAVING count(*) > 1',
  );
  for (const [u, c, n] of twice) limitViolations.push(`user ${u} is in ${n} teams of ${c}`);
  const fullest = Math.max(0, ...teams.map((t) => t[3] as number));
  checks.push(
    check(
      `team limits: no team above ${opts.maxTeamSize}, member_count exact, nobody in two teams of a contest`,
      `${teams.length} teams, the fullest has ${fullest}`,
      limitViolations,
    ),
  );

  // Entries: one per team, holding the last acknowledged edit of its one editor.
  const entries = new Map(
    (await rowsOf(client, 'SELECT team_id, count(*), max(title) FROM entries GROUP BY team_id')).map(
      ([team, n, title]) => [team as number, { n: n as number, title: title as string }],
    ),
  );
  const entryViolations: string[] = [];
  let editsAcked = 0;
  for (const [teamId, ops] of ledger.entries) {
    const states = possibleStates<string | null>(
      null,
      ops.map((op) => ({ outcome: op.outcome, to: op.title })),
    );
    const found = entries.get(teamId);
    if (found && found.n > 1) entryViolations.push(`team ${teamId}: ${found.n} entries`);
    if (!states.has(found?.title ?? null))
      entryViolations.push(`team ${teamId}: "${found?.title}", expected ${[...states].join(' | ')}`);
    for (const op of ops) {
      if (op.outcome !== 'ack') continue;
      editsAcked += 1;
      if (op.toldTitle !== op.title)
        entryViolations.push(`team ${teamId}: saved "${op.title}", told "${op.toldTitle}"`);
    }
  }
  checks.push(
    check(
      'entry edits: each team’s entry is its last acknowledged edit',
      `${editsAcked} acknowledged edits of ${ledger.entries.size} entries`,
      entryViolations,
    ),
  );
  checks.push(...(await checkRegistrations(client, ledger, opts.event)));
  return checks;
}

/**
 * Registrations of the load event: each client's last acknowledged registration or cancellation
 * holds; never more seated than the capacity; the counters equal the rows; nobody waits while a seat
 * is free (every freed seat went to the waitlist); waitlist places are distinct.
 */
async function checkRegistrations(
  client: Client,
  ledger: Ledger,
  event: { slug: string; capacity: number },
): Promise<Check[]> {
  const rows = await rowsOf(
    client,
    `SELECT r.user_id, r.status, r.queue_seq FROM event_registrations r JOIN events e ON e.id = r.event_id
     WHERE e.slug = ?`,
    [event.slug],
  );
  const state = new Map(rows.map(([u, status]) => [u as number, status as string]));
  const active = (status: string | undefined) =>
    status === 'confirmed' || status === 'waitlisted' || status === 'attended';
  const ledgerViolations: string[] = [];
  let acked = 0;
  for (const [userId, ops] of ledger.registrations) {
    const states = possibleStates(
      false,
      ops.map((op) => ({ outcome: op.outcome, to: op.kind === 'register' })),
    );
    const actual = active(state.get(userId));
    if (!states.has(actual))
      ledgerViolations.push(
        `user ${userId}: ${state.get(userId) ?? 'no row'}, expected ${[...states].map((r) => (r ? 'registered' : 'not registered')).join('|')}`,
      );
    for (const op of ops) {
      if (op.outcome !== 'ack') continue;
      acked += 1;
      const toldActive = active(op.told);
      if (toldActive !== (op.kind === 'register'))
        ledgerViolations.push(`user ${userId}: ${op.kind} acknowledged as "${op.told}"`);
    }
  }
  for (const userId of state.keys())
    if (!ledger.registrations.has(userId))
      ledgerViolations.push(`user ${userId}: a registration nobody made`);

  const [counters] = await rowsOf(
    client,
    'SELECT capacity, confirmed_count, waitlist_count FROM events WHERE slug = ?',
    [event.slug],
  );
  const [capacity, confirmedCount, waitlistCount] = (counters ?? []) as number[];
  const seated = rows.filter(([, s]) => s === 'confirmed' || s === 'attended').length;
  const waiting = rows.filter(([, s]) => s === 'waitlisted');
  const limitViolations: string[] = [];
  if (seated > event.capacity) limitViolations.push(`${seated} seated > capacity ${event.capacity}`);
  if (confirmedCount !== seated)
    limitViolations.push(`confirmed_count ${confirmedCount}, ${seated} seated rows`);
  if (waitlistCount !== waiting.length)
    limitViolations.push(`waitlist_count ${waitlistCount}, ${waiting.length} waitlisted rows`);
  if (waiting.length > 0 && seated < (capacity ?? event.capacity))
    limitViolations.push(`${waiting.length} waiting while ${(capacity ?? 0) - seated} seats are free`);
  const seqs = waiting.map(([, , seq]) => seq);
  if (new Set(seqs).size !== seqs.length)
    limitViolations.push('two waitlisted registrations share a queue place');
  return [
    check(
      'event registrations: every acknowledged registration and cancellation holds',
      `${acked} acknowledged writes by ${ledger.registrations.size} founders; ${state.size} rows`,
      ledgerViolations,
    ),
    check(
      `event capacity: never above ${event.capacity} seated, counters exact, nobody waits beside a free seat`,
      `${seated} seated, ${waiting.length} waitlisted at the end`,
      limitViolations,
    ),
  ];
}
