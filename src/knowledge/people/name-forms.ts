/** Name forms: nicknames, transliteration likeness, spelling distance, slugs (word lists: analysis/words.ts). */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold } from '../analysis/fold.ts';

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');

export function readDataJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')) as T;
}

export { DEMONYMS, TITLES, ORG_WORDS, PLACE_WORDS, PORTFOLIOS, ROLE_MODIFIERS, ROLE_NOUNS } from '../analysis/words.ts';

/** Given name → the set of names it may stand for (itself, its short forms, its formal forms). */
const NICKNAMES = new Map<string, Set<string>>();
{
  const { names } = readDataJson<{ names: Record<string, string[]> }>('nicknames.json');
  const link = (a: string, b: string) => {
    if (!NICKNAMES.has(a)) NICKNAMES.set(a, new Set([a]));
    NICKNAMES.get(a)!.add(b);
  };
  for (const [formal, shorts] of Object.entries(names)) {
    link(formal, formal);
    for (const s of shorts) {
      link(formal, s);
      link(s, formal);
    }
  }
}

/** True when `short` is a known short form of `formal` ("tom" of "thomas"). */
export function isNicknameOf(short: string, formal: string): boolean {
  const a = short.toLowerCase();
  const b = formal.toLowerCase();
  return a !== b && (NICKNAMES.get(b)?.has(a) ?? false) && a.length < b.length;
}

export { tokenize, type Token } from '../analysis/word-tokens.ts';

export { fold, nameKey } from '../analysis/fold.ts';

/**
 * A transliteration skeleton: first letter, then consonants with doubles collapsed and common spelling pairs
 * unified ("Muttaki"/"Mottaki" → mtk, "Anthony"/"Antony" → antn).
 */
export function skeleton(name: string): string {
  const f = fold(name).replace(/[^a-z]/g, '');
  if (!f) return '';
  const s = f
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/j/g, 'y');
  const rest = s.slice(1).replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
  return s[0] + rest;
}

/** Levenshtein distance, capped: returns cap + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Spelling variants of one name ("Muttaki"/"Mottaki", "Anthony"/"Antony"): same skeleton, close spelling. */
export function sameNameWord(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  if (fa === fb) return true;
  if (Math.min(fa.length, fb.length) < 4) return false;
  if (fa[0] !== fb[0]) return false;
  return skeleton(fa) === skeleton(fb) && editDistance(fa, fb, 2) <= 2;
}

/** Given names that may name the same person: equal, nickname, or spelling variants. */
export function sameGivenName(a: string, b: string): boolean {
  return sameNameWord(a, b) || isNicknameOf(a, b) || isNicknameOf(b, a) || sharesNickname(a, b);
}

function sharesNickname(a: string, b: string): boolean {
  const sa = NICKNAMES.get(a.toLowerCase());
  const sb = NICKNAMES.get(b.toLowerCase());
  if (!sa || !sb) return false;
  // "Antony" and "Anthony" share "tony": only formal forms linked through a short form count.
  for (const x of sa) if (sb.has(x) && x.length < Math.min(a.length, b.length)) return sameNameWord(a, b);
  return false;
}

/** A stable id from a name: "Thomas West" → "thomas-west". */
export function slug(name: string): string {
  const s = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'entity';
}
