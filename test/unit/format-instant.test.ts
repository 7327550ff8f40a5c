import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant, formatRange } from '~/functions/lib/format-instant';

const at = (iso: string) => new Date(iso);

describe('the one date and time formatter', () => {
  it('writes an instant with date, weekday and Beijing time; no GMT+8 in Chinese', () => {
    const start = at('2027-01-16T06:00:00Z'); // 14:00 in Wuhan
    expect(formatInstant('zh-CN', start)).toBe('2027年1月16日（周六）14:00');
    expect(formatInstant('en', start)).toBe('Sat 16 Jan 2027, 14:00 (China time)');
    expect(formatInstant('zh-CN', start)).not.toMatch(/GMT|UTC/);
  });

  it('takes the Beijing date, not the UTC one, near midnight', () => {
    // 2026-12-31T16:30Z is 00:30 on 1 January 2027 in Wuhan, a Friday.
    expect(formatInstant('zh-CN', at('2026-12-31T16:30:00Z'))).toBe('2027年1月1日（周五）00:30');
    expect(formatDay('en', at('2026-12-31T16:30:00Z'))).toBe('1 Jan 2027');
    expect(formatDay('zh-CN', at('2026-05-20T00:00:00+08:00'))).toBe('2026年5月20日');
  });

  it('writes a range as one phrase: the date once on one day, both ends across days', () => {
    const start = at('2027-01-16T14:00:00+08:00');
    expect(formatRange('zh-CN', start, at('2027-01-16T17:30:00+08:00'))).toBe(
      '2027年1月16日（周六）14:00–17:30',
    );
    expect(formatRange('en', start, at('2027-01-16T17:30:00+08:00'))).toBe(
      'Sat 16 Jan 2027, 14:00–17:30 (China time)',
    );
    expect(formatRange('zh-CN', start, at('2027-01-17T12:00:00+08:00'))).toBe(
      '2027年1月16日（周六）14:00 至 1月17日（周日）12:00',
    );
    expect(formatRange('en', at('2026-12-31T20:00:00+08:00'), at('2027-01-01T02:00:00+08:00'))).toBe(
      'Thu 31 Dec 2026, 20:00 – Fri 1 Jan 2027, 02:00 (China time)',
    );
  });
});
