import { describe, expect, it } from 'vitest';
import { countdown, isFarAway } from '~/src/lib/countdown';

const now = new Date('2026-11-25T10:00:00+08:00');
const later = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('countdown', () => {
  it('shows days and hours, rounded down, in Chinese and English', () => {
    const deadline = later(12 * DAY + 3 * HOUR + 59 * MIN);
    expect(countdown('zh-CN', now, deadline)).toBe('还剩 12 天 3 小时');
    expect(countdown('en', now, deadline)).toBe('12 days 3 hours left');
  });

  it('uses singular units in English and leaves out a zero second unit', () => {
    expect(countdown('en', now, later(DAY + HOUR))).toBe('1 day 1 hour left');
    expect(countdown('en', now, later(2 * DAY + 30 * MIN))).toBe('2 days left');
    expect(countdown('zh-CN', now, later(2 * DAY + 30 * MIN))).toBe('还剩 2 天');
  });

  it('switches to hours and minutes under a day, minutes under an hour', () => {
    expect(countdown('zh-CN', now, later(5 * HOUR + 7 * MIN))).toBe('还剩 5 小时 7 分钟');
    expect(countdown('en', now, later(23 * HOUR + 59 * MIN + 59_000))).toBe('23 hours 59 minutes left');
    expect(countdown('en', now, later(MIN))).toBe('1 minute left');
    expect(countdown('zh-CN', now, later(45 * MIN))).toBe('还剩 45 分钟');
  });

  it('says less than a minute for the last seconds and nothing once the deadline has passed', () => {
    expect(countdown('zh-CN', now, later(1000))).toBe('还剩不到 1 分钟');
    expect(countdown('en', now, later(59_999))).toBe('less than a minute left');
    expect(countdown('en', now, now)).toBeNull();
    expect(countdown('zh-CN', now, later(-1000))).toBeNull();
  });

  it('shows the date instead of a countdown further than 30 days away', () => {
    expect(countdown('zh-CN', now, later(30 * DAY))).toBe('还剩 30 天');
    const far = new Date('2027-01-16T14:00:00+08:00');
    expect(countdown('zh-CN', now, far)).toBe('2027年1月16日（周六）14:00');
    expect(countdown('en', now, far)).toBe('Sat 16 Jan 2027, 14:00 (China time)');
    expect(isFarAway(now, far)).toBe(true);
    expect(isFarAway(now, later(30 * DAY))).toBe(false);
  });
});
