/**
 * User text is plain text: paragraphs and line breaks are kept, http(s) links become links, nothing
 * else is ever markup. Returns tokens that components render as escaped text.
 */
export type TextToken = { kind: 'text'; text: string } | { kind: 'link'; href: string } | { kind: 'break' };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'，。；、）】]+/g;

function lineTokens(line: string): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const href = match[0].replace(/[.,;:!?)]+$/, '');
    const start = match.index ?? 0;
    if (start > last) tokens.push({ kind: 'text', text: line.slice(last, start) });
    tokens.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < line.length) tokens.push({ kind: 'text', text: line.slice(last) });
  return tokens;
}

/** Paragraphs (split on blank lines), each a list of tokens with breaks between lines. */
export function plainTextParagraphs(text: string): TextToken[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .flatMap((line, i) =>
          i === 0 ? lineTokens(line) : [{ kind: 'break' } as const, ...lineTokens(line)],
        ),
    );
}

/** Editorial text from content/: "## " headings (a line of its own), paragraphs and "- " bullet lists. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] };

export function editorialBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    const [first] = lines;
    if (lines.length === 1 && first?.startsWith('## '))
      blocks.push({ kind: 'heading', text: first.slice(3) });
    else if (lines.every((l) => l.startsWith('- ')))
      blocks.push({ kind: 'list', items: lines.map((l) => l.slice(2)) });
    else blocks.push({ kind: 'paragraph', text: lines.join('\n') });
  }
  return blocks;
}
