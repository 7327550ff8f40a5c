/** Escaping for the XML feeds (RSS, sitemap): the five predefined entities, no invalid characters. */

// Characters XML 1.0 does not allow at all (§2.2), and lone surrogates: dropped, never escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters no XML document may hold (escaping cannot carry them either). */
export function xmlChars(value: string): string {
  return value.replace(INVALID_CHARS, '').replace(LONE_SURROGATES, '');
}

export function escapeXml(value: string): string {
  return xmlChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
