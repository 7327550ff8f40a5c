import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, localDateTime, utcDateTime } from '~/functions/lib/ical';

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');
const strict = new TextDecoder('utf-8', { fatal: true });

describe('foldLine', () => {
  it('leaves lines of up to 75 octets alone', () => {
    const line = `SUMMARY:${'a'.repeat(67)}`;
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds at 75 octets without splitting a Chinese character (3 octets each)', () => {
    const line = `DESCRIPTION:${'长江场景创新中心'.repeat(10)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, part] of physical.entries()) {
      const bytes = new TextEncoder().encode(part);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(() => strict.decode(bytes)).not.toThrow();
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(unfold(folded)).toBe(line);
  });

  it('keeps 4-octet characters (emoji) whole at the boundary', () => {
    const line = `SUMMARY:${'a'.repeat(65)}🚀🚀`;
    const [first = '', second = ''] = foldLine(line).split('\r\n');
    expect(first).toBe(`SUMMARY:${'a'.repeat(65)}`);
    expect(second).toBe(' 🚀🚀');
  });

  it('round-trips any text, every physical line within 75 octets (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const folded = foldLine(`DESCRIPTION:${escapeText(text)}`);
        for (const part of folded.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toBe(`DESCRIPTION:${escapeText(text)}`);
      }),
    );
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
});

describe('date-times', () => {
  it('writes Asia/Shanghai local time for TZID values and UTC for DTSTAMP', () => {
    const instant = new Date('2026-12-01T14:00:00+08:00');
    expect(localDateTime(instant)).toBe('20261201T140000');
    expect(utcDateTime(instant)).toBe('20261201T060000Z');
    // Local midnight crosses the UTC date line.
    expect(localDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('20270101T003000');
  });
});
