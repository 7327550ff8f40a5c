/**
 * The organizers' CSV export, parsed back with a CSV parser: UTF-8 with a BOM, Chinese text with
 * commas, quotes and line breaks intact, formula-like cells neutralised, Asia/Shanghai times, each
 * judge's weighted score, mean, median, n of m and rank; the download is audited.
 */
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '~/functions/db/schema';
import { testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { addMember, assignJudgeRow, insertEntry, insertScores } from '../factories/judging';
import { insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const contest = buildContest('export-contest');
const env = await testApp({
  catalog: buildCatalog({ contests: [contest] }),
  now: '2026-11-10T10:00:00+08:00',
});
const { app, db } = env;

const judgeA = await insertUser(db, { name: '评委甲' });
const judgeB = await insertUser(db, { name: '评委乙' });
await assignJudgeRow(db, contest.slug, judgeA.id, new Date('2026-10-01T00:00:00Z'));
await assignJudgeRow(db, contest.slug, judgeB.id, new Date('2026-10-02T00:00:00Z'));

const leader1 = await insertUser(db, { name: '王小明' });
const member1 = await insertUser(db, { name: '李, 华' });
const team1 = await insertTeam(db, leader1.id, {
  contestSlug: contest.slug,
  name: '江城, "智造"\n一队',
  createdAt: new Date('2026-09-15T09:30:00+08:00'),
});
await addMember(db, team1, member1.id);
const entry1 = await insertEntry(db, team1, {
  title: '=HYPERLINK("http://evil.example.com")',
  updatedAt: new Date('2026-10-31T23:59:59+08:00'),
});
await insertScores(db, entry1.id, judgeA.id, { innovation: 8, impact: 4 });
await insertScores(db, entry1.id, judgeB.id, { innovation: 6, impact: 5 });

const leader2 = await insertUser(db, { name: '@赵' });
await insertTeam(db, leader2.id, {
  contestSlug: contest.slug,
  name: '+没有作品的队',
  createdAt: new Date('2026-09-16T00:00:00Z'),
});

const leader3 = await insertUser(db, { name: '孙三' });
const team3 = await insertTeam(db, leader3.id, {
  contestSlug: contest.slug,
  name: '三队',
  createdAt: new Date('2026-09-17T12:00:00+08:00'),
});
const entry3 = await insertEntry(db, team3, {
  title: '-1 分也要争',
  status: 'shortlisted',
  updatedAt: new Date('2026-10-30T08:05:09+08:00'),
});
await insertScores(db, entry3.id, judgeA.id, { innovation: 5, impact: 2.5 });

const organizer = await insertUser(db, { role: 'organizer' });
const cookie = await sessionCookieFor(db, organizer.id);

describe('GET /api/v1/admin/contests/{slug}/export.csv', () => {
  it('is a UTF-8 CSV with a BOM that parses back to the data', async () => {
    const res = await app.request(`/api/v1/admin/contests/${contest.slug}/export.csv`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="export-contest-export.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n').length).toBeGreaterThan(4);

    const rows = parse(text, { bom: true }) as string[][];
    expect(rows).toEqual([
      [
        '队伍',
        '赛道',
        '队长',
        '队员',
        '报名时间',
        '作品标题',
        '作品最后修改时间',
        '状态',
        '奖项',
        '评委: 评委甲',
        '评委: 评委乙',
        '平均分',
        '中位数',
        '已评评委/评委',
        '排名',
      ],
      [
        '江城, "智造"\n一队',
        '综合',
        '王小明',
        '王小明、李, 华',
        '2026-09-15 09:30:00',
        `'=HYPERLINK("http://evil.example.com")`,
        '2026-10-31 23:59:59',
        '已提交',
        '',
        '80.00',
        '84.00',
        '82.00',
        '82.00',
        '2/2',
        '1',
      ],
      [
        '三队',
        '综合',
        '孙三',
        '孙三',
        '2026-09-17 12:00:00',
        "'-1 分也要争",
        '2026-10-30 08:05:09',
        '入围',
        '',
        '50.00',
        '',
        '50.00',
        '50.00',
        '1/2',
        '2',
      ],
      [
        "'+没有作品的队",
        '综合',
        "'@赵",
        "'@赵",
        '2026-09-16 08:00:00',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
  });

  it('is for organizers only, and every download is in the audit log', async () => {
    const founder = await insertUser(db);
    const refused = await app.request(`/api/v1/admin/contests/${contest.slug}/export.csv`, {
      headers: { cookie: await sessionCookieFor(db, founder.id) },
    });
    expect(refused.status).toBe(403);
    expect((await app.request(`/api/v1/admin/contests/${contest.slug}/export.csv`)).status).toBe(401);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'contest.export'));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.targetId).toBe(contest.slug);
  });

  it('labels the columns in English for English clients', async () => {
    const res = await app.request(`/api/v1/admin/contests/${contest.slug}/export.csv`, {
      headers: { cookie, 'accept-language': 'en' },
    });
    const [header, first] = parse(await res.text(), { bom: true }) as string[][];
    expect(header?.slice(0, 3)).toEqual(['Team', 'Track', 'Leader']);
    expect(first?.[7]).toBe('Submitted');
    expect(
      (await app.request('/api/v1/admin/contests/nope/export.csv', { headers: { cookie } })).status,
    ).toBe(404);
  });
});
