import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '~/functions/lib/csv';

describe('toCsv', () => {
  const header = ['队伍', '作品', '得分'];
  const rows = [
    ['江城,智办队', '他说"你好"\n第二行', 87.5],
    ['=HYPERLINK("http://x")', '+1', '-2'],
    ['@SUM(A1)', null, '普通文本'],
  ];
  const csv = toCsv(header, rows);

  it('starts with a UTF-8 BOM and uses CRLF rows', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n').length).toBeGreaterThan(3);
  });

  it('parses back, with an independent parser, to the same cells (formulas neutralised)', () => {
    const parsed = parse(csv, { bom: true }) as string[][];
    expect(parsed).toEqual([
      header,
      ['江城,智办队', '他说"你好"\n第二行', '87.5'],
      ['\'=HYPERLINK("http://x")', "'+1", "'-2"],
      ["'@SUM(A1)", '', '普通文本'],
    ]);
  });
});
