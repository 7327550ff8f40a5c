/**
 * Money is kept in fen (分, integer hundredths of a yuan) everywhere: sums and comparisons are exact.
 * These convert at the edges: what people type (yuan, up to two decimals) and what they read.
 */
import type { Locale } from './locale';

const formatters = new Map<Locale, Intl.NumberFormat>();

/** ¥12,345.67 (whole yuan without decimals). */
export function formatYuan(locale: Locale, fen: number): string {
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
    });
    formatters.set(locale, format);
  }
  const text = format.format(fen / 100);
  return fen % 100 === 0 ? text.replace(/\.00$/, '') : text;
}

/** "12345.6" or "12,345.67" (yuan) → 1234567 fen; undefined when it is not an amount. */
export function parseYuan(input: string): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(
    input
      .trim()
      .replace(/[,，\s]/g, '')
      .replace(/^[¥￥]/, ''),
  );
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 1234567 fen → "12345.67" (a form's value). */
export const yuanInput = (fen: number): string =>
  fen % 100 === 0 ? String(fen / 100) : `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
