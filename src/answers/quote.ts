/**
 * `quote <speaker> [about]`: what someone said, in their own words, with citations.
 * The speaker is matched under any name form (entity canonical names and variants, the speakers the quotes
 * carry), forgiving typos and transliterations (Muttaki = Mottaki, Tom West = Thomas West).
 */
import type { Article } from '../corpus/types.ts';
import type { Entity, Quote } from '../knowledge/types.ts';
import { editDistance } from '../knowledge/people/name-forms.ts';
import { cachedProcessTerm as processTerm, queryTerms } from '../search/text.ts';
import { citationFor } from './common.ts';
import type { AnswerContext } from './context.ts';
import { LetterBound, lookupsOf, mergeIndices } from './lookups.ts';
import { checkQuery } from './query.ts';
import { runAtOnce } from '../slices.ts';
import type { Answer, AnswerItem, AnswerOptions } from './types.ts';

export const DEFAULT_QUOTE_LIMIT = 10;
/** Longest quote text shown in one item; longer ones are cut at a word with "…". */
export const MAX_QUOTE_TEXT = 600;

const fold = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const wordsOf = (s: string): string[] => fold(s).split(/[ -]+/).filter(Boolean);


/** One name word against another: equal, a short form (`tom` / `thomas`), or a typo or transliteration apart. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // Short forms: Tom / Thomas, Chris / Christopher ("th" read as "t").
  const x = a.replace(/th/g, 't').replace(/ph/g, 'f');
  const y = b.replace(/th/g, 't').replace(/ph/g, 'f');
  if (Math.min(x.length, y.length) >= 3 && (x.startsWith(y) || y.startsWith(x))) return true;
  const n = Math.min(a.length, b.length);
  if (n < 4) return false;
  if (a.length === b.length) {
    // Two letters swapped: "Wset" / "West".
    const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    if (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]) return true;
  }
  return editDistance(a, b, n >= 7 ? 2 : 1) <= (n >= 7 ? 2 : 1);
}

/** Whether a typed name denotes a name form: every typed word matches a word of the form, the last one its last word or surname. */
export function nameMatches(query: string, form: string, surnameOnly = true): boolean {
  const q = wordsOf(query);
  const f = wordsOf(form);
  if (!q.length || !f.length) return false;
  if (q.join(' ') === f.join(' ')) return true;
  // A speaker known by surname only: "Duarte" for "Ana Duarte".
  if (f.length === 1 && q.length > 1) return surnameOnly && sameWord(q[q.length - 1], f[0]);
  const used = new Set<number>();
  for (const w of q) {
    const i = f.findIndex((x, k) => !used.has(k) && sameWord(w, x));
    if (i < 0) return false;
    used.add(i);
  }
  // The surname must be among them ("Thomas" alone does not mean Thomas West, "West" does).
  return used.has(f.length - 1) || q.length >= 2;
}

/** How far a typed name is from a name form, for suggestions (lower is closer). */
function nameDistance(query: string, form: string): number {
  const q = wordsOf(query);
  const f = wordsOf(form);
  let total = 0;
  for (const w of q) total += Math.min(...f.map((x) => editDistance(w, x, 6)));
  return total / Math.max(1, q.length);
}

/** Every named speaker (one string per folded form, the last seen) with its distance to the typed name. */
function suggestionDistances(ctx: AnswerContext, name: string): Array<{ s: string; d: number }> {
  const lookups = lookupsOf(ctx);
  const speakers = lookups.lazy('quote-suggestion-speakers', () => {
    const bySpeaker = new Map<string, string>();
    for (const q of ctx.quotes) if (q.speaker && q.speakerKind !== 'unknown') bySpeaker.set(fold(q.speaker), q.speaker);
    return [...bySpeaker.values()].map((s) => ({ s, words: wordsOf(s) }));
  });
  const q = wordsOf(name);
  if (!q.length) return speakers.map(({ s }) => ({ s, d: nameDistance(name, s) }));
  // Distances per distinct word pair, computed once; for a one-word name only those that can be ≤ 3 matter.
  const memo = q.map(() => new Map<string, number>());
  const bounds = q.map((w) => new LetterBound(w));
  const distance = (k: number, x: string): number => {
    let d = memo[k].get(x);
    if (d === undefined) {
      d = q.length === 1 && bounds[k].of(x) > 3 ? Infinity : editDistance(q[k], x, 6);
      memo[k].set(x, d);
    }
    return d;
  };
  return speakers.map(({ s, words }) => {
    let total = 0;
    for (let k = 0; k < q.length; k++) {
      let best = Infinity;
      for (const x of words) best = Math.min(best, distance(k, x));
      total += best;
    }
    return { s, d: total / q.length };
  });
}

function publishedKey(a: Article | undefined): string | null {
  const p = a?.published;
  return p && /^\d{4}/.test(p) ? p : null;
}

function trimQuote(text: string): string {
  if (text.length <= MAX_QUOTE_TEXT) return text;
  const cut = text.lastIndexOf(' ', MAX_QUOTE_TEXT - 1);
  return `${text.slice(0, cut > MAX_QUOTE_TEXT / 2 ? cut : MAX_QUOTE_TEXT - 1).trimEnd()}…`;
}

/** The key under which two outlets' copies of one quote are the same. */
const quoteKey = (text: string): string => fold(text).replace(/['-]/g, '').replace(/\s+/g, ' ');

/** Name words of every entity form and speaker, indexed (built on first use per context). */
interface SpeakerIndex {
  /** Distinct words with their short-form spelling ("th" → "t", "ph" → "f"). */
  vocabulary: Array<{ word: string; short: string }>;
  /** A word → indices of the entities with a form that has it (ascending). */
  entitiesByWord: Map<string, number[]>;
  /** A word → speaker strings with it. */
  speakersByWord: Map<string, string[]>;
  /** A word → one-word speaker strings that are it. */
  oneWordSpeakers: Map<string, string[]>;
  /** fold(speaker) → speaker strings. */
  speakersByFold: Map<string, string[]>;
}

const speakerIndexes = new WeakMap<object, SpeakerIndex>();

function speakerIndexOf(ctx: AnswerContext): SpeakerIndex {
  return speakerIndexes.get(lookupsOf(ctx)) ?? runAtOnce(speakerIndexSteps(ctx));
}

/** Whether the speaker index of a context is built. */
export const speakerIndexReady = (ctx: AnswerContext): boolean => speakerIndexes.has(lookupsOf(ctx));

/** Builds (and keeps) the speaker index of a context, in steps. */
export function* speakerIndexSteps(ctx: AnswerContext): Generator<void, SpeakerIndex> {
  const lookups = lookupsOf(ctx);
  const known = speakerIndexes.get(lookups);
  if (known) return known;
  const words = new Set<string>();
  const entitiesByWord = new Map<string, number[]>();
  for (let i = 0; i < ctx.entities.length; i++) {
    const e = ctx.entities[i];
    for (const f of [e.canonical, ...e.variants]) {
      for (const w of wordsOf(f)) {
        words.add(w);
        const list = entitiesByWord.get(w);
        if (!list) entitiesByWord.set(w, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
    if (i % 500 === 499) yield;
  }
  const speakersByWord = new Map<string, string[]>();
  const oneWordSpeakers = new Map<string, string[]>();
  const speakersByFold = new Map<string, string[]>();
  let n = 0;
  for (const speaker of lookups.quotesBySpeaker.keys()) {
    const f = fold(speaker);
    const same = speakersByFold.get(f);
    if (same) same.push(speaker);
    else speakersByFold.set(f, [speaker]);
    const ws = wordsOf(speaker);
    for (const w of new Set(ws)) {
      words.add(w);
      const list = speakersByWord.get(w);
      if (list) list.push(speaker);
      else speakersByWord.set(w, [speaker]);
    }
    if (ws.length === 1) {
      const list = oneWordSpeakers.get(ws[0]);
      if (list) list.push(speaker);
      else oneWordSpeakers.set(ws[0], [speaker]);
    }
    if (++n % 500 === 0) yield;
  }
  const vocabulary = [...words].map((word) => ({ word, short: word.replace(/th/g, 't').replace(/ph/g, 'f') }));
  const first = speakerIndexes.get(lookups);
  if (first) return first;
  const index = { vocabulary, entitiesByWord, speakersByWord, oneWordSpeakers, speakersByFold };
  speakerIndexes.set(lookups, index);
  return index;
}

/** The words of the vocabulary `sameWord` accepts for `a` (sameWord, with its cheap cases first). */
function sameWords(index: SpeakerIndex, a: string): string[] {
  const short = a.replace(/th/g, 't').replace(/ph/g, 'f');
  const out: string[] = [];
  const bound = new LetterBound(a);
  for (const v of index.vocabulary) {
    if (v.word === a || (Math.min(short.length, v.short.length) >= 3 && (short.startsWith(v.short) || v.short.startsWith(short)))) out.push(v.word);
    // Beyond the short forms, sameWord needs words of 4 letters or more at most two edits (or one swap) apart.
    else if (Math.min(a.length, v.word.length) >= 4 && Math.abs(v.word.length - a.length) <= 2 && bound.of(v.word) <= 2 && sameWord(a, v.word)) out.push(v.word);
  }
  return out;
}

/**
 * Entities (indices, ascending) and speaker strings that may match a typed name: `nameMatches` needs the first
 * typed word to match a word of the form (or, for a one-word form, the last typed word to match it).
 */
function nameCandidates(index: SpeakerIndex, name: string): { entities: number[]; speakers: Set<string> } {
  const q = wordsOf(name);
  const speakers = new Set<string>();
  if (!q.length) return { entities: [], speakers };
  const first = sameWords(index, q[0]);
  const lists: number[][] = [];
  for (const w of first) {
    lists.push(index.entitiesByWord.get(w) ?? []);
    for (const s of index.speakersByWord.get(w) ?? []) speakers.add(s);
  }
  if (q.length > 1) for (const w of sameWords(index, q[q.length - 1])) for (const s of index.oneWordSpeakers.get(w) ?? []) speakers.add(s);
  return { entities: mergeIndices(lists), speakers };
}

/** Quotes by a speaker (any name form), most relevant to `about` first, else newest first. */
export function answerQuote(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  const name = checkQuery(query, 'quote');
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_QUOTE_LIMIT));

  // Entities named like the query, and every speaker string they or the query cover.
  // (An entity's surname-only variant does not answer for a full name it contradicts: "Blinkin Qureshy".)
  const index = speakerIndexOf(ctx);
  const candidates = nameCandidates(index, name);
  const entities = candidates.entities.map((i) => ctx.entities[i]).filter((e) => [e.canonical, ...e.variants].some((f) => nameMatches(name, f, false)));
  const entityIds = new Set(entities.map((e) => e.id));
  const forms = new Set(entities.flatMap((e) => [e.canonical, ...e.variants]).map(fold));
  const lookups = lookupsOf(ctx);
  const lists: number[][] = [];
  for (const id of entityIds) lists.push(lookups.quotesByEntity.get(id) ?? []);
  for (const f of forms) for (const speaker of index.speakersByFold.get(f) ?? []) lists.push(lookups.quotesBySpeaker.get(speaker) ?? []);
  for (const speaker of candidates.speakers) if (nameMatches(name, speaker)) lists.push(lookups.quotesBySpeaker.get(speaker) ?? []);
  const matched = mergeIndices(lists)
    .map((i) => ctx.quotes[i])
    .filter((q) => q.speaker);

  if (!matched.length) {
    const suggestions = suggestionDistances(ctx, name)
      .filter((x) => x.d <= 3)
      .sort((a, b) => a.d - b.d || a.s.localeCompare(b.s))
      .slice(0, 5)
      .map((x) => x.s);
    return {
      command: 'quote',
      query: name,
      answer: '',
      items: [],
      notice: entities.length
        ? `${entities[0].canonical} is mentioned, but no quotes by ${entities[0].canonical} were found.`
        : `No quotes by "${name}" in the corpus.`,
      suggestions: suggestions.length ? suggestions : undefined,
    };
  }

  const display = displayName(entities, matched);
  let ordered = orderByDate(ctx, matched);
  let notice: string | undefined;
  if (options.about?.trim()) {
    const terms = new Set(queryTerms(options.about));
    const scored = ordered.map((q) => ({ q, score: relevance(q.text, terms) })).filter((x) => x.score > 0);
    if (scored.length) ordered = scored.sort((a, b) => b.score - a.score).map((x) => x.q);
    else notice = `None of ${display}'s quotes mention "${options.about.trim()}"; showing the newest.`;
  }

  // One item per quotation; copies carried by other outlets are cited with it. Quotations are grouped first;
  // only the groups shown become items (citations, roles, trimmed text).
  const keyOf = quoteKeys(ctx);
  const groups: QuoteGroup[] = [];
  const byKey = new Map<string, QuoteGroup>();
  const keyed: Keyed[] = [];
  for (const q of ordered) {
    if (!ctx.articles.has(q.article)) continue;
    const key = keyOf(q.text);
    const same = byKey.get(key) ?? (key.length >= 40 ? containing(keyed, key) : undefined);
    if (same) {
      same.copies.push(q);
      continue;
    }
    const group: QuoteGroup = { first: q, copies: [] };
    byKey.set(key, group);
    keyed.push({ key, group, mask: pairMask(key) });
    groups.push(group);
  }
  const total = groups.length;
  const shown = groups.slice(0, limit).map((g) => itemOf(ctx, g, display, entities));
  const answer = `${total} quote${total === 1 ? '' : 's'} by ${display}${total > shown.length ? ` (showing ${shown.length})` : ''}`;
  return { command: 'quote', query: name, answer, items: shown, ...(notice ? { notice } : {}) };
}

/** A quotation and its copies (the same words, or a part of them, in the order met). */
interface QuoteGroup {
  first: Quote;
  copies: Quote[];
}

interface Keyed {
  key: string;
  group: QuoteGroup;
  mask: Int32Array;
}

/** The item of a quotation: its first telling, cited, with one citation for each other article that carries it. */
function itemOf(ctx: AnswerContext, g: QuoteGroup, display: string, entities: Entity[]): AnswerItem {
  const article = ctx.articles.get(g.first.article)!;
  const item: AnswerItem = { text: trimQuote(g.first.text), speaker: display, citation: citationFor(article, g.first.paragraph) };
  const role = roleOf(entities, g.first);
  if (role) item.role = role;
  if (g.first.partial) item.partial = true;
  const cited = new Set([g.first.article]);
  for (const q of g.copies) {
    if (cited.has(q.article)) continue;
    cited.add(q.article);
    (item.alsoCitedBy ??= []).push(citationFor(ctx.articles.get(q.article)!, q.paragraph));
  }
  return item;
}

/** `quoteKey` of a quote text, remembered per context (the same texts come back query after query). */
function quoteKeys(ctx: AnswerContext): (text: string) => string {
  const keys = lookupsOf(ctx).lazy('quote-keys', () => new Map<string, string>());
  return (text) => {
    let key = keys.get(text);
    if (key === undefined) {
      key = quoteKey(text);
      keys.set(text, key);
    }
    return key;
  };
}

/** The pairs of adjacent characters of a text, hashed into 256 bits: a text's mask covers that of any part of it. */
function pairMask(text: string): Int32Array {
  const mask = new Int32Array(8);
  for (let i = 0; i + 1 < text.length; i++) {
    const h = (text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) & 255;
    mask[h >> 5] |= 1 << (h & 31);
  }
  return mask;
}

function covers(big: Int32Array, small: Int32Array): boolean {
  for (let i = 0; i < 8; i++) if ((small[i] & ~big[i]) !== 0) return false;
  return true;
}

/** The first group (in insertion order) whose key contains `key` or is contained in it (masks rule most out cheaply). */
function containing(keyed: Keyed[], key: string): QuoteGroup | undefined {
  const mask = pairMask(key);
  for (const k of keyed) {
    if (k.key.length >= key.length ? covers(k.mask, mask) && k.key.includes(key) : covers(mask, k.mask) && key.includes(k.key)) return k.group;
  }
  return undefined;
}

function displayName(entities: Entity[], quotes: Quote[]): string {
  const counts = new Map<string, number>();
  for (const q of quotes) counts.set(q.speaker!, (counts.get(q.speaker!) ?? 0) + 1);
  if (entities.length) {
    // The entity the most quotes belong to.
    const folded = [...counts].map(([speaker, n]) => [fold(speaker), n] as const);
    const owned = new Map(
      entities.map((e) => {
        const own = new Set([e.canonical, ...e.variants].map(fold));
        let n = 0;
        for (const [f, c] of folded) if (own.has(f)) n += c;
        return [e, n];
      }),
    );
    const best = [...entities].sort((a, b) => owned.get(b)! - owned.get(a)! || b.mentions - a.mentions)[0];
    return best.canonical;
  }
  // The fullest of the most used speaker forms.
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0][0];
}

const foldedForms = new WeakMap<Entity, Set<string>>();

function formsOf(e: Entity): Set<string> {
  let forms = foldedForms.get(e);
  if (!forms) {
    forms = new Set([e.canonical, ...e.variants].map(fold));
    foldedForms.set(e, forms);
  }
  return forms;
}

function roleOf(entities: Entity[], q: Quote): string | undefined {
  const speaker = fold(q.speaker ?? '');
  const entity = entities.find((e) => (q.entityId && e.id === q.entityId) || formsOf(e).has(speaker));
  if (!entity?.roles.length) return undefined;
  return (entity.roles.find((r) => r.article === q.article) ?? entity.roles[0]).text;
}

/** Newest article first (undated last), then by article id, then in the order the article tells them. */
function orderByDate(ctx: AnswerContext, quotes: Quote[]): Quote[] {
  // Sorted per article, then flattened: far fewer comparisons than sorting every quote.
  const byArticle = new Map<string, Quote[]>();
  for (const q of quotes) {
    const list = byArticle.get(q.article);
    if (list) list.push(q);
    else byArticle.set(q.article, [q]);
  }
  const rows = [...byArticle].map(([article, list]) => ({ article, d: publishedKey(ctx.articles.get(article)), list }));
  rows.sort((a, b) => {
    if (a.d !== b.d) {
      if (a.d === null) return 1;
      if (b.d === null) return -1;
      return a.d < b.d ? 1 : -1;
    }
    return a.article < b.article ? -1 : a.article > b.article ? 1 : 0;
  });
  const out: Quote[] = [];
  for (const r of rows) {
    if (r.list.length > 1) r.list.sort((x, y) => x.start - y.start);
    for (const q of r.list) out.push(q);
  }
  return out;
}

/** Share of the topic's (stemmed) terms the quote contains. */
function relevance(text: string, terms: ReadonlySet<string>): number {
  if (!terms.size) return 0;
  const have = new Set<string>();
  for (const w of text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []) {
    const t = processTerm(w);
    if (t && terms.has(t)) have.add(t);
  }
  return have.size / terms.size;
}
