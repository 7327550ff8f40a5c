/**
 * CSV for organizers' exports, opened by Excel in China: UTF-8 with a BOM (so Chinese reads right),
 * CRLF rows, RFC 4180 quoting by csv-stringify, and cells that start with = + - @ (or a tab/CR)
 * prefixed with an apostrophe so a spreadsheet never runs them as formulas.
 */
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return stringify([header.map(neutralise), ...rows.map((row) => row.map(neutralise))], {
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[",\r\n]/,
  });
}
