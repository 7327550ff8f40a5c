/** An event's time range in Beijing time as one phrase (functions/lib/format-instant.ts). */
import { formatRange } from '~/functions/lib/format-instant';
import type { Locale } from '~/functions/lib/locale';

export function formatTimeRange(locale: Locale, start: Date, end: Date): string {
  return formatRange(locale, start, end);
}
