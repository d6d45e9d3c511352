/**
 * Finding quoted spans: pairs double quote marks paragraph by paragraph (curly or straight, mis-typed or
 * unbalanced), follows a quote continued in the next paragraph, and tells full quotations from partial
 * quotes inside reported speech, scare quotes and quoted titles.
 */
import type { Paragraph } from '../../corpus/types.ts';
import { cueWords } from '../analysis/words.ts';

/** A quoted span in one paragraph. Indices point into `paragraph.text` / `.norm`. */
export interface QuoteSpan {
  /** Index of the paragraph in `article.paragraphs`. */
  para: number;
  /** Index of the opening mark, or -1 when the span continues a quote from the previous paragraph without one. */
  open: number;
  /** Index of the closing mark, or -1 when the paragraph ends first. */
  close: number;
  /** The text between the marks: [from, to) (untrimmed). */
  from: number;
  to: number;
  /** The quoted words, trimmed (a closing comma dropped): [start, end). */
  start: number;
  end: number;
  /** A fragment quoted inside reported speech (`is "concerned about ..."`). */
  partial: boolean;
  /** Opens the paragraph and carries on a quote left open at the end of the previous paragraph. */
  continuation: boolean;
  /** Left open at the end of its paragraph. */
  unclosed: boolean;
  /** The quoted words end a sentence (`.`, `?`, `!`). */
  terminal: boolean;
  /** A short phrase or title rather than speech: kept only so the scanner can mask it; never reported. */
  scare: boolean;
}

const OPEN_GLYPHS = new Set(['“', '„', '«']);
const CLOSE_GLYPHS = new Set(['”', '»']);
// Invisible format characters (bidi marks, zero-width spaces) count as space around a mark: `‪”This is…`.
const SPACE = /[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const WORD = /[\p{L}\p{N}]/u;

function isMark(norm: string, text: string, i: number): boolean {
  if (norm[i] !== '"') return false;
  // Inch marks and ditto marks: 5'10", 12" (digit before, no letter after).
  if (i > 0 && /\d/.test(norm[i - 1]) && !(i + 1 < norm.length && /\p{L}/u.test(norm[i + 1])) && !OPEN_GLYPHS.has(text[i]) && !CLOSE_GLYPHS.has(text[i])) {
    return false;
  }
  return true;
}

/** Looks like a closing mark from its neighbours and glyph, and not like an opening one. */
function looksClosing(norm: string, text: string, i: number, len = 1): boolean {
  const before = i > 0 ? norm[i - 1] : ' ';
  const after = i + len < norm.length ? norm[i + len] : ' ';
  const closeCtx = !SPACE.test(before) && (SPACE.test(after) || !WORD.test(after));
  const openCtx = SPACE.test(before) || before === '(' || before === '[';
  if (CLOSE_GLYPHS.has(text[i])) return closeCtx || !openCtx;
  return closeCtx && !openCtx && !OPEN_GLYPHS.has(text[i]);
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => WORD.test(w)).length;
}

/** Whether the text before an opening mark introduces a full quotation (sentence start, a colon, a comma, a cue verb). */
function introducesFullQuote(before: string): boolean {
  const t = before.replace(/\s+$/, '');
  if (!t) return true;
  const last = t[t.length - 1];
  if ('.!?:;,(—–-"[…'.includes(last)) return true;
  const word = lastWord(t);
  return !!word && cueWords.verbs.has(word);
}

/** The word `text` ends with, lower-cased. */
function lastWord(text: string): string | undefined {
  return /([\p{L}]+)$/u.exec(text)?.[1]?.toLowerCase();
}

/** The quote is the object of a verb of saying right before it (`saying "we won"`, `chanting "four more years"`, `read "Thank you"`). */
function objectOfSaying(before: string): boolean {
  const word = lastWord(before.replace(/[\s,:]+$/, ''));
  return !!word && cueWords.verbs.has(word) && !cueWords.addresseeVerbs.has(word);
}

const MARKUP_TAG = /<\/?[A-Za-z][\w-]*(?:\s+[\w-]+\s*=\s*"[^"<>\n]*")*\s*\/?>/g;

/** Positions of the double quotes inside markup left in the text (`<tweet tweet-id="…">`): attribute values, not quotations. */
function markupQuotes(norm: string): Set<number> {
  const out = new Set<number>();
  if (!norm.includes('<')) return out;
  for (const m of norm.matchAll(MARKUP_TAG)) {
    for (let i = m.index; i < m.index + m[0].length; i++) if (norm[i] === '"') out.add(i);
  }
  // A tag broken across paragraphs (`<tweet tweet-date="March 9, 2016` ⏎ `">Rubio …<tweet/>`): a mark opening an
  // attribute value (`="`) or closing one against the tag's end (`">`).
  for (let i = 0; i < norm.length; i++) {
    if (norm[i] === '"' && (/^\/?>/.test(norm.slice(i + 1, i + 3)) || /[\w-]=$/.test(norm.slice(Math.max(0, i - 2), i)))) out.add(i);
  }
  return out;
}

const TITLE_TRIGGER_WINDOW = 3;

/**
 * A title in running text with the sentence's period tucked inside the marks, American style: `on NBC's "Meet
 * the Press."`, `the TLC reality show "Cake Boss."`. Title Case, one sentence, not introduced as speech.
 */
function titleWithClosingPeriod(norm: string, span: { start: number; end: number; open: number }, words: string[]): boolean {
  const content = norm.slice(span.start, span.end);
  if (!/[^.]\.$/.test(content) || /[.!?;:]\s/.test(content) || words.length < 1 || words.length > 8) return false;
  if (!titleCase(words)) return false;
  // Named as a title right before the marks: `the documentary "Weiner."`, `her memoir, "Tough Choices."`, `on CNN's "New Day."`.
  if (namedAsTitle(norm.slice(0, span.open))) return true;
  return words.length >= 2 && !introducesFullQuote(norm.slice(0, span.open));
}

/** Small words a title leaves in lower case ("This Week with George Stephanopoulos"). */
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'into', 'vs']);

/** Title Case: the first word and every word but the small ones capitalised (or a number). */
function titleCase(words: string[]): boolean {
  if (!words.length || !/^[\p{Lu}\p{N}]/u.test(words[0])) return false;
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || TITLE_SMALL_WORDS.has(w));
}

/** The words before a quote name what it is: a title word (`the show`, `her memoir,`) or a network's possessive (`ABC's`). */
function namedAsTitle(before: string): boolean {
  const tail = /([\p{L}-]+)(['’]s)?,?\s*$/u.exec(before);
  if (!tail) return false;
  if (tail[2]) return /^\p{Lu}/u.test(tail[1]) && !cueWords.verbs.has(tail[1].toLowerCase());
  return cueWords.titleTriggers.has(tail[1].toLowerCase());
}

/**
 * A title followed by the comma of the sentence around it and no cue: `a new book, "Empire of the Fund," a lively
 * …`, `"Billions," on Showtime` — not `"Thank You," he said`. Opening a sentence, it is a title when what follows
 * the comma describes it: an apposition, a relative clause or a byline (`"Night Shift," an NBC drama …`, `"Low
 * Tide," whose pilot …`, `"The Long Winter," by Ann Marsh, …`).
 */
function titleBeforeComma(norm: string, span: { start: number; end: number; open: number }, words: string[]): boolean {
  if (norm[span.end] !== ',' || words.length < 1 || words.length > 8) return false;
  const after = norm.slice(span.end + 1, span.end + 60).replace(/^\s*(?:"|'')/, '');
  // A comma before it may set off an apposition ("her new book, "…,""), not a cue ("she said, "…,"").
  const before = norm.slice(0, span.open).trimEnd();
  const apposition = before.endsWith(',') && !introducesFullQuote(before.slice(0, -1).trimEnd());
  const described = /^\s*(?:an?|which|whose)\s/.test(after) || /^\s*by\s+\p{Lu}/u.test(after);
  if (!apposition && !described && introducesFullQuote(before)) return false;
  const major = words.filter((w) => w.length > 3);
  if (!major.length || !major.every((w) => /^\p{Lu}/u.test(w)) || !/^\p{Lu}/u.test(words[0])) return false;
  const next = after.toLowerCase().match(/[\p{L}]+/gu)?.slice(0, 4) ?? [];
  return !next.some((w) => cueWords.verbs.has(w));
}

/** A quoted title, slogan or name: a trigger word just before it, or Title Case words without sentence punctuation. */
function looksLikeTitle(norm: string, span: { start: number; end: number; open: number }): boolean {
  const content = norm.slice(span.start, span.end);
  const before = norm.slice(Math.max(0, span.open - 60), Math.max(0, span.open));
  const prevWords = before.toLowerCase().match(/[\p{L}-]+/gu)?.slice(-TITLE_TRIGGER_WINDOW) ?? [];
  const words = content.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  if (words.length > 12) return false;
  if (titleWithClosingPeriod(norm, span, words) || titleBeforeComma(norm, span, words)) return true;
  const named = prevWords.some((w) => cueWords.titleTriggers.has(w));
  if (/[.!?]["']?\s*$/.test(content) || /[.!?]\s/.test(content)) {
    // Sentence punctuation inside the marks is no sign of speech in a Title Case title named so just before (`the
    // movie "Storm Front: Run!"`, `an ad titled "Ready?"`, `his memoir "Long Roads Home."`), unless a verb of saying
    // gives it as words said.
    return named && titleCase(words) && !objectOfSaying(before);
  }
  if (norm[span.end] === ',') return false;
  if (named && words.length <= 8) return true;
  const major = words.filter((w) => w.length > 3);
  return words.length >= 2 && major.length > 0 && major.every((w) => /^\p{Lu}/u.test(w));
}

/**
 * The quote is what someone named called something, in their words: a naming verb after a name, with its object
 * before the quote (`Tate called the system "rigged"`, `Tate has labeled her plan "a fraud"`) — not a thing's name
 * (`a group called "…"`, `a blog called the "Feed"`, `a book by Ann Pyle called "…"`).
 */
function namedBySomeone(before: string): boolean {
  const clause = before.slice(Math.max(0, before.length - 120)).split(/[.!?;:()\[\]"“”]|''/).pop() ?? '';
  const words = clause.match(/[\p{L}\p{N}$'’-]+/gu) ?? [];
  for (let i = words.length - 1; i >= 1 && words.length - 1 - i <= 6; i--) {
    const verb = words[i].toLowerCase();
    // Past and participle forms only: "calls", "terms", "labels" are nouns as often as verbs.
    if (!cueWords.namingVerbs.has(verb) || !/(ed|ing)$/.test(verb)) continue;
    const object = words.slice(i + 1).map((w) => w.toLowerCase());
    if (!object.length || (object.every((w) => cueWords.determiners.has(w)) || /,/.test(clause.slice(clause.lastIndexOf(words[i]))))) return false;
    let n = i - 1;
    while (n > 0 && cueWords.auxiliaries.has(words[n].toLowerCase())) n--;
    const namer = words[n];
    return /^\p{Lu}/u.test(namer) && !cueWords.notNames.has(namer.toLowerCase());
  }
  return false;
}

/**
 * A quote opening its sentence whose cue closes the sentence after some narrative: `"We're thrilled" about the
 * ruling, said Ann Pyle, …` — speech, however short.
 */
function cueClosesSentence(norm: string, close: number): boolean {
  const rest = norm.slice(close + 1, close + 100);
  const stop = rest.search(/[.!?;"“”]|''/);
  const sentence = stop < 0 ? rest : rest.slice(0, stop);
  // The first comma: `, said Ann Pyle` or `, Ann Pyle said`.
  const comma = sentence.indexOf(',');
  if (comma < 0) return false;
  const words = (sentence.slice(comma + 1).match(/[\p{L}.'’-]+/gu) ?? []).slice(0, 5);
  const first = words[0];
  if (!first) return false;
  if (cueWords.verbs.has(first.toLowerCase())) return !!words[1] && /^\p{Lu}/u.test(words[1]);
  const verb = words.findIndex((w) => cueWords.verbs.has(w.toLowerCase()));
  return verb > 0 && verb <= 3 && words.slice(0, verb).every((w) => /^\p{Lu}/u.test(w));
}

/**
 * A closing glyph typed for an opening one right after a cue and its comma, a mark still to come in the paragraph:
 * `He says,” most of us …”`.
 */
function mistypedOpening(norm: string, m: { at: number; len: number }, marks: ReadonlyArray<{ at: number }>): boolean {
  return SPACE.test(norm[m.at + m.len] ?? '') && /[,:]$/.test(norm.slice(0, m.at)) && objectOfSaying(norm.slice(Math.max(0, m.at - 40), m.at)) && marks.some((n) => n.at > m.at);
}

/**
 * Scans one paragraph. `continuing`: the previous paragraph left a quote open.
 * Returns the spans in order, including scare quotes (flagged), so the caller can mask every quoted span.
 */
export function scanParagraph(paragraph: Paragraph, para: number, continuing: boolean): QuoteSpan[] {
  const { norm, text } = paragraph;
  // Marks: a double quote (curly or straight), or two apostrophes standing for one (`''Yes,'' she said`).
  const marks: Array<{ at: number; len: number }> = [];
  const markup = markupQuotes(norm);
  for (let i = 0; i < norm.length; i++) {
    if (norm[i] === '"') {
      if (isMark(norm, text, i) && !markup.has(i)) marks.push({ at: i, len: 1 });
    } else if (norm[i] === "'" && norm[i + 1] === "'" && norm[i + 2] !== "'") {
      marks.push({ at: i, len: 2 });
      i++;
    }
  }
  const raw: Array<{ open: number; close: number; from: number }> = [];
  let open = -2; // -2: no quote open; -1: open since the paragraph start (continuation without a mark)
  let openLen = 0;
  // Closing marks still owed to a quote nested in the open one.
  let nested = 0;
  for (const m of marks) {
    if (nested > 0 && CLOSE_GLYPHS.has(text[m.at])) {
      nested--;
      continue;
    }
    if (open === -2) {
      if (looksClosing(norm, text, m.at, m.len) && !mistypedOpening(norm, m, marks)) {
        // A stray closing mark. When the previous paragraph left a quote open and nothing was quoted yet,
        // the paragraph opens mid-quote with its mark missing.
        if (continuing && raw.length === 0 && wordCount(norm.slice(0, m.at)) >= 3) raw.push({ open: -1, close: m.at, from: 0 });
        continue;
      }
      open = m.at;
      openLen = m.len;
    } else if (
      OPEN_GLYPHS.has(text[m.at]) &&
      SPACE.test(norm[m.at - 1] ?? ' ') &&
      WORD.test(norm[m.at + m.len] ?? '') &&
      marks.some((n) => n.at > m.at && CLOSE_GLYPHS.has(text[n.at])) &&
      !marks.some((n) => n.at > m.at && OPEN_GLYPHS.has(text[n.at]))
    ) {
      // Two closing glyphs still to come and nothing opening after: a quote nested in the open one (`“The mayor’s claim
      // that the levy “pays for itself” does not hold …,” wrote Ann Pyle`); the open quote runs to the second.
      if (OPEN_GLYPHS.has(text[open]) && marks.filter((n) => n.at > m.at && CLOSE_GLYPHS.has(text[n.at])).length === 2) {
        nested = 1;
        continue;
      }
      // An opening mark where one is open, with a closing mark still to come: the open quote lost its closing mark
      // (`“and said, ‘…’ I just stood there. “And she said, ‘…,’” Ann said.`); it ends here and a new one opens.
      raw.push({ open, close: m.at, from: open + openLen });
      open = m.at;
      openLen = m.len;
    } else {
      raw.push({ open, close: m.at, from: open + openLen });
      open = -2;
    }
  }
  if (open !== -2) raw.push({ open, close: -1, from: open + openLen });

  const spans: QuoteSpan[] = [];
  for (const r of raw) {
    let start = r.from;
    let end = r.close === -1 ? norm.length : r.close;
    while (start < end && SPACE.test(norm[start])) start++;
    while (end > start && SPACE.test(norm[end - 1])) end--;
    // A closing comma belongs to the sentence around the quote, not to the quoted words.
    while (end > start && (norm[end - 1] === ',' || norm[end - 1] === ' ')) end--;
    if (end <= start || !WORD.test(norm.slice(start, end))) continue;
    const content = norm.slice(start, end);
    const isContinuation = r.open === -1 || (continuing && spans.length === 0 && norm.slice(0, r.open).trim() === '');
    const partial = !isContinuation && r.open >= 0 && !introducesFullQuote(norm.slice(0, r.open));
    const terminal = /[.!?…]['"]?$/.test(content);
    const words = wordCount(content);
    const after = r.close === -1 ? '' : norm.slice(r.close + 1, r.close + 40);
    // `"No," he said.` is speech however short: a comma closing it and a cue right after.
    // Not a short phrase set off by dashes on both sides (`That wording -- "qualified applicants" -- is new`).
    const between = r.open >= 0 && /[–—-]\s*$/.test(norm.slice(0, r.open)) && /^\s*[–—-]/.test(after);
    // Nor a word of a quoted list (`words such as "harbor," "levy," "dredging"`): another quote follows the comma.
    const listed = /^\s*(?:"|'')/.test(after);
    const cueAfter = !listed && ((/^\s*[,–—-]/.test(after) && !between) || /^,/.test(norm.slice(end, end + 1)));
    // A short phrase is a scare quote unless it is speech: closed by a comma before its cue (`"No," he said`), or the
    // words a verb of saying right before it says (`chanting "Not my president"`).
    const opensSentence = r.open >= 0 && !isContinuation && /(^|[.!?]["']?)\s*$/.test(norm.slice(0, r.open));
    const short = words <= 3 && !terminal && !(cueAfter && !partial) && !(r.open >= 0 && !isContinuation && objectOfSaying(norm.slice(Math.max(0, r.open - 40), r.open))) && !(opensSentence && r.close >= 0 && cueClosesSentence(norm, r.close));
    const named = r.open >= 0 && !isContinuation && partial && namedBySomeone(norm.slice(0, r.open));
    const scare = !named && (short || (r.open >= 0 && !isContinuation && looksLikeTitle(norm, { start, end, open: r.open })));
    spans.push({
      para,
      open: r.open,
      close: r.close,
      from: r.from,
      to: r.close === -1 ? norm.length : r.close,
      start,
      end,
      partial,
      continuation: isContinuation,
      unclosed: r.close === -1,
      terminal,
      scare,
    });
  }
  return spans;
}

/** Scans every paragraph, carrying a quote left open at a paragraph's end into the next one when it opens with a mark. */
export function scanQuotes(paragraphs: Paragraph[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let leftOpen = false;
  paragraphs.forEach((p, i) => {
    const spans = scanParagraph(p, i, leftOpen);
    out.push(...spans);
    const last = spans[spans.length - 1];
    leftOpen = !!last && last.unclosed && !last.scare;
  });
  return out;
}
