/**
 * The one function that turns product text into the FTS5 `search_text`, and the one that turns a
 * user's query into an FTS5 MATCH expression. Index and query go through the same segmentation.
 *
 * Chinese has no spaces, and FTS5's trigram tokenizer misses two-character words (most Chinese
 * words). So `search_text` holds two parts, both tokenised by `unicode61`:
 *  - words: Intl.Segmenter dictionary words (法律 智能 体 助手 …) and lower-cased Latin words;
 *  - chars: every Han character on its own, in order, so a query word that the segmenter splits
 *    differently in the document (算力 inside 算力券) is still found as a phrase of characters.
 * A query word matches if it is a whole word OR its characters appear consecutively; a document
 * that has it as a whole word matches both and ranks higher under bm25.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const WORDISH = /[\p{L}\p{N}]/u;

/** Segments text into lower-cased word tokens (Han words and Latin/number words). */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC'))) {
    if (!isWordLike || !WORDISH.test(segment)) continue;
    // Split further on anything unicode61 would treat as a separator, so index and query agree.
    for (const piece of segment.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (piece) words.push(piece);
  }
  return words;
}

export function buildSearchText(parts: ReadonlyArray<string | null | undefined>): string {
  const text = parts.filter((p): p is string => Boolean(p)).join('\n');
  const words = segmentWords(text);
  const chars = Array.from(text.normalize('NFKC')).filter((ch) => HAN.test(ch));
  return `${words.join(' ')}\n${chars.join(' ')}`;
}

const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;

/** Query runs: consecutive Han words (kept together as a phrase) or single Latin/number words. */
function queryRuns(query: string): Array<{ han: boolean; words: string[] }> {
  const runs: Array<{ han: boolean; words: string[] }> = [];
  let lastEnd = -1;
  for (const { segment, index, isWordLike } of segmenter.segment(query.normalize('NFKC'))) {
    if (!isWordLike || !WORDISH.test(segment)) continue;
    const han = HAN.test(segment);
    const pieces = segment
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    const previous = runs.at(-1);
    if (han && previous?.han && index === lastEnd) previous.words.push(...pieces);
    else if (han) runs.push({ han, words: pieces });
    else for (const piece of pieces) runs.push({ han: false, words: [piece] });
    lastEnd = index + segment.length;
  }
  return runs;
}

/**
 * The query's terms as plain lower-cased substrings, one per run (a Han run without spaces, or a
 * Latin/number word), for ranking a match by where its terms occur (name, tagline, …).
 */
export function searchTerms(query: string): string[] {
  const terms = queryRuns(query.slice(0, 200))
    .slice(0, 12)
    .map((run) => run.words.join(''));
  return [...new Set(terms.filter(Boolean))];
}

/**
 * Builds an FTS5 MATCH expression: every run of the query must match (AND). A Han run matches as a
 * phrase of words or as a phrase of characters; a Latin word matches as a prefix ("agent" finds
 * "agents"). Returns null when the query has nothing searchable.
 */
export function buildSearchQuery(query: string): string | null {
  const clauses: string[] = [];
  for (const run of queryRuns(query.slice(0, 200)).slice(0, 12)) {
    if (!run.han) {
      clauses.push(`${quote(run.words[0] ?? '')}*`);
      continue;
    }
    const chars = run.words.flatMap((word) => Array.from(word)).filter((ch) => HAN.test(ch));
    const byWords = quote(run.words.join(' '));
    const byChars = quote(chars.join(' '));
    clauses.push(chars.length > 1 && byWords !== byChars ? `(${byWords} OR ${byChars})` : byChars);
  }
  const unique = [...new Set(clauses)];
  return unique.length > 0 ? unique.join(' AND ') : null;
}
