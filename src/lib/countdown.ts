/**
 * Time left until a deadline, rendered on the server ("还剩 12 天 3 小时" / "12 days 3 hours left").
 * Rounded down: a countdown never promises more time than there is. Null once the deadline passed.
 * Further than 30 days away a countdown says little: the date is shown instead (pages that already
 * print the date use `isFarAway` to leave the countdown out).
 */
import { formatInstant } from '~/functions/lib/format-instant';
import type { Locale } from '~/functions/lib/locale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DATE_BEYOND = 30 * DAY;

type Unit = 'day' | 'hour' | 'minute';
const ZH: Record<Unit, string> = { day: '天', hour: '小时', minute: '分钟' };

function part(locale: Locale, n: number, unit: Unit): string {
  return locale === 'en' ? `${n} ${unit}${n === 1 ? '' : 's'}` : `${n} ${ZH[unit]}`;
}

export function countdown(locale: Locale, now: Date, deadline: Date): string | null {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return null;
  // The date alone: the caller's label says what happens then (opens, closes, results).
  if (left > DATE_BEYOND) return formatInstant(locale, deadline);
  if (left < MINUTE) return locale === 'en' ? 'less than a minute left' : '还剩不到 1 分钟';
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  // The two largest units are enough; a zero second unit is left out.
  const parts: Array<[number, Unit]> =
    days > 0
      ? [
          [days, 'day'],
          [hours, 'hour'],
        ]
      : hours > 0
        ? [
            [hours, 'hour'],
            [minutes, 'minute'],
          ]
        : [[minutes, 'minute']];
  const text = parts
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, unit]) => part(locale, n, unit))
    .join(' ');
  return locale === 'en' ? `${text} left` : `还剩 ${text}`;
}

/** Further away than a countdown is worth: the countdown would only repeat the date. */
export const isFarAway = (now: Date, deadline: Date): boolean =>
  deadline.getTime() - now.getTime() > DATE_BEYOND;
