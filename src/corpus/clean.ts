/** Cleaning rules: boilerplate, repeated paragraphs and headlines, words split by a stray hyphen, quote normalisation. */
import { readFileSync } from 'node:fs';
import type { Paragraph } from './types.ts';

const boilerplate: RegExp[] = (
  JSON.parse(readFileSync(new URL('../../data/boilerplate.json', import.meta.url), 'utf8')) as { lines: string[] }
).lines.map((p) => new RegExp(p, 'iu'));

export function isBoilerplate(line: string): boolean {
  const t = line.trim();
  return t.length <= 300 && boilerplate.some((re) => re.test(t));
}

const RARE_DASHES: Record<string, string> = {
  '\u2015': '—', '\u2e3a': '—', '\u2e3b': '—', '\ufe58': '—',
  '\u2012': '–',
  '\u2010': '-', '\u2011': '-', '\u2212': '-', '\ufe63': '-', '\uff0d': '-',
};

/**
 * Same-length normalisation for matching: curly quotes straight, odd spaces plain, line breaks as spaces, and the
 * rarer dashes as the three the rules read: a quotation dash (`” ― Name`) or a two-em dash is an em dash, a
 * figure dash an en dash, a hyphen or minus sign of another code point `-`.
 */
export function normalizeForMatching(text: string): string {
  return text
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[\u2010-\u2012\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g, (c) => RARE_DASHES[c])
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\r\n]/g, ' ');
}

/** Key under which two paragraphs count as the same text (quote marks, case, spacing and punctuation ignored). */
export function duplicateKey(text: string): string {
  return normalizeForMatching(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Shorter paragraphs than this are only collapsed when identical, never by containment. */
const MIN_CONTAINED_KEY = 60;

/**
 * Indices of the units to keep: a paragraph printed twice (or once in full and once as a lead-in
 * contained in the full one) is kept once, where it is most complete.
 */
export function dedupe(texts: string[]): number[] {
  const keys = texts.map(duplicateKey);
  const keep: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < texts.length; i++) {
    const k = keys[i];
    if (!k || seen.has(k)) continue;
    if (k.length >= MIN_CONTAINED_KEY && keys.some((other, j) => j !== i && other.length > k.length && other.includes(k))) continue;
    seen.add(k);
    keep.push(i);
  }
  return keep;
}

/** Letters joined by a hyphen: `Afgh-anistan`, `al-Qaeda`, `two-decade`. */
const HYPHENATED = /(\p{L}+)-(\p{L}+)/gu;

/**
 * Finds hyphens that split a word by accident: the joined word occurs elsewhere in the article as a
 * whole word while the hyphenated form does not. Real compounds (`IS-Khorasan`, `al-Qaeda`,
 * `two-decade`) are never written joined, so they stay.
 * Returns the indices of the hyphens to drop.
 */
export function strayHyphens(text: string, articleWords: Set<string>, hyphenatedCounts: Map<string, number>): number[] {
  const drops: number[] = [];
  for (const m of text.matchAll(HYPHENATED)) {
    const joined = (m[1] + m[2]).toLowerCase();
    const hyphenated = m[0].toLowerCase();
    if (/^\p{Lu}/u.test(m[2]) && /\p{Ll}/u.test(m[1])) continue;
    if (articleWords.has(joined) && (hyphenatedCounts.get(hyphenated) ?? 0) <= 1) drops.push(m.index! + m[1].length);
  }
  return drops;
}

/** Word counts of a text, lower-cased, for the hyphen rule. */
export function wordsOf(text: string): { words: Set<string>; hyphenated: Map<string, number> } {
  const words = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}-])\p{L}+(?![\p{L}-])/gu)) words.add(m[0].toLowerCase());
  const hyphenated = new Map<string, number>();
  for (const m of text.matchAll(HYPHENATED)) {
    const k = m[0].toLowerCase();
    hyphenated.set(k, (hyphenated.get(k) ?? 0) + 1);
  }
  return { words, hyphenated };
}

/** Builds a paragraph from a raw slice, dropping the given raw indices (relative to the slice). */
export function makeParagraph(n: number, rawSlice: string, start: number, dropIdx: number[]): Paragraph {
  let text = '';
  const drops: number[] = [];
  let last = 0;
  for (const d of dropIdx) {
    text += rawSlice.slice(last, d);
    drops.push(text.length);
    last = d + 1;
  }
  text += rawSlice.slice(last);
  text = text.replace(/[\r\n]/g, ' ');
  return { n, text, norm: normalizeForMatching(text), start, drops };
}
