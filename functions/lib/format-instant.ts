/** An instant as Asia/Shanghai wall time for messages (pages format dates themselves). */
import type { Locale } from './locale';

export function formatInstant(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'medium',
    hour12: false,
  }).format(at);
}
