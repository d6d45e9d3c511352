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
 * Word ids by a 64-bit hash of the word (two 32-bit FNV-1a hashes of its UTF-16 code units), in an open-addressing
 * table of typed arrays: no word string is built and no number boxed. Two distinct words of the few thousand compared
 * share a hash with odds around 1e-11, and would at worst make two passages look a little more alike.
 */
class WordIds {
  size = 0;
  private keys1 = new Int32Array(1 << 12);
  private keys2 = new Int32Array(1 << 12);
  private ids = new Int32Array(1 << 12);

  id(h1: number, h2: number): number {
    let mask = this.ids.length - 1;
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    while (this.ids[slot]) {
      if (this.keys1[slot] === h1 && this.keys2[slot] === h2) return this.ids[slot];
      slot = (slot + 1) & mask;
    }
    if (2 * (this.size + 1) > this.ids.length) {
      this.grow();
      mask = this.ids.length - 1;
      slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
      while (this.ids[slot]) slot = (slot + 1) & mask;
    }
    this.keys1[slot] = h1;
    this.keys2[slot] = h2;
    this.ids[slot] = ++this.size;
    return this.size;
  }

  private grow(): void {
    const { keys1, keys2, ids } = this;
    this.keys1 = new Int32Array(ids.length * 2);
    this.keys2 = new Int32Array(ids.length * 2);
    this.ids = new Int32Array(ids.length * 2);
    const mask = this.ids.length - 1;
    for (let i = 0; i < ids.length; i++) {
      if (!ids[i]) continue;
      let slot = (keys1[i] ^ Math.imul(keys2[i], 0x9e3779b1)) & mask;
      while (this.ids[slot]) slot = (slot + 1) & mask;
      this.keys1[slot] = keys1[i];
      this.keys2[slot] = keys2[i];
      this.ids[slot] = ids[i];
    }
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The ids (from `ids`) of the words of `keyWords(text)`, read without building the words' strings. */
function wordIds(text: string, ids: WordIds): number[] {
  const lower = text.toLowerCase();
  const out: number[] = [];
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    let units = 1;
    let word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < lower.length) {
      units = 2;
      word = WORD_CHAR.test(lower.slice(i, i + 2));
    } else word = WORD_CHAR.test(lower[i]);
    if (word) {
      for (let u = 0; u < units; u++) {
        const code = lower.charCodeAt(i + u);
        h1 = Math.imul(h1 ^ code, 0x01000193);
        h2 = Math.imul(h2 ^ code, 0x01000193) ^ 0x5bd1e995;
      }
      inWord = true;
    } else if (inWord) {
      out.push(ids.id(h1, h2));
      h1 = 0x811c9dc5;
      h2 = 0x050c5d1f;
      inWord = false;
    }
    i += units - 1;
  }
  if (inWord) out.push(ids.id(h1, h2));
  return out;
}

/** A set of trigram numbers: its members once each with their hashes, and an open-addressing table of them. */
interface NumericShingles {
  members: Float64Array;
  hashes: Int32Array;
  table: Float64Array;
}

/**
 * `shingles`, with words numbered (ids shared by the texts compared) and each trigram one number: two texts share a
 * numeric shingle exactly when they share the string one. Fewer than three words make one shingle of one or two ids
 * (a trigram has three non-zero ids, so the two never collide).
 */
function numericShingles(text: string, ids: WordIds): NumericShingles | null {
  const nums = wordIds(text, ids);
  // Too many distinct words to pack three ids in one number: the caller compares strings instead.
  if (ids.size >= ID_BITS) return null;
  const short = nums.length < 3;
  while (nums.length < 3) nums.push(0);
  const count = short ? (nums[0] ? 1 : 0) : nums.length - 2;
  let size = 4;
  while (size < 2 * count) size *= 2;
  const mask = size - 1;
  const table = new Float64Array(size);
  const members = new Float64Array(count);
  const hashes = new Int32Array(count);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const a = nums[i];
    const b = nums[i + 1];
    const c = nums[i + 2];
    // 0 marks an empty slot: every shingle number is above it.
    const x = a * ID_BITS * ID_BITS + b * ID_BITS + c;
    const hash = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35);
    let slot = hash & mask;
    while (table[slot] !== 0 && table[slot] !== x) slot = (slot + 1) & mask;
    if (table[slot] === x) continue;
    table[slot] = x;
    members[kept] = x;
    hashes[kept++] = hash;
  }
  return { members: members.subarray(0, kept), hashes, table };
}

/** `nearDuplicateSets` over numeric shingles. */
function nearDuplicateNumeric(a: NumericShingles, b: NumericShingles): boolean {
  const small = Math.min(a.members.length, b.members.length);
  const large = Math.max(a.members.length, b.members.length);
  if (!small || small < NEAR_DUPLICATE * large) return false;
  const { members, hashes } = a;
  const { table } = b;
  const mask = table.length - 1;
  let common = 0;
  for (let i = 0; i < members.length; i++) {
    const x = members[i];
    let slot = hashes[i] & mask;
    while (table[slot] !== 0 && table[slot] !== x) slot = (slot + 1) & mask;
    if (table[slot] === x) common++;
  }
  return common / (a.members.length + b.members.length - common) >= NEAR_DUPLICATE;
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
  const ids = new WordIds();
  return (
    groupBy(items, (item) => numericShingles(textOf(item), ids), nearDuplicateNumeric, sameSource, maxGroups) ??
    groupBy(items, (item) => shingles(textOf(item)), nearDuplicateSets, sameSource, maxGroups)!
  );
}

function groupBy<T, S>(items: T[], shinglesOf: (item: T) => S | null, near: (a: S, b: S) => boolean, sameSource: (a: T, b: T) => boolean, maxGroups: number): Array<{ item: T; folded: T[] }> | null {
  const groups: Array<{ item: T; folded: T[]; shingles: S }> = [];
  for (const item of items) {
    const own = shinglesOf(item);
    if (!own) return null;
    const home = groups.find((g) => near(g.shingles, own) && !sameSource(g.item, item));
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
