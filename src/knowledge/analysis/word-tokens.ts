/**
 * The analysis' one tokenizer: words (letters with inner hyphens, apostrophes, full stops or ampersands:
 * "al-Qaeda", "O'Reilly", "IS-K", "U.S", "AT&T"; numbers with their separators: "1,000", "3.5", "11:30", "9/11"), each
 * punctuation mark its own token, a possessive "'s" its own token. Names read these words, each with the tags
 * compromise's lexicon gives it (a run the lexicon knows as one entry, "Los Angeles", takes that entry's tags);
 * the clause tokens (tokens.ts) are built from the same words.
 */
import { phraseTags, startsPhrase, tagsOf } from './lexicon.ts';

const NO_TAGS: ReadonlySet<string> = new Set();

/** A word as it is written in text: letters with inner hyphens or apostrophes ("al-Qaeda", "O'Reilly", "IS-K"). */
export interface Token {
  text: string;
  /** Index in the paragraph. */
  start: number;
  end: number;
  /** A word (letters/digits) rather than punctuation. */
  word: boolean;
  /** Starts with an upper-case letter (or is all caps). */
  cap: boolean;
}

// A word: letters and digits, joined by inner hyphens, apostrophes, full stops or ampersands (`AT&T`,
// `U.S.-Mexico`); digit groups, times and slashed numbers (`1,000`, `11:30`, `9/11`, `24/7`); a letter mis-decoded as two characters (`FranÃ§ois`, UTF-8 read as Latin-1;
// the `Ã` sometimes decomposed).
const TOKEN_RE = /[\p{L}\p{M}\p{N}]+(?:\.?[-'’&][\p{L}\p{M}\p{N}]+|\.[\p{L}\p{M}\p{N}]+|(?<=\p{N}),\p{N}{3}(?!\p{N})|(?<=\p{N})[:/]\p{N}{1,4}(?!\p{N})|(?<=[ÃÂ]|A[\u0302\u0303])[\u0080-\u00bf][\p{L}\p{M}\p{N}]*)*|[^\s\p{L}\p{M}\p{N}]/gu;

/** Splits text into word and punctuation tokens; a possessive "'s" is its own token. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const t = m[0];
    const start = m.index;
    const word = /^[\p{L}\p{M}\p{N}]/u.test(t);
    const poss = word ? /^(.+)(['’]s)$/u.exec(t) : null;
    if (poss && poss[1].length > 0) {
      out.push(makeToken(poss[1], start));
      out.push({ text: poss[2], start: start + poss[1].length, end: start + t.length, word: false, cap: false, tags: NO_TAGS } as Token);
    } else {
      out.push(makeToken(t, start, word));
    }
  }
  return out;
}

function makeToken(text: string, start: number, word = true): Token {
  return { text, start, end: start + text.length, word, cap: word && /^\p{Lu}/u.test(text), tags: NO_TAGS } as Token;
}

/** A token with its lexicon tags. */
export interface TaggedWord extends Token {
  tags: ReadonlySet<string>;
}


/** The words of a text with their tags; `al-Hassan`-style names count as capitalised. */
export function taggedWords(text: string): TaggedWord[] {
  const words = tokenize(text) as TaggedWord[];
  for (const t of words) {
    // Filled in place: the tokens are fresh, and a copy per word is what this pass used to spend its time on.
    if (t.word && !t.cap && /^(?:al|el|ad|as|an|ar|at|az|ibn|bin)-\p{Lu}/u.test(t.text)) t.cap = true;
    t.tags = t.word ? tagsOf(t.text) : NO_TAGS;
  }
  for (let i = 0; i + 1 < words.length; i++) {
    if (!words[i].word || !words[i + 1].word || !startsPhrase(words[i].text)) continue;
    for (const n of [3, 2]) {
      const run = words.slice(i, i + n);
      if (run.length < n || !run.every((t) => t.word)) continue;
      const tags = phraseTags(run.map((t) => t.text));
      if (!tags.size) continue;
      for (const t of run) t.tags = tags;
      i += n - 1;
      break;
    }
  }
  return words;
}
