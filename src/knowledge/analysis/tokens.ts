/**
 * The article as clause tokens: the words of the analysis (one tokenizer, word-tokens.ts) read around the
 * quotations, each quoted span masked to a single placeholder token, numbered by the sentences of the analysis
 * (one splitter, sentences.ts) with no sentence ending inside a quotation. Nothing here re-tokenises or re-splits.
 */
import type { Paragraph } from '../../corpus/types.ts';
import { cueWords } from './words.ts';
import type { QuoteSpan } from '../quotes/marks.ts';
import type { SentenceSpan } from './sentences.ts';
import type { Token as Word } from './word-tokens.ts';

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

/** A paragraph as the analysis read it: its sentences and its words (offsets into `paragraph.norm`). */
export interface ReadParagraph {
  paragraph: Paragraph;
  sentences: SentenceSpan[];
  words: Word[];
  /** Length of a dateline opening the paragraph, or 0: it stands as a sentence of its own. */
  dateline?: number;
}

/** The part of a span that is masked: the text between the marks, white space at either end left out. */
function maskedRange(norm: string, span: { from: number; to: number }): [number, number] {
  let a = span.from;
  let b = span.to;
  while (a < b && /\s/.test(norm[a])) a++;
  while (b > a && /\s/.test(norm[b - 1])) b--;
  return [a, b];
}

const POSSESSIVE_S = /^['’]s$/;
/** `U.S`, `e.g`: letters with full stops, whose last full stop belongs to the word (`U.S.`). */
const ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;
/** Marks that open what follows when written against it: `said:"…`, `word(s)`. */
const OPENERS = /[("“‘'\[{«¿¡$]+$/;
const SIGNS = new Set(['@', '#']);

interface Unit {
  start: number;
  end: number;
  /** End of what the token consumed (a possessive `'s` included); its `post` starts here. */
  through: number;
  quote: number;
  possessive: boolean;
  /** The word as the tokenizer read it. */
  word: string;
}

/**
 * Tokens of every paragraph. `spans` are all quoted spans of the article (scare quotes included), each
 * masked; the token standing for span k has `quote === k`. `pre`/`post` are the marks and white space before
 * and after a word (see `cut`).
 */
export function tokenize(paragraphs: ReadParagraph[], spans: QuoteSpan[]): Token[] {
  const tokens: Token[] = [];
  const byPara = new Map<number, number[]>();
  spans.forEach((s, k) => {
    const list = byPara.get(s.para) ?? [];
    list.push(k);
    byPara.set(s.para, list);
  });
  let sent = -1;
  paragraphs.forEach((pa, pi) => {
    const p = pa.paragraph;
    const norm = p.norm ?? '';
    const own = (byPara.get(pi) ?? []).map((k) => ({ k, range: maskedRange(norm, spans[k]) })).filter((m) => m.range[1] > m.range[0]);
    own.sort((x, y) => x.range[0] - y.range[0]);
    const units = readUnits(norm, pa.words, own);
    if (!units.length) return;
    const starts = sentenceStarts(norm, pa.sentences, own.map((m) => m.range), pa.dateline ?? 0);
    // Each unit's sentence in the paragraph.
    const inSentence = new Int32Array(units.length);
    let s = 0;
    units.forEach((u, i) => {
      while (s + 1 < starts.length && starts[s + 1] <= u.start) s++;
      inSentence[i] = s;
    });
    units.forEach((u, i) => {
      const opens = i === 0 || inSentence[i] !== inSentence[i - 1];
      if (opens) sent++;
      const prev = units[i - 1];
      const next = units[i + 1];
      const pre = prev ? norm.slice(cut(norm, prev.through, u.start, opens), u.start) : norm.slice(0, u.start);
      const post = next ? norm.slice(u.through, cut(norm, u.through, next.start, inSentence[i + 1] !== inSentence[i])) : norm.slice(u.through);
      const text = p.text.slice(u.start, u.end);
      tokens.push({
        text,
        lower: text.toLowerCase(),
        pre,
        post,
        para: pi,
        start: u.start,
        end: u.end,
        sent,
        quote: u.quote,
        cap: u.quote < 0 && isCapitalised(text),
        possessive: u.possessive,
        index: tokens.length,
      });
    });
  });
  return tokens;
}

/** The words of a paragraph with each masked range standing as one unit, a possessive `'s` folded into its word. */
function readUnits(norm: string, words: Word[], masked: Array<{ k: number; range: [number, number] }>): Unit[] {
  const units: Unit[] = [];
  let m = 0;
  for (const w of words) {
    while (m < masked.length && masked[m].range[1] <= w.start) pushQuote(units, masked[m++]);
    if (m < masked.length && w.start >= masked[m].range[0]) continue; // inside the quotation
    const last = units[units.length - 1];
    if (!w.word) {
      if (last && last.quote < 0 && !last.possessive && last.through === w.start && POSSESSIVE_S.test(w.text)) {
        last.possessive = true;
        last.through = w.end;
      } else if (last && last.quote < 0 && last.through === w.start && w.text === '.' && last.end === last.through && ACRONYM.test(last.word)) {
        last.end = last.through = w.end;
      }
      continue;
    }
    // A word straddling the start of a quotation (no mark between them) is read up to it.
    const end = m < masked.length && w.end > masked[m].range[0] ? masked[m].range[0] : w.end;
    // A handle or a hashtag keeps its sign (`@NolteNC`, `#BlackLivesMatter`): no name, no capitalised word.
    const start = w.start > 0 && SIGNS.has(norm[w.start - 1]) && (w.start < 2 || !/[\p{L}\p{N}]/u.test(norm[w.start - 2])) && (!last || last.through < w.start) ? w.start - 1 : w.start;
    if (end > w.start) units.push({ start, end, through: end, quote: -1, possessive: false, word: w.text });
  }
  while (m < masked.length) pushQuote(units, masked[m++]);
  return units;
}

function pushQuote(units: Unit[], m: { k: number; range: [number, number] }): void {
  units.push({ start: m.range[0], end: m.range[1], through: m.range[1], quote: m.k, possessive: false, word: '' });
}

/**
 * Where the marks between two words divide: after the last white space, else before the opening marks; between
 * two sentences, after the first white space (`Ill. — Sen.`: the dash opens the next sentence).
 */
function cut(norm: string, from: number, to: number, boundary: boolean): number {
  if (boundary) {
    let i = from;
    while (i < to && !/\s/.test(norm[i])) i++;
    if (i < to) {
      while (i < to && /\s/.test(norm[i])) i++;
      return i;
    }
  }
  for (let i = to - 1; i >= from; i--) if (/\s/.test(norm[i])) return i + 1;
  const open = OPENERS.exec(norm.slice(from, to));
  return open ? from + open.index : to;
}

/** Starts of the analysis' sentences (a dateline one of its own), less those whose ending mark lies inside a quotation. */
function sentenceStarts(norm: string, sentences: SentenceSpan[], masked: Array<[number, number]>, dateline: number): number[] {
  const starts: number[] = [];
  // A dateline is one sentence, whatever full stops it holds (`MIAMI, Fla. (Reuters) - `); the text after it opens the next.
  if (dateline > 0 && sentences.length && dateline < sentences[sentences.length - 1].end) {
    starts.push(sentences[0].start);
    const rest = sentences.findIndex((x) => x.end > dateline);
    sentences = [{ start: Math.max(dateline, sentences[rest].start), end: sentences[rest].end }, ...sentences.slice(rest + 1)];
  }
  sentences.forEach((s, i) => {
    if (i > 0) {
      let stop = sentences[i - 1].end - 1;
      while (stop > sentences[i - 1].start && !/[.!?\u2026]/.test(norm[stop])) stop--;
      if (masked.some(([a, b]) => a <= stop && stop < b)) return;
    }
    starts.push(s.start);
  });
  return starts;
}

/** A capital, and no lower-case part after a hyphen: `Holtz-Eakin`, `D-N.Y`; not `Trump-style`, `Co-anchor`. */
function isCapitalised(text: string): boolean {
  return /^\p{Lu}/u.test(text) && !/-\p{Ll}/u.test(text);
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
