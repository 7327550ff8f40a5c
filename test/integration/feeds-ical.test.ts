/**
 * The iCalendar feeds, read back by an independent parser (ical.js): times in Asia/Shanghai, stable
 * UIDs, escaping, 75-octet folding that keeps UTF-8 characters whole, CRLF everywhere.
 */
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '~/functions/lib/errors';
import { escapeText } from '~/functions/lib/ical';
import { buildCalendar, type CalendarScope } from '~/functions/services/events/build-calendar';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { freshDatabase } from '../factories/db';
import { insertEvent } from '../factories/records';

const now = new Date('2026-11-25T10:00:00+08:00');
const tricky =
  '第一段：长江场景创新中心，合作路1号; 含分号、逗号, 和反斜杠 \\ 。\n第二行说明\n\n第二段很长很长的中文描述，用来确保折行一定会落在多字节字符附近：智能体、算力券、模型券、数据券、Token券。';
const catalog = buildCatalog({
  communities: [buildCommunity('jiangan-opc'), buildCommunity('qiaokou-opc', { district: 'qiaokou' })],
});
const { db } = await freshDatabase();
await insertEvent(db, 'workshop', {
  community: 'jiangan-opc',
  titleZh: 'AI 工坊：RAG, 知识库; 实战',
  titleEn: 'AI workshop: RAG, knowledge bases; hands-on',
  startsAt: '2026-12-01T14:00:00+08:00',
  endsAt: '2026-12-01T17:00:00+08:00',
  venueZh: '江岸区合作路1号 长江场景创新中心 3 层',
  venueEn: "3F, No. 1 Hezuo Road, Jiang'an",
  descriptionZh: tricky,
  descriptionEn: 'English, with; specials\\ and\nlines',
});
await insertEvent(db, 'meetup', {
  community: 'qiaokou-opc',
  startsAt: '2027-01-16T09:30:00+08:00',
  endsAt: '2027-01-16T12:00:00+08:00',
});
await insertEvent(db, 'no-community', {
  startsAt: '2025-11-28T14:00:00+08:00',
  endsAt: '2025-11-28T17:30:00+08:00',
});
await insertEvent(db, 'a-draft', { status: 'draft' });

const calendar = (scope: CalendarScope, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  buildCalendar({ ctx: { catalog, now, db }, input: { scope, origin: 'https://opc.example.com', locale } });

function parse(text: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(text));
  const vtimezone = vcalendar.getFirstSubcomponent('vtimezone');
  if (vtimezone) ICAL.TimezoneService.register(vtimezone);
  const events = vcalendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  return { vcalendar, vtimezone, events };
}

beforeAll(() => {
  // Make sure the zone comes from the feed's own VTIMEZONE, not from an earlier registration.
  ICAL.TimezoneService.reset();
});

const text = await calendar({ kind: 'all' });

describe('all events (/events.ics)', () => {
  it('is a VCALENDAR 2.0 with PRODID, CALSCALE, a name and a no-DST Asia/Shanghai VTIMEZONE', () => {
    const { vcalendar, vtimezone } = parse(text);
    expect(vcalendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(vcalendar.getFirstPropertyValue('prodid')).toMatch(/OPC Portal/);
    expect(vcalendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(vcalendar.getFirstPropertyValue('x-wr-calname')).toBe('OPC 门户 · 活动');
    expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
    const rules = vtimezone?.getAllSubcomponents() ?? [];
    expect(rules.map((r) => r.name)).toEqual(['standard']);
    expect(rules[0]?.getFirstProperty('tzoffsetfrom')?.toICALString()).toBe('TZOFFSETFROM:+0800');
    expect(rules[0]?.getFirstProperty('tzoffsetto')?.toICALString()).toBe('TZOFFSETTO:+0800');
  });

  it('has every public event once (no draft), with a stable UID and DTSTAMP (UTC) from the injected clock', async () => {
    const { events } = parse(text);
    expect(events.map((e) => e.uid).sort()).toEqual(
      ['meetup@opc-portal', 'no-community@opc-portal', 'workshop@opc-portal'].sort(),
    );
    const stamp = events[0]?.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe(now.toISOString());
    expect(text).toContain('\r\nDTSTAMP:20261125T020000Z\r\n');
    expect(await calendar({ kind: 'all' })).toBe(text);
  });

  it('starts at 14:00 Asia/Shanghai, which is 06:00Z', () => {
    const workshop = parse(text).events.find((e) => e.uid === 'workshop@opc-portal');
    expect(text).toContain('\r\nDTSTART;TZID=Asia/Shanghai:20261201T140000\r\n');
    expect(text).toContain('\r\nDTEND;TZID=Asia/Shanghai:20261201T170000\r\n');
    expect(workshop?.startDate.zone.tzid).toBe('Asia/Shanghai');
    expect(workshop?.startDate.toJSDate().toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(workshop?.endDate.toJSDate().toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('round-trips commas, semicolons, backslashes and newlines in SUMMARY, LOCATION and DESCRIPTION', () => {
    const workshop = parse(text).events.find((e) => e.uid === 'workshop@opc-portal');
    expect(workshop?.summary).toBe('AI 工坊：RAG, 知识库; 实战');
    expect(workshop?.location).toBe('江岸区合作路1号 长江场景创新中心 3 层');
    expect(workshop?.description).toBe(tricky);
    expect(workshop?.component.getFirstPropertyValue('url')).toBe('https://opc.example.com/events/workshop');
  });

  it('uses CRLF everywhere and folds at 75 octets without splitting a UTF-8 character', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const bytes = Buffer.from(text, 'utf8');
    const strict = new TextDecoder('utf-8', { fatal: true });
    let folded = 0;
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) continue;
      const line = bytes.subarray(start, i);
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => strict.decode(line)).not.toThrow();
      if (line[0] === 0x20) folded += 1;
      start = i + 2;
    }
    expect(folded).toBeGreaterThan(2);
    // Unfolded by hand, the Chinese description is intact.
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`\r\nDESCRIPTION:${escapeText(tricky)}\r\n`);
  });
});

describe('scoped feeds', () => {
  it("lists only one community's events and names the calendar after it", async () => {
    const { vcalendar, events } = parse(await calendar({ kind: 'community', slug: 'qiaokou-opc' }));
    expect(events.map((e) => e.uid)).toEqual(['meetup@opc-portal']);
    expect(vcalendar.getFirstPropertyValue('x-wr-calname')).toBe('测试社区 · 活动');
  });

  it('holds a single event for /events/{slug}.ics, in English with English URLs on /en/', async () => {
    const { events } = parse(await calendar({ kind: 'event', slug: 'workshop' }, 'en'));
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe('AI workshop: RAG, knowledge bases; hands-on');
    expect(events[0]?.description).toBe('English, with; specials\\ and\nlines');
    expect(events[0]?.component.getFirstPropertyValue('url')).toBe(
      'https://opc.example.com/en/events/workshop',
    );
  });

  it('answers not found for an unknown community or event, and for a draft', async () => {
    for (const scope of [
      { kind: 'community', slug: 'nope' },
      { kind: 'event', slug: 'nope' },
      { kind: 'event', slug: 'a-draft' },
    ] as const) {
      let error: unknown;
      try {
        await calendar(scope);
      } catch (err) {
        error = err;
      }
      expect(isAppError(error) && error.status).toBe(404);
    }
  });
});
