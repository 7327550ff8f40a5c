/**
 * A small iCalendar (RFC 5545) writer for published events: CRLF line endings, lines folded at 75
 * octets without splitting a UTF-8 character, TEXT values escaped, times in Asia/Shanghai with a
 * VTIMEZONE so calendar apps show the local time the event was announced in.
 */
import { shanghaiWallClock } from './shanghai-time';

export interface IcalEvent {
  /** Globally unique and stable across exports, e.g. `<slug>@opc-portal`. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  /** Absolute URL of the event's page. */
  url?: string;
  /** Raised when the time or place changes, so calendar apps replace their copy (RFC 5545 §3.8.7.4). */
  sequence?: number;
  cancelled?: boolean;
}

export interface IcalCalendar {
  /** Shown by calendar apps as the subscription's name (X-WR-CALNAME). */
  name: string;
  /** The instant the file is generated (DTSTAMP), from the injected clock. */
  now: Date;
  events: readonly IcalEvent[];
}

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';
export const PRODID = '-//OPC Portal//OPC Portal Events//ZH';
const TZID = 'Asia/Shanghai';
const MAX_OCTETS = 75;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const utf8Length = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line into chunks of at most 75 octets (§3.1); continuation lines start with one
 * space, which counts toward their 75. Splits only between code points, never inside one.
 */
export function foldLine(line: string): string {
  const chunks: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    const limit = chunks.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      chunks.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}

/** Local date-time in Asia/Shanghai, the form used with TZID (e.g. 20261201T140000). */
export function localDateTime(date: Date): string {
  const w = shanghaiWallClock(date);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** A UTC date-time (DTSTAMP), e.g. 20261125T020000Z. */
export function utcDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

// Asia/Shanghai has had no daylight saving since 1991: one STANDARD rule describes it.
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  `X-LIC-LOCATION:${TZID}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function eventLines(event: IcalEvent, stamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=${TZID}:${localDateTime(event.start)}`,
    `DTEND;TZID=${TZID}:${localDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.sequence) lines.push(`SEQUENCE:${event.sequence}`);
  if (event.cancelled) lines.push('STATUS:CANCELLED');
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  // URL is a URI value, not TEXT: it is written as is.
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push('END:VEVENT');
  return lines;
}

export function serializeCalendar(calendar: IcalCalendar): string {
  const stamp = utcDateTime(calendar.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${TZID}`,
    ...VTIMEZONE,
    ...calendar.events.flatMap((event) => eventLines(event, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
