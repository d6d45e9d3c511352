/**
 * The sentence shown for a date: its sentence in the paragraph's display text, cut around the expression with "…"
 * when very long. Kept as bounds ([from, to, cut]) so that a mention loaded from the cache can read it from the
 * article's text on demand rather than hold a copy of every dated sentence.
 */
import type { SentenceSpan } from '../analysis/sentences.ts';
import type { SentenceAt } from '../types.ts';

const MAX_SENTENCE = 400;
const CUT_BEFORE = 1;
const CUT_AFTER = 2;

/** The bounds of the sentence `span` shown for the expression at [start, end) of `text`. */
export function excerptBounds(text: string, span: SentenceSpan, start: number, end: number): SentenceAt {
  if (span.end - span.start <= MAX_SENTENCE) return [span.start, span.end, 0];
  let a = Math.max(span.start, start - MAX_SENTENCE / 2);
  let b = Math.min(span.end, end + MAX_SENTENCE / 2);
  while (a > span.start && /\S/.test(text[a - 1])) a--;
  while (b < span.end && /\S/.test(text[b])) b++;
  return [a, b, (a > span.start ? CUT_BEFORE : 0) | (b < span.end ? CUT_AFTER : 0) | 4];
}

/** The sentence at `at` in the paragraph's display text `text`. */
export function sentenceFrom(text: string, [from, to, cut]: SentenceAt): string {
  if (!cut) return text.slice(from, to);
  return `${cut & CUT_BEFORE ? '…' : ''}${text.slice(from, to).trim()}${cut & CUT_AFTER ? '…' : ''}`;
}
