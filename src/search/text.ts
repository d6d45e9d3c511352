/** How text becomes search terms, shared by every index so queries and documents agree. */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { unifiedSpelling } from './spelling.ts';

/** Question words and auxiliaries that the stock English list lacks but that carry no topic. */
const EXTRA_STOP_WORDS = ['when', 'why', 'does', 'done', 'doing', 'will', 'shall', 'whom', 'whose', 'its', 'yet', 'just', 'tell', 'according', 'mr', 'mrs', 'ms'];

export const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...EXTRA_STOP_WORDS]);

/** Words (letters, digits, inner apostrophes, hyphens and dots in numbers) of a text, with their positions. */
const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

export interface Token {
  word: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ word: m[0], start: m.index!, end: m.index! + m[0].length });
  return tokens;
}

/** MiniSearch `tokenize`: words only (hyphenated words are kept whole and also split). */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push(m[0]);
    if (m[0].includes('-')) out.push(...m[0].split('-'));
  }
  return out;
}

/** MiniSearch `processTerm`: lower-case, fold accents and apostrophes, drop stop words, one spelling (British/American), stem. */
export function processTerm(term: string): string | null {
  const t = term
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  if (t.length === 0 || t.length > 40 || STOP_WORDS.has(t)) return null;
  if (/^\d/.test(t)) return t.replace(/,/g, '');
  return stemmer(unifiedSpelling(t));
}

const termCache = new Map<string, string | null>();
const TERM_CACHE_MAX = 500_000;

/** `processTerm`, remembered: a corpus has far fewer distinct words than words, and stemming is the cost of indexing. */
export function cachedProcessTerm(term: string): string | null {
  let t = termCache.get(term);
  if (t === undefined) {
    t = processTerm(term);
    if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
    termCache.set(term, t);
  }
  return t;
}

/** The content terms of a query, processed like index terms. */
export function queryTerms(query: string): string[] {
  const out: string[] = [];
  for (const word of searchTokens(query)) {
    const t = processTerm(word);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
