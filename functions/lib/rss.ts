/** An RSS 2.0 writer for the portal's feeds (new products). */
import { escapeXml, XML_DECLARATION } from './xml';

export interface RssItem {
  title: string;
  /** Absolute URL; also the item's permalink guid. */
  link: string;
  description: string;
  pubDate: Date;
}

export interface RssChannel {
  title: string;
  /** Absolute URL of the site page the feed belongs to. */
  link: string;
  /** Absolute URL of the feed itself (atom:link rel="self"). */
  self: string;
  description: string;
  language: string;
  /** The instant of the build, from the injected clock. */
  now: Date;
  items: readonly RssItem[];
}

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

/** RFC 822 date-time as RSS 2.0 requires, in GMT (e.g. "Wed, 25 Nov 2026 02:00:00 GMT"). */
export const rfc822 = (date: Date) => date.toUTCString();

const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

export function serializeRss(channel: RssChannel): string {
  const items = channel.items.map((item) =>
    [
      '<item>',
      element('title', item.title),
      element('link', item.link),
      `<guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      element('pubDate', rfc822(item.pubDate)),
      element('description', item.description),
      '</item>',
    ].join(''),
  );
  return [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', channel.title),
    element('link', channel.link),
    element('description', channel.description),
    element('language', channel.language),
    element('lastBuildDate', rfc822(channel.now)),
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
