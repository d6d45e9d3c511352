/** Near-duplicate passages: the same text carried by several outlets. */
/**
 * The words of `duplicateKey(text)` (corpus/clean.ts), read in one pass: the characters that key maps or drops are
 * none of them letters or digits, so its words are the runs of letters and digits of the lower-cased text.
 */
function keyWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shingles(text: string, n = 3): Set<string> {
  const words = keyWords(text);
  const out = new Set<string>();
  if (words.length < n) {
    if (words.length) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

const ID_BITS = 2 ** 17;

/**
 * `shingles`, with words numbered (ids from `ids`, shared by the texts compared) and each trigram one number:
 * two texts share a numeric shingle exactly when they share the string one. Fewer than three words make one
 * shingle of one or two ids (a trigram has three non-zero ids, so the two never collide).
 */
function numericShingles(text: string, ids: Map<string, number>): Set<number> | null {
  const words = keyWords(text);
  const nums = words.map((w) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(w, id);
    }
    return id;
  });
  // Too many distinct words to pack three ids in one number: the caller compares strings instead.
  if (ids.size >= ID_BITS) return null;
  const out = new Set<number>();
  if (nums.length < 3) {
    if (nums.length) out.add(nums[0] * ID_BITS * ID_BITS + (nums[1] ?? 0) * ID_BITS);
    return out;
  }
  for (let i = 0; i + 3 <= nums.length; i++) out.add(nums[i] * ID_BITS * ID_BITS + nums[i + 1] * ID_BITS + nums[i + 2]);
  return out;
}

/** Jaccard overlap of word trigrams, 0–1. */
export function similarity(a: string, b: string): number {
  return overlap(shingles(a), shingles(b));
}

function overlap<K>(sa: Set<K>, sb: Set<K>): number {
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
export function groupNearDuplicates<T>(
  items: T[],
  textOf: (item: T) => string,
  sameSource: (a: T, b: T) => boolean = () => false,
  maxGroups = Infinity,
): Array<{ item: T; folded: T[] }> {
  // With `maxGroups`, only the first groups are returned: an item that would start a later group is dropped
  // (the first groups, and what folds into them, are the same as without the cap).
  const ids = new Map<string, number>();
  return groupBy(items, (item) => numericShingles(textOf(item), ids), sameSource, maxGroups) ?? groupBy(items, (item) => shingles(textOf(item)), sameSource, maxGroups)!;
}

function groupBy<T, K>(items: T[], shinglesOf: (item: T) => Set<K> | null, sameSource: (a: T, b: T) => boolean, maxGroups: number): Array<{ item: T; folded: T[] }> | null {
  const groups: Array<{ item: T; folded: T[]; shingles: Set<K> }> = [];
  for (const item of items) {
    const own = shinglesOf(item);
    if (!own) return null;
    const home = groups.find((g) => nearDuplicateSets(g.shingles, own) && !sameSource(g.item, item));
    if (home) home.folded.push(item);
    else if (groups.length < maxGroups) groups.push({ item, folded: [], shingles: own });
  }
  return groups.map(({ item, folded }) => ({ item, folded }));
}

/** `overlap(a, b) >= NEAR_DUPLICATE`, skipping the count when the sizes alone rule it out (Jaccard ≤ min/max). */
function nearDuplicateSets<K>(a: Set<K>, b: Set<K>): boolean {
  const small = Math.min(a.size, b.size);
  const large = Math.max(a.size, b.size);
  if (!small || small < NEAR_DUPLICATE * large) return false;
  return overlap(a, b) >= NEAR_DUPLICATE;
}
