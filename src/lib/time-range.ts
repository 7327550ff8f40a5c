/** An event's time range in Asia/Shanghai: the date once when it starts and ends on the same day. */
import type { Locale } from '~/functions/lib/locale';
import { shanghaiWallClock } from '~/functions/lib/shanghai-time';
import { formatDate, formatDateTime, t } from '~/src/i18n';

const hhmm = (date: Date) => {
  const w = shanghaiWallClock(date);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
};

export function formatTimeRange(locale: Locale, start: Date, end: Date): string {
  if (formatDate(locale, start) !== formatDate(locale, end)) {
    return `${formatDateTime(locale, start)} – ${formatDateTime(locale, end)}`;
  }
  return t(locale, 'time.sameDayRange', {
    date: formatDate(locale, start),
    start: hhmm(start),
    end: hhmm(end),
  });
}
