/** Sentence boundaries inside one paragraph, for linking a date (or a role) to the sentence it belongs to. */

export interface SentenceSpan {
  /** Index in the paragraph text of the first character. */
  start: number;
  /** Index just past the last character (terminal punctuation and closing quotes included). */
  end: number;
}

/** Abbreviations that end with a period but do not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen sens rep reps gov govs gen lt col capt sgt maj adm cmdr st jr sr rev fr hon pres supt insp ' +
    'vs v etc inc corp co ltd bros dept univ est approx fig al ft mt ave blvd ' +
    'u.s u.k u.n e.u d.c a.m p.m i.e e.g n.y n.j u.s.a'
  ).split(' '),
);
/** Abbreviated months and weekdays: written with a capital (`Sun.`, not the sun). */
const CALENDAR = new Set('jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun'.split(' '));
/** `No. 1`: a number's abbreviation only before the number (a plain "no." ends a sentence). */
const NUMBER = new Set(['no', 'nos']);

const CLOSERS = '"\')]\u201d\u2019';
/** What may open a sentence: a capital, a digit, an opening quote or bracket. */
const STARTS = /[\p{Lu}\d"'\u201c\u2018(\[]/u;

/**
 * Splits `text` into sentences. Cheap and rule based: a sentence ends at `.`, `!` or `?` (with any closing
 * quotes or brackets) followed by white space and an upper-case letter, a digit or an opening quote (perhaps after
 * a dash set apart), unless the
 * period ends a known abbreviation or initials ("J. Smith", "J.M. Berger"). Line breaks inside a paragraph are spaces.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const n = text.length;
  let start = skipSpace(text, 0);
  let i = start;
  while (i < n) {
    const c = text[i];
    if (c === '.' || c === '!' || c === '?' || c === '\u2026') {
      let j = i + 1;
      while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
      while (j < n && CLOSERS.includes(text[j])) j++;
      if (j >= n) break;
      if (/\s/.test(text[j])) {
        const k = skipSpace(text, j);
        if (k >= n) break;
        const next = text[k];
        const startsSentence = STARTS.test(next) || dashThenStart(text, k);
        if (startsSentence && !(c === '.' && isAbbreviation(text, i, next))) {
          spans.push({ start, end: j });
          start = k;
          i = k;
          continue;
        }
      }
      i = j;
      continue;
    }
    i++;
  }
  const end = trimEnd(text, n);
  if (end > start) spans.push({ start, end });
  return spans;
}

/** The sentence containing index `at` (or the nearest one before it). */
export function sentenceAt(spans: SentenceSpan[], at: number): SentenceSpan | undefined {
  let found: SentenceSpan | undefined;
  for (const s of spans) {
    if (s.start <= at) found = s;
    else break;
  }
  return found;
}

function isAbbreviation(text: string, dot: number, next: string): boolean {
  let k = dot - 1;
  while (k >= 0 && /[\p{L}.]/u.test(text[k])) k--;
  const written = text.slice(k + 1, dot);
  const word = written.toLowerCase();
  if (!word) return false;
  // An initial ("J. Smith") stands alone: the last letter of `E3G.` or `AT&T.` is none.
  if (/^\p{Lu}$/u.test(written)) return k < 0 || !/[\p{N}&]/u.test(text[k]);
  if (/^\p{Lu}\.\p{Lu}$/u.test(written)) return true; // two initials: "J.M. Berger", "A.E. Dick Howard"
  if (CALENDAR.has(word)) return /^\p{Lu}/u.test(written);
  if (NUMBER.has(word)) return /\d/.test(next);
  return ABBREVIATIONS.has(word);
}

/** A dash set apart before a sentence's opening (`the Senate. — Cecile Richards`, `PANELS? - A new report`). */
function dashThenStart(text: string, k: number): boolean {
  let i = k;
  while (i < text.length && '-\u2013\u2014'.includes(text[i])) i++;
  if (i === k || i - k > 2 || i >= text.length || !/\s/.test(text[i])) return false;
  const after = skipSpace(text, i);
  // A quotation after the dash may carry the sentence on: `in Jupiter, Fla. — "which is a phenomenal area."`
  return after < text.length && /[\p{Lu}\d]/u.test(text[after]);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function trimEnd(text: string, n: number): number {
  while (n > 0 && /\s/.test(text[n - 1])) n--;
  return n;
}
