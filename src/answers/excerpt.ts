/** Excerpts: the best sentence of a passage (about 300 characters at most) with the query terms marked. */
import { splitSentences } from '../knowledge/analysis/sentences.ts';
import { cachedProcessTerm, tokenize } from '../search/text.ts';

export const MAX_EXCERPT = 300;

export interface Span {
  start: number;
  end: number;
}

/** Sentence spans of a text: the one sentence splitter of the extraction (knowledge/analysis/sentences.ts). */
export function sentencesOf(text: string): Span[] {
  return splitSentences(text);
}

export interface Excerpt {
  text: string;
  marks: Array<[number, number]>;
}

/** Marks the words of `text` whose search term is one of `terms`. */
export function markTerms(text: string, terms: ReadonlySet<string>): Array<[number, number]> {
  const marks: Array<[number, number]> = [];
  if (!terms.size) return marks;
  for (const t of tokenize(text)) {
    const p = cachedProcessTerm(t.word);
    if (p && terms.has(p)) marks.push([t.start, t.end]);
  }
  return marks;
}

function cutAtWords(text: string, from: number, to: number): Span {
  let start = Math.max(0, from);
  let end = Math.min(text.length, to);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space === -1 || space >= end ? start : space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  return { start, end };
}

/**
 * The excerpt of `paragraph` that best shows `terms`: the sentence with the most matched terms,
 * extended by its neighbours while it fits, or trimmed around the first match when it is too long.
 */
export function excerptOf(paragraph: string, terms: ReadonlySet<string>, max = MAX_EXCERPT): Excerpt {
  const sentences = sentencesOf(paragraph);
  if (!sentences.length) return { text: '', marks: [] };
  const score = (s: Span) => markTerms(paragraph.slice(s.start, s.end), terms).length;
  let best = 0;
  let bestScore = -1;
  sentences.forEach((s, i) => {
    const sc = score(s);
    if (sc > bestScore) {
      best = i;
      bestScore = sc;
    }
  });
  let span: Span = { ...sentences[best] };
  let lo = best;
  let hi = best;
  while (true) {
    const next = hi + 1 < sentences.length ? sentences[hi + 1] : null;
    const prev = lo > 0 ? sentences[lo - 1] : null;
    if (next && next.end - span.start <= max) {
      span.end = next.end;
      hi++;
    } else if (prev && span.end - prev.start <= max) {
      span.start = prev.start;
      lo--;
    } else break;
  }
  let prefix = '';
  let suffix = '';
  if (span.end - span.start > max) {
    const inner = paragraph.slice(span.start, span.end);
    const firstMark = markTerms(inner, terms)[0]?.[0] ?? 0;
    const from = span.start + Math.max(0, firstMark - Math.floor(max / 3));
    const cut = cutAtWords(paragraph, from, from + max - 2);
    if (cut.start > span.start) prefix = '…';
    if (cut.end < span.end) suffix = '…';
    span = cut;
  }
  const body = paragraph.slice(span.start, span.end);
  const text = prefix + body + suffix;
  const marks = markTerms(body, terms).map(([a, b]) => [a + prefix.length, b + prefix.length] as [number, number]);
  return { text, marks };
}
