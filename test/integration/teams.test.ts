/**
 * Contest teams and entries through the API on a real database, with the injected clock standing
 * one second before and after every instant of the contest's timeline.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { entries, teamMembers, teams } from '~/functions/db/schema';
import { apiCaller, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const contest = buildContest('team-contest', { teamSize: { min: 2, max: 3 } });
const { timeline } = contest;
const at = (d: Date, seconds = 0) => new Date(d.getTime() + seconds * 1000);
const duringRegistration = at(timeline.registrationOpens, 3600);
const env = await testApp({
  catalog: buildCatalog({ contests: [contest] }),
  now: duringRegistration.toISOString(),
});
const { app, db, clock } = env;

async function founder(opts: { verified?: boolean } = {}) {
  const user = await insertUser(db, {
    emailVerifiedAt: opts.verified === false ? null : new Date('2026-01-01T00:00:00Z'),
  });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}

type TeamJson = Record<string, unknown> & {
  code?: string;
  id?: number;
  inviteCode?: string;
  members?: unknown[];
};
const call = async (...args: Parameters<ReturnType<typeof apiCaller>>) => {
  const { status, body } = await apiCaller(app)(...args);
  return { status, body: body as TeamJson };
};

const create = (cookie: string, name = `队伍${Math.random().toString(36).slice(2, 8)}`) =>
  call('POST', `/contests/${contest.slug}/teams`, cookie, { track: 'general', name });
const join = (cookie: string, inviteCode: string) => call('POST', '/teams/join', cookie, { inviteCode });
const entry = {
  title: '政务智能体',
  summary: '一句话说明\n第二行',
  demoUrl: 'https://demo.example.com',
  repoUrl: 'https://git.example.com/x',
};

beforeEach(() => clock.set(duringRegistration));

describe('creating a team', () => {
  it('makes the creator the leader and returns an unguessable invite code', async () => {
    const { user, cookie } = await founder();
    const res = await create(cookie);
    expect(res.status).toBe(201);
    expect(res.body.inviteCode).toMatch(/^[a-z2-7]{16}$/);
    expect(res.body.leaderId).toBe(user.id);
    expect(res.body.members).toHaveLength(1);
  });

  it('needs a signed-in user with a verified email', async () => {
    expect(
      (await call('POST', `/contests/${contest.slug}/teams`, undefined, { track: 'general', name: 'x' }))
        .status,
    ).toBe(401);
    const { cookie } = await founder({ verified: false });
    const res = await create(cookie);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('email_not_verified');
  });

  it('is open from registrationOpens until the second before registrationCloses', async () => {
    const { cookie } = await founder();
    clock.set(at(timeline.registrationOpens, -1));
    expect((await create(cookie)).body.code).toBe('registration_closed');
    clock.set(at(timeline.registrationCloses));
    expect((await create(cookie)).body.code).toBe('registration_closed');
    clock.set(at(timeline.registrationCloses, -1));
    expect((await create(cookie)).status).toBe(201);
  });

  it('refuses an unknown track, a duplicate name, and a second team in the same contest', async () => {
    const { cookie } = await founder();
    const badTrack = await call('POST', `/contests/${contest.slug}/teams`, cookie, {
      track: 'nope',
      name: '甲',
    });
    expect(badTrack.status).toBe(422);
    expect(badTrack.body.errors).toHaveProperty('track');
    expect((await create(cookie, '同名队')).status).toBe(201);
    const other = await founder();
    expect((await create(other.cookie, '同名队')).body.code).toBe('team_name_taken');
    expect((await create(cookie, '第二支队')).body.code).toBe('already_in_team');
  });

  it('answers a retried create with the same Idempotency-Key once, making one team', async () => {
    const { cookie } = await founder();
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const payload = { track: 'general', name: '幂等队' };
    const first = await call('POST', `/contests/${contest.slug}/teams`, cookie, payload, headers);
    const second = await call('POST', `/contests/${contest.slug}/teams`, cookie, payload, headers);
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await db.select().from(teams).where(eq(teams.name, '幂等队'))).toHaveLength(1);
  });
});

describe('joining a team', () => {
  it('admits members up to the maximum, then answers team_full', async () => {
    const leader = await founder();
    const code = (await create(leader.cookie)).body.inviteCode ?? '';
    expect((await join((await founder()).cookie, code)).status).toBe(200);
    expect((await join((await founder()).cookie, code)).status).toBe(200);
    const full = await join((await founder()).cookie, code);
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('team_full');
  });

  it('holds the limit under concurrent joins: exactly the free places are taken', async () => {
    const leader = await founder();
    const created = await create(leader.cookie);
    const joiners = await Promise.all(Array.from({ length: 12 }, () => founder()));
    const results = await Promise.all(joiners.map((j) => join(j.cookie, created.body.inviteCode ?? '')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'team_full')).toHaveLength(10);
    const rows = await db
      .select()
      .from(teamMembers)
      .where(eq(teamMembers.teamId, created.body.id ?? 0));
    expect(rows).toHaveLength(3);
  });

  it('allows one team per person per contest', async () => {
    const a = await founder();
    const b = await founder();
    const codeA = (await create(a.cookie)).body.inviteCode ?? '';
    const codeB = (await create(b.cookie)).body.inviteCode ?? '';
    const joiner = await founder();
    expect((await join(joiner.cookie, codeA)).status).toBe(200);
    expect((await join(joiner.cookie, codeB)).body.code).toBe('already_in_team');
  });

  it('closes at registrationCloses, to the second, and refuses unknown codes', async () => {
    const leader = await founder();
    const code = (await create(leader.cookie)).body.inviteCode ?? '';
    clock.set(at(timeline.registrationCloses, -1));
    expect((await join((await founder()).cookie, code)).status).toBe(200);
    clock.set(at(timeline.registrationCloses));
    expect((await join((await founder()).cookie, code)).body.code).toBe('registration_closed');
    expect((await join((await founder()).cookie, 'aaaaaaaaaaaaaaaa')).status).toBe(404);
    expect((await join((await founder()).cookie, 'not-a-code')).status).toBe(422);
  });
});

describe('the roster', () => {
  it('lets members leave and the leader remove or hand over until the roster locks', async () => {
    const leader = await founder();
    const created = await create(leader.cookie);
    const id = created.body.id ?? 0;
    const m1 = await founder();
    const m2 = await founder();
    await join(m1.cookie, created.body.inviteCode ?? '');
    await join(m2.cookie, created.body.inviteCode ?? '');

    expect((await call('POST', `/teams/${id}/leave`, leader.cookie)).body.code).toBe('leader_cannot_leave');
    expect((await call('DELETE', `/teams/${id}/members/${m2.user.id}`, m1.cookie)).body.code).toBe(
      'leader_only',
    );
    expect((await call('DELETE', `/teams/${id}/members/${m2.user.id}`, leader.cookie)).status).toBe(200);
    expect((await call('POST', `/teams/${id}/leave`, m1.cookie)).body).toEqual({ dissolved: false });
    expect((await call('GET', `/teams/${id}`, m1.cookie)).status).toBe(404);

    const m3 = await founder();
    await join(m3.cookie, created.body.inviteCode ?? '');
    expect(
      (await call('PUT', `/teams/${id}/leader`, leader.cookie, { userId: m3.user.id })).body.leaderId,
    ).toBe(m3.user.id);
    clock.set(at(timeline.registrationCloses));
    expect((await call('POST', `/teams/${id}/leave`, leader.cookie)).body.code).toBe('registration_closed');
    expect((await call('DELETE', `/teams/${id}/members/${leader.user.id}`, m3.cookie)).body.code).toBe(
      'registration_closed',
    );
  });
});

describe('the entry', () => {
  async function teamOfTwo() {
    const leader = await founder();
    const created = await create(leader.cookie);
    const member = await founder();
    return { leader, member, id: created.body.id ?? 0, code: created.body.inviteCode ?? '' };
  }

  it('cannot be submitted by a team below the minimum size', async () => {
    const { leader, id } = await teamOfTwo();
    const res = await call('PUT', `/teams/${id}/entry`, leader.cookie, entry);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('team_too_small');
  });

  it('is editable until the second before submissionCloses, then locked as submitted', async () => {
    const { leader, member, id, code } = await teamOfTwo();
    await join(member.cookie, code);
    expect((await call('PUT', `/teams/${id}/entry`, leader.cookie, entry)).status).toBe(200);
    clock.set(at(timeline.submissionCloses, -1));
    const edited = await call('PUT', `/teams/${id}/entry`, member.cookie, {
      ...entry,
      title: '最后一秒的修改',
    });
    expect(edited.status).toBe(200);
    clock.set(at(timeline.submissionCloses));
    const late = await call('PUT', `/teams/${id}/entry`, leader.cookie, { ...entry, title: '迟到的修改' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('submission_closed');
    const [row] = await db.select().from(entries).where(eq(entries.teamId, id));
    expect(row?.title).toBe('最后一秒的修改');
    expect((await call('GET', `/teams/${id}/entry`, member.cookie)).body.title).toBe('最后一秒的修改');
  });

  it("is untouchable by people outside the team, and links only the team company's approved products", async () => {
    const { leader, member, id, code } = await teamOfTwo();
    await join(member.cookie, code);
    const outsider = await founder();
    expect((await call('PUT', `/teams/${id}/entry`, outsider.cookie, entry)).status).toBe(404);
    expect((await call('GET', `/teams/${id}/entry`, outsider.cookie)).status).toBe(404);
    const stranger = await insertCompany(db, outsider.user.id);
    const product = await insertProduct(db, stranger.id);
    const linked = await call('PUT', `/teams/${id}/entry`, leader.cookie, {
      ...entry,
      productId: product.id,
    });
    expect(linked.body.code).toBe('product_not_owned');
    expect(await db.select().from(entries).where(eq(entries.teamId, id))).toHaveLength(0);
  });

  it('refuses javascript: URLs and control characters with field errors in the request language', async () => {
    const { leader, member, id, code } = await teamOfTwo();
    await join(member.cookie, code);
    const res = await call(
      'PUT',
      `/teams/${id}/entry`,
      leader.cookie,
      { ...entry, demoUrl: 'javascript:alert(1)', title: 'a\u0007b' },
      {
        'accept-language': 'en',
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      demoUrl: ['Enter a web address starting with http:// or https://.'],
      title: ['Must not contain control characters.'],
    });
  });
});
