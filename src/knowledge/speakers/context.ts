/**
 * What every step of speaker attribution reads: the article's tokens (quotes masked), its paragraphs, its quoted
 * spans and the names of its narrative; the shapes they hand each other (a cue, an attribution); the small word
 * classes they share.
 */
import type { Paragraph } from '../../corpus/types.ts';
import type { NameTable } from '../analysis/names.ts';
import type { Token } from '../analysis/tokens.ts';
import { cueWords } from '../analysis/words.ts';
import type { QuoteSpan } from '../quotes/marks.ts';
import type { SpeakerKind } from '../types.ts';

export interface SpeakerContext {
  tokens: Token[];
  paragraphs: Paragraph[];
  /** All scanned spans of the article (scare quotes included, never attributed). */
  spans: QuoteSpan[];
  names: NameTable;
  /** Sentences (`Token.sent`) that are photo captions or credits: no one named there is a referent. */
  captions: Set<number>;
}

export interface Attribution {
  speaker: string | null;
  speakerMention: string | null;
  speakerKind: SpeakerKind;
  cue: string | null;
}

export const UNKNOWN: Attribution = { speaker: null, speakerMention: null, speakerKind: 'unknown', cue: null };

/** A cue found around a quote, with the phrase naming who speaks. */
export interface Cue {
  np: Token[];
  /** The cue word, or null for a speaker read from the sentence's subject alone. */
  cue: string | null;
  /** Token index of the cue word. */
  at: number;
  /** The cue introduces the quote directly (`said:`, `said,`, `"…," he said`). */
  direct: boolean;
}

export const DATE_TAGS = new Set(['WeekDay', 'Month', 'Holiday', 'Date']);
export const PRONOUN_SUBJECTS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them']);
export const PREPOSITIONS = new Set(['of', 'for', 'to', 'in', 'at', 'on', 'with', 'from', 'by', 'about']);
export const MAX_NP = 10;
/**
 * The token is a preposition never left stranded (`cueWords.unstranded`) followed by nothing but a comma: a slip, not
 * the end of an opening phrase ("well ahead of, front-runner Ray Pollard"); the name after it is its object.
 */
export function commaAfterPreposition(t: Token | undefined): boolean {
  return !!t && t.quote < 0 && cueWords.unstranded.has(t.lower) && /^,\s*$/.test(t.post);
}
/**
 * Where the sentence ending at token `last` (in a colon) starts: the quote after it opens a sentence of its own, and
 * the colon's sentence is its cue or label (`Rep. Ann Pyle (R-Ohio):"…"`, `… released the following statement:` ⏎ `"…"`).
 */
export function colonSentenceStart(tokens: Token[], last: number): number {
  let from = last;
  while (from > 0 && tokens[from - 1].sent === tokens[last].sent && tokens[from - 1].quote < 0) from--;
  return from;
}
/** Prepositions tying a named person to where they work: "Jeffrey Lewis of the James Martin Center". */
export const AFFILIATION = new Set(['of', 'at', 'from', 'with']);
/** Words that may open the clause holding a subject: "as Tom Ridge put it", "and Smith said". */
export const LINKERS = new Set(['as', 'and', 'but', 'or', 'so', 'then', 'yet']);
/** Words before a cue verb that make it no cue: "when asked", "was told". */
export const PASSIVE = new Set(['when', 'if', 'was', 'were', 'being', 'been', 'be', 'is', 'are', 'not']);

/** Cue words written as nouns ("Mr. Trump's comments", "the claims"): filled per article by `markNounUses`. */
const nounUses = new WeakSet<Token>();

export function isCueWord(t: Token | undefined): boolean {
  return !!t && t.quote < 0 && !t.cap && cueWords.verbs.has(t.lower) && !nounUses.has(t);
}

/** Marks the cue words that a possessive or a determiner makes nouns: "Mr. Trump's comments about", "his remarks". */
export function markNounUses(tokens: Token[]): void {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (t.quote >= 0 || prev.quote >= 0 || prev.sent !== t.sent || !cueWords.verbs.has(t.lower) || /[,;:]/.test(prev.post)) continue;
    // "Ann Pyle's Facebook post": a capitalised modifier between the possessive and the noun.
    const owner = prev.cap && i > 1 && tokens[i - 2].possessive && tokens[i - 2].sent === t.sent && !/[,;:]/.test(tokens[i - 2].post);
    // "Sanders' comments": a name's possessive written with the apostrophe alone.
    const bare = prev.cap && /s$/.test(prev.lower) && /^['’]\s*$/.test(prev.post);
    if (prev.possessive || owner || bare || (cueWords.determiners.has(prev.lower) && !['that', 'one', 'two', 'three', 'some', 'many', 'several', 'other'].includes(prev.lower))) nounUses.add(t);
  }
}

export function lowerFirstDeterminer(s: string): string {
  return s.replace(/^(A|An|The|One|Another|Some|Two|Three|Several)\b/, (m) => m.toLowerCase());
}

/** Display text from token a to token b (same paragraph). */
export function slice(ctx: SpeakerContext, a: Token, b: Token): string {
  if (a.para !== b.para) return a.text;
  return ctx.paragraphs[a.para].text.slice(a.start, b.end);
}

export function npText(ctx: SpeakerContext, np: Token[]): string {
  return slice(ctx, np[0], np[np.length - 1]);
}
