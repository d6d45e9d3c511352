/**
 * The one fold names are compared in: lower case, accents off, curly apostrophes straight. `nameKey` also drops
 * full stops, joins hyphenated parts with spaces and a leading "the" (for organisations); `foldName` drops full
 * stops (for people: "J. Smith" = "J Smith").
 */

const cache = new Map<string, string>();
const nameCache = new Map<string, string>();

/** Lower case, no diacritics, curly apostrophes straight (cached: the same names are folded again and again). */
export function fold(s: string): string {
  let out = cache.get(s);
  if (out === undefined) {
    out = /^[\x20-\x5f\x61-\x7e]*$/.test(s) ? s.toLowerCase() : s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'").toLowerCase();
    if (cache.size > 100_000) cache.clear();
    cache.set(s, out);
  }
  return out;
}

/** A person's name folded for comparing: `fold` without full stops, trimmed (cached: names repeat). */
export function foldName(s: string): string {
  let out = nameCache.get(s);
  if (out === undefined) {
    out = fold(s).replace(/\./g, '').trim();
    if (nameCache.size > 100_000) nameCache.clear();
    nameCache.set(s, out);
  }
  return out;
}

/** A key for comparing organisation and group names: folded, hyphens/dots as spaces, no leading "the". */
export function nameKey(s: string): string {
  return fold(s)
    .replace(/[.]/g, '')
    .replace(/[-_/]+/g, ' ')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
