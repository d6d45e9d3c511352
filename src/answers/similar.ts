/** Near-duplicate passages: the same text carried by several outlets. */
import { duplicateKey } from '../corpus/clean.ts';

function shingles(text: string, n = 3): Set<string> {
  const words = duplicateKey(text).split(' ').filter(Boolean);
  const out = new Set<string>();
  if (words.length < n) {
    if (words.length) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

/** Jaccard overlap of word trigrams, 0–1. */
export function similarity(a: string, b: string): number {
  return overlap(shingles(a), shingles(b));
}

function overlap(sa: Set<string>, sb: Set<string>): number {
  if (!sa.size || !sb.size) return 0;
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / (sa.size + sb.size - common);
}

/** Texts at least this similar are the same passage reported twice. */
export const NEAR_DUPLICATE = 0.5;

/**
 * Groups items whose text is a near duplicate of an earlier one (in order): returns for each kept
 * item the indices of the items folded into it.
 */
export function groupNearDuplicates<T>(items: T[], textOf: (item: T) => string, sameSource: (a: T, b: T) => boolean = () => false): Array<{ item: T; folded: T[] }> {
  const groups: Array<{ item: T; folded: T[]; shingles: Set<string> }> = [];
  for (const item of items) {
    const own = shingles(textOf(item));
    const home = groups.find((g) => !sameSource(g.item, item) && overlap(g.shingles, own) >= NEAR_DUPLICATE);
    if (home) home.folded.push(item);
    else groups.push({ item, folded: [], shingles: own });
  }
  return groups.map(({ item, folded }) => ({ item, folded }));
}
