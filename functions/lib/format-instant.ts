/**
 * The one formatter of dates and times, for pages, mail and exports alike, in Asia/Shanghai wall time
 * (China keeps UTC+8 all year, functions/lib/shanghai-time.ts):
 * - zh: `2027年1月16日（周六）14:00`; a range is one phrase, `2027年1月16日（周六）14:00–17:00` or
 *   `2027年1月16日（周六）14:00 至 1月17日（周日）12:00`. Chinese text names no time zone: every
 *   time on a Chinese page is Beijing time.
 * - en: `Sat 16 Jan 2027, 14:00 (China time)`; ranges `Sat 16 Jan 2027, 14:00–17:00 (China time)` and
 *   `Sat 16 Jan 2027, 14:00 – Sun 17 Jan, 12:00 (China time)`.
 * Built from the wall clock by hand rather than Intl, so every runtime (workerd, Node, ICU versions)
 * prints the same text.
 */
import type { Locale } from './locale';
import { shanghaiWallClock, type WallClock } from './shanghai-time';

const ZH_WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EN_ZONE = '(China time)';

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (w: WallClock) => `${pad(w.hour)}:${pad(w.minute)}`;
/** Day of the week of a wall-clock date (0 = Sunday), from the calendar date alone. */
const weekday = (w: WallClock) => new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
const sameDay = (a: WallClock, b: WallClock) => a.year === b.year && a.month === b.month && a.day === b.day;

function day(locale: Locale, w: WallClock, opts: { weekday: boolean; year: boolean }): string {
  if (locale === 'en') {
    const date = `${w.day} ${EN_MONTHS[w.month - 1]}${opts.year ? ` ${w.year}` : ''}`;
    return opts.weekday ? `${EN_WEEKDAYS[weekday(w)]} ${date}` : date;
  }
  const date = `${opts.year ? `${w.year}年` : ''}${w.month}月${w.day}日`;
  return opts.weekday ? `${date}（${ZH_WEEKDAYS[weekday(w)]}）` : date;
}

/** An instant with its date, weekday and time: `2027年1月16日（周六）14:00`. */
export function formatInstant(locale: Locale, at: Date): string {
  const w = shanghaiWallClock(at);
  const date = day(locale, w, { weekday: true, year: true });
  return locale === 'en' ? `${date}, ${clock(w)} ${EN_ZONE}` : `${date}${clock(w)}`;
}

/** A calendar date without weekday or time: `2027年1月16日` / `16 Jan 2027`. */
export function formatDay(locale: Locale, at: Date): string {
  return day(locale, shanghaiWallClock(at), { weekday: false, year: true });
}

/** A span of time as one phrase; the end's date is left out when it is the start's. */
export function formatRange(locale: Locale, start: Date, end: Date): string {
  const a = shanghaiWallClock(start);
  const b = shanghaiWallClock(end);
  const from = day(locale, a, { weekday: true, year: true });
  if (sameDay(a, b)) {
    return locale === 'en' ? `${from}, ${clock(a)}–${clock(b)} ${EN_ZONE}` : `${from}${clock(a)}–${clock(b)}`;
  }
  const to = day(locale, b, { weekday: true, year: a.year !== b.year });
  return locale === 'en'
    ? `${from}, ${clock(a)} – ${to}, ${clock(b)} ${EN_ZONE}`
    : `${from}${clock(a)} 至 ${to}${clock(b)}`;
}
