/**
 * compromise's lexicon as data: the tags a word carries out of context (`amir` → MaleName, FirstName, Person,
 * ProperNoun, Noun, Singular), with each tag's parents, looked up instead of running compromise's tagger.
 * Multi-word entries ("new york") are looked up by their lower-cased words joined with a space.
 */
import { compromiseWorld } from '../../libraries.ts';

interface Lexicon {
  lexicon: Record<string, string | string[]>;
  tagSet: Record<string, { parents?: string[] }>;
  /** compromise's words that end organisation names ("Inc", "Committee"). */
  orgWords: Set<string>;
  /** First words of the multi-word entries, so that most runs are ruled out without building a key. */
  phraseStarts: Set<string>;
}

let loaded: Lexicon | null = null;

/** The lexicon, read from compromise on first use (see libraries.ts). */
function lex(): Lexicon {
  if (loaded) return loaded;
  const world = compromiseWorld();
  const lexicon = world.model.one.lexicon;
  return (loaded = {
    lexicon,
    tagSet: world.model.one.tagSet,
    orgWords: new Set(Object.keys(world.model.two.orgWords ?? {})),
    phraseStarts: new Set(Object.keys(lexicon).filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' ')))),
  });
}

/** Whether compromise knows `lower` as a word that ends organisation names ("inc", "committee"). */
export function endsOrganisationName(lower: string): boolean {
  return lex().orgWords.has(lower);
}

const NONE: ReadonlySet<string> = new Set();
const cache = new Map<string, ReadonlySet<string>>();

/** The lexicon's own tags of a word (no parents): what compromise knows of it out of context. */
export function lexTags(word: string): string[] {
  const v = lex().lexicon[word.toLowerCase()];
  if (!v) return [];
  return Array.isArray(v) ? v : [v];
}

/** The lexicon's tags of a word with their parents (`MaleName` brings FirstName, Person, ProperNoun, Noun). */
export function tagsOf(word: string): ReadonlySet<string> {
  const key = word.toLowerCase();
  let tags = cache.get(key);
  if (tags) return tags;
  const { lexicon, tagSet } = lex();
  const own = lexicon[key] ?? guess(key);
  if (!own) tags = NONE;
  else {
    const set = new Set<string>();
    for (const t of Array.isArray(own) ? own : [own]) {
      set.add(t);
      for (const p of tagSet[t]?.parents ?? []) set.add(p);
    }
    tags = set;
  }
  if (cache.size < 200_000) cache.set(key, tags);
  return tags;
}

/** compromise's suffix guesses that matter for telling names from words: `-ly` adverbs, hyphened `-ing`/`-ed` forms. */
function guess(lower: string): string | undefined {
  if (lower.length > 5 && lower.endsWith('ly')) return 'Adverb';
  if (lower.includes('-') && /(ing|ed)$/.test(lower)) return 'Adjective';
  return undefined;
}

/** Whether a word may open one of the lexicon's multi-word entries. */
export function startsPhrase(word: string): boolean {
  return lex().phraseStarts.has(word.toLowerCase());
}

/** Tags of a run of words that the lexicon knows as one entry ("los angeles", "new york city"), or none. */
export function phraseTags(words: string[]): ReadonlySet<string> {
  if (words.length < 2 || !startsPhrase(words[0])) return NONE;
  const key = words.join(' ').toLowerCase();
  return lex().lexicon[key] ? tagsOf(key) : NONE;
}
