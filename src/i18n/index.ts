/** Locale from the path (`/` zh-CN, `/en/` English), translations and locale-aware formatting. */
import { formatDay, formatInstant } from '~/functions/lib/format-instant';
import type { Locale } from '~/functions/lib/locale';
import { type UiKey, uiStrings } from './ui';

export type { Locale, UiKey };

/** One flat dictionary per locale, built once when the module loads. */
function dictionary(language: 'zh' | 'en'): Record<UiKey, string> {
  const entries = Object.entries(uiStrings).map(([key, pair]) => [key, pair[language]] as const);
  return Object.fromEntries(entries) as Record<UiKey, string>;
}

const dictionaries: Record<Locale, Record<UiKey, string>> = {
  'zh-CN': dictionary('zh'),
  en: dictionary('en'),
};

export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'zh-CN';
}

export function t(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The path without its locale prefix: `/en/products/1` → `/products/1`. */
export function unlocalizedPath(pathname: string): string {
  if (pathname === '/en') return '/';
  return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

/** The same page in `locale`: `/products` ↔ `/en/products`. */
export function localizedPath(pathname: string, locale: Locale): string {
  const base = unlocalizedPath(pathname);
  if (locale === 'zh-CN') return base;
  return base === '/' ? '/en/' : `/en${base}`;
}

export const htmlLang = (locale: Locale) => (locale === 'zh-CN' ? 'zh-CN' : 'en');

export const SHANGHAI = 'Asia/Shanghai';

// Building an Intl formatter costs far more than using one (ICU loads the locale's data): in Node
// 0.17 ms for this DateTimeFormat and 0.02 ms for a NumberFormat, against a few microseconds to
// format. Built per call they showed up in the benchmark's CPU profile of the home page render, so
// each is built once per locale and isolate.
function perLocale<F>(build: (locale: Locale) => F): (locale: Locale) => F {
  const built = new Map<Locale, F>();
  return (locale) => {
    let formatter = built.get(locale);
    if (formatter === undefined) {
      formatter = build(locale);
      built.set(locale, formatter);
    }
    return formatter;
  };
}

const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale));

/** Date, weekday and time in Beijing time (functions/lib/format-instant.ts, shared with mail and exports). */
export function formatDateTime(locale: Locale, date: Date): string {
  return formatInstant(locale, date);
}

export function formatDate(locale: Locale, date: Date): string {
  return formatDay(locale, date);
}

export function formatNumber(locale: Locale, value: number): string {
  return numberFormat(locale).format(value);
}

/** Picks the field of a bilingual value for the locale; a missing English text falls back to Chinese. */
export const pick = (locale: Locale, value: { zh: string; en: string | null }) =>
  locale === 'zh-CN' ? value.zh : (value.en ?? value.zh);

/** `zh-CN` where `pick` fell back to the Chinese text on an English page (for its `lang` attribute). */
export const fallbackLang = (locale: Locale, value: { en: string | null } | null | undefined) =>
  locale === 'en' && value && value.en === null ? 'zh-CN' : undefined;
