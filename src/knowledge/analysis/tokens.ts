/**
 * The article as compromise tokens, with every quoted span masked to a single placeholder token so that
 * sentences and clauses are read around the quotations, never inside them.
 */
import nlp from 'compromise';
import type { Paragraph } from '../../corpus/types.ts';
import { cueWords } from './words.ts';
import type { QuoteSpan } from '../quotes/marks.ts';

export interface Token {
  /** The word without surrounding punctuation or a possessive `'s`. */
  text: string;
  lower: string;
  pre: string;
  post: string;
  /** Index of the paragraph in `article.paragraphs`. */
  para: number;
  /** [start, end) in the paragraph's text. */
  start: number;
  end: number;
  /** Sentence number, counted over the article. */
  sent: number;
  /** Index of the quote span this placeholder token stands for, or -1 for a word. */
  quote: number;
  /** Starts with a capital letter (and is not a placeholder). */
  cap: boolean;
  possessive: boolean;
  /** Position in the article's token list. */
  index: number;
}

interface TermJson {
  text: string;
  pre: string;
  post: string;
  offset: { start: number; length: number };
}

interface SentenceJson {
  terms: TermJson[];
}

const POSSESSIVE = /['’]s$|s['’]$/;

/** The paragraph's matching text with each quoted span replaced by `q`s of the same length (the marks kept). */
export function maskQuotes(norm: string, spans: Array<{ from: number; to: number }>): string {
  const chars = norm.split('');
  for (const s of spans) {
    let a = s.from;
    let b = s.to;
    while (a < b && /\s/.test(norm[a])) a++;
    while (b > a && /\s/.test(norm[b - 1])) b--;
    for (let i = a; i < b; i++) chars[i] = 'q';
  }
  return chars.join('');
}

/**
 * Tokens of every paragraph. `spans` are all quoted spans of the article (scare quotes included), each
 * masked; the token standing for span k has `quote === k`.
 */
export function tokenize(paragraphs: Paragraph[], spans: QuoteSpan[]): Token[] {
  const tokens: Token[] = [];
  const byPara = new Map<number, number[]>();
  spans.forEach((s, k) => {
    const list = byPara.get(s.para) ?? [];
    list.push(k);
    byPara.set(s.para, list);
  });
  // One compromise pass over the article: the masked paragraphs joined by blank lines (compromise ends a
  // sentence at a line break, so no sentence crosses a paragraph), offsets mapped back to each paragraph.
  const SEP = '\n\n';
  const bases: number[] = [];
  const read: number[] = [];
  let joined = '';
  paragraphs.forEach((p, pi) => {
    const masked = maskQuotes(p.norm, (byPara.get(pi) ?? []).map((k) => spans[k]));
    if (!/[\p{L}\p{N}]/u.test(masked)) return;
    if (joined) joined += SEP;
    bases.push(joined.length);
    read.push(pi);
    joined += masked;
  });
  if (!read.length) return tokens;
  let sentences: SentenceJson[];
  try {
    sentences = nlp.tokenize(joined).json({ offset: true }) as SentenceJson[];
  } catch {
    return tokens;
  }
  let sent = 0;
  let r = 0;
  for (const s of sentences) {
    for (const t of s.terms) {
      if (!t.offset) continue;
      while (r + 1 < bases.length && t.offset.start >= bases[r + 1]) r++;
      const pi = read[r];
      const p = paragraphs[pi];
      const own = byPara.get(pi) ?? [];
      const start = t.offset.start - bases[r];
      const end = start + t.offset.length;
      const quote = own.find((k) => {
        const sp = spans[k];
        return start < sp.to && end > sp.from;
      });
      const prev = tokens[tokens.length - 1];
      // A stray mark is punctuation, not a word: the closing `''` of `coalitions, '' said Mr. Gunnels`.
      if (quote === undefined && prev && prev.para === pi && !/[\p{L}\p{N}]/u.test(p.text.slice(start, end))) {
        prev.post += (t.pre ?? '') + p.text.slice(start, end) + (t.post ?? '');
        continue;
      }
      // Words joined by a bare hyphen are one word: compromise splits `Holtz-Eakin`, `Co-anchor`.
      if (prev && quote === undefined && prev.quote < 0 && prev.para === pi && prev.sent === sent && !prev.possessive && prev.post === '-' && !t.pre && prev.end === start - 1 && /\p{L}/u.test(p.text[start] ?? '')) {
        let joinedWord = p.text.slice(prev.start, end);
        const possessive = POSSESSIVE.test(joinedWord);
        if (possessive) joinedWord = joinedWord.replace(/['’]s$/, '').replace(/['’]$/, '');
        prev.text = joinedWord;
        prev.lower = joinedWord.toLowerCase();
        prev.end = prev.start + joinedWord.length;
        prev.post = t.post ?? '';
        prev.possessive = possessive;
        // `Holtz-Eakin` is a name; `Trump-style`, `Obama-era`, `Co-anchor` are not.
        prev.cap = prev.cap && /^\p{Lu}/u.test(p.text[start] ?? '');
        continue;
      }
      let text = p.text.slice(start, end) || t.text;
      let stop = end;
      const possessive = POSSESSIVE.test(text) && quote === undefined;
      if (possessive) {
        const bare = text.replace(/['’]s$/, '').replace(/['’]$/, '');
        stop = start + bare.length;
        text = bare;
      }
      tokens.push({
        text,
        lower: text.toLowerCase(),
        pre: t.pre ?? '',
        post: t.post ?? '',
        para: pi,
        start,
        end: stop,
        sent,
        quote: quote ?? -1,
        cap: quote === undefined && /^\p{Lu}/u.test(text),
        possessive,
        index: tokens.length,
      });
    }
    sent++;
  }
  return tokens;
}

/** Punctuation after a token that closes a phrase (not a hyphen joining words, not an abbreviation's full stop). */
export function breaksAfter(t: Token): boolean {
  if (/[,;:()\[\]"“”«»—–]|(^|\s)-(\s|$)|--/.test(t.post)) return true;
  return /[.!?]/.test(t.post) && !isAbbreviation(t);
}

/** `Sen.`, `J.`, `U.S.`: a full stop that does not end anything. */
export function isAbbreviation(t: Token): boolean {
  return /^\.\s*$/.test(t.post) && (t.text.length <= 3 || /\./.test(t.text) || (t.text.length <= 5 && cueWords.titles.has(t.lower))) && /^\p{Lu}/u.test(t.text);
}

export function endsSentence(t: Token): boolean {
  // An abbreviation closing a parenthesis ends nothing: "Sen. Chuck Schumer (D-N.Y.) said".
  if (/^\.\)\s*$/.test(t.post) && /\p{Lu}\./u.test(t.text)) return false;
  return /[.!?]["”’')\]]*\s*$/.test(t.post) && !isAbbreviation(t);
}
