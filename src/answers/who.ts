/** `who <name or quotation>`: a profile of a person or organisation (roles with citations, top quotes), or who said a quotation. */
import { splitSentences } from '../knowledge/analysis/sentences.ts';
import { editDistance, fold } from '../knowledge/people/name-forms.ts';
import type { Entity, Quote } from '../knowledge/types.ts';
import { citationFor } from './common.ts';
import type { AnswerContext } from './context.ts';
import { describeDate } from './dates.ts';
import { LetterBound, lookupsOf, mergeIndices } from './lookups.ts';
import type { Answer, AnswerItem, AnswerOptions } from './types.ts';
import { runAtOnce } from '../slices.ts';

export const DEFAULT_WHO_LIMIT = 8;
const MAX_QUOTES = 3;
const MAX_ITEM_TEXT = 300;

export function answerWho(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  const base = { command: 'who' as const, query };
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_WHO_LIMIT, 50));
  const q = cleanQuery(query);
  if (!q) return { ...base, answer: '', items: [], notice: 'Give a name (e.g. "Ned Price") or a few words of a quotation.' };

  const entity = findEntity(ctx.entities, q);
  if (entity) return profile(ctx, entity, base, limit);

  const quote = findQuote(ctx.quotes, q, quoteTextsOf(ctx.quotes));
  if (quote) {
    const article = ctx.articles.get(quote.article);
    if (article) {
      const speaker = quote.speaker ?? null;
      return {
        ...base,
        answer: speaker ? `${speaker} said it.` : 'The article quotes it without naming who said it.',
        items: [{ text: clip(quote.text), speaker: speaker ?? undefined, partial: quote.partial || undefined, citation: citationFor(article, quote.paragraph) }],
      };
    }
  }

  const suggestions = suggestNames(ctx.entities, q);
  return {
    ...base,
    answer: '',
    items: [],
    notice: `No person, organisation or quotation matches "${q}".` + (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''),
    suggestions,
  };
}

/** Drops "who is", "who said", quote marks and a trailing question mark. */
function cleanQuery(query: string): string {
  return query
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u200b-\u200f\u2028-\u202f\ufeff]/g, ' ')
    .replace(/^\s*who\s+(?:is|was|are|were|'s|said|says|wrote)\s+/i, '')
    .replace(/^\s*who's\s+/i, '')
    .replace(/[?!.]+\s*$/, '')
    .replace(/^["'“”‘’«»\s]+|["'“”‘’«»\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function normName(s: string): string {
  return fold(s).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The normalised name forms of entities, indexed (built once per entity list). */
interface EntityNames {
  /** Per entity, normName of [canonical, ...variants]. */
  norms: string[][];
  /** A normalised form → indices of the entities with it (ascending). */
  exact: Map<string, number[]>;
  /** A word of a normalised form → indices of the entities with it (ascending). */
  byWord: Map<string, number[]>;
  /** Length of a normalised form (≥ 4) → indices of the entities with such a form (ascending). */
  byLength: Map<number, number[]>;
  /** Length of a normalised form (any) → indices of the entities with such a form (ascending). */
  byLengthAll: Map<number, number[]>;
  /** The first three letters of a word of a normalised form → indices of the entities with such a word (ascending). */
  byPrefix: Map<string, number[]>;
}

const entityNames = new WeakMap<Entity[], EntityNames>();

function namesOf(entities: Entity[]): EntityNames {
  return entityNames.get(entities) ?? runAtOnce(namesSteps(entities));
}

/** Whether the name index of an entity list is built. */
export const namesReady = (entities: Entity[]): boolean => entityNames.has(entities);

/** Builds (and keeps) the name index of an entity list, in steps. */
export function* namesSteps(entities: Entity[]): Generator<void, EntityNames> {
  const known = entityNames.get(entities);
  if (known) return known;
  // Lists of entity indices, each index once (entities are added in order).
  const add = <K>(map: Map<K, number[]>, key: K, i: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const names: EntityNames = { norms: [], exact: new Map(), byWord: new Map(), byLength: new Map(), byLengthAll: new Map(), byPrefix: new Map() };
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    const norms = [e.canonical, ...e.variants].map(normName);
    names.norms.push(norms);
    for (const nv of norms) {
      add(names.exact, nv, i);
      for (const w of nv.split(' ')) {
        if (w) add(names.byWord, w, i);
        if (w.length >= 3) add(names.byPrefix, w.slice(0, 3), i);
      }
      add(names.byLengthAll, nv.length, i);
      if (nv.length >= 4) add(names.byLength, nv.length, i);
    }
    if (i % 500 === 499) yield;
  }
  // Another caller may have finished it meanwhile: keep the first.
  const first = entityNames.get(entities);
  if (first) return first;
  entityNames.set(entities, names);
  return names;
}

/** The entity a name names: any variant, exactly, then as a whole word, then with a typo or two. */
export function findEntity(entities: Entity[], name: string): Entity | null {
  const q = normName(name);
  if (!q || q.length > 100) return null;
  const names = namesOf(entities);
  const best = (list: Entity[]) => (list.length ? list.reduce((a, b) => (b.mentions > a.mentions ? b : a)) : null);
  const exact = names.exact.get(q);
  if (exact?.length) return best(exact.map((i) => entities[i]));
  if (q.length >= 3) {
    const words = (names.byWord.get(q.split(' ')[0]) ?? []).filter((i) => names.norms[i].some((nv) => ` ${nv} `.includes(` ${q} `)));
    if (words.length) return best(words.map((i) => entities[i]));
  }
  if (q.length >= 4) {
    const cap = q.length >= 8 ? 2 : 1;
    // Only forms within `cap` letters of the query's length can be within `cap` edits; visited in entity order.
    const flagged = new Uint8Array(entities.length);
    for (let len = Math.max(4, q.length - cap); len <= q.length + cap; len++) for (const i of names.byLength.get(len) ?? []) flagged[i] = 1;
    let found: Entity[] = [];
    let bestD = cap + 1;
    const bound = new LetterBound(q);
    for (let i = 0; i < entities.length; i++) {
      if (!flagged[i]) continue;
      const e = entities[i];
      for (const nv of names.norms[i]) {
      if (nv.length < 4) continue;
      const d = Math.abs(nv.length - q.length) > cap || bound.of(nv) > cap ? cap + 1 : editDistance(q, nv, cap);
      if (d < bestD) {
        bestD = d;
        found = [e];
      } else if (d === bestD && d <= cap && !found.includes(e)) found.push(e);
      }
    }
    if (bestD <= cap) return best(found);
  }
  return null;
}

function profile(ctx: AnswerContext, e: Entity, base: { command: 'who'; query: string }, limit: number): Answer {
  const items: AnswerItem[] = [];
  // Roles, the most stated first; each with the sentence that states it.
  const byRole = new Map<string, { text: string; count: number; first: (typeof e.roles)[number] }>();
  for (const r of e.roles) {
    const key = fold(r.text);
    const entry = byRole.get(key);
    if (entry) entry.count++;
    else byRole.set(key, { text: r.text, count: 1, first: r });
  }
  const roles = [...byRole.values()].sort((a, b) => rank(b) - rank(a));
  const seenRole = new Set<string>();
  const roleRank = new Map(e.roles.map((r) => [r, rank(byRole.get(fold(r.text))!)]));
  for (const r of e.roles.slice().sort((a, b) => roleRank.get(b)! - roleRank.get(a)!)) {
    if (items.length >= Math.max(1, limit - MAX_QUOTES)) break;
    const key = `${fold(r.text)}\u0000${r.article}`;
    if (seenRole.has(key)) continue;
    seenRole.add(key);
    const article = ctx.articles.get(r.article);
    const paragraph = article?.paragraphs[r.paragraph - 1];
    if (!article || !paragraph) continue;
    items.push({ text: clip(sentenceWith(paragraph.text, r.evidence ?? r.text)), role: r.text, citation: citationFor(article, r.paragraph) });
  }
  // A few quotes by them: whole quotations first, longer first.
  const lookups = lookupsOf(ctx);
  const quotes = mergeIndices([lookups.quotesByEntity.get(e.id) ?? [], lookups.quotesBySpeakerNoEntity.get(e.canonical) ?? []])
    .map((i) => ctx.quotes[i])
    .sort((a, b) => Number(a.partial) - Number(b.partial) || b.text.length - a.text.length);
  for (const q of quotes.slice(0, Math.min(MAX_QUOTES, Math.max(0, limit - items.length)))) {
    const article = ctx.articles.get(q.article);
    if (!article) continue;
    items.push({ text: clip(q.text), speaker: e.canonical, partial: q.partial || undefined, citation: citationFor(article, q.paragraph) });
  }

  const bestRole = roles.find((r) => !/^successor to\b/i.test(r.text))?.text ?? roles[0]?.text;
  const answer = bestRole ? `${e.canonical} — ${bestRole}` : `${e.canonical} (${e.kind === 'person' ? 'no role stated' : e.kind})`;
  const others = e.variants.filter((v) => v !== e.canonical);
  const dates = e.articles
    .map((id) => ctx.articles.get(id)?.published ?? null)
    .filter((d): d is string => !!d && /^\d{4}/.test(d))
    .sort();
  const parts: string[] = [];
  if (others.length) parts.push(`Also written: ${others.slice(0, 6).join(', ')}.`);
  parts.push(`Named in ${e.articles.length} article${e.articles.length === 1 ? '' : 's'} (${e.mentions} mention${e.mentions === 1 ? '' : 's'}).`);
  if (dates.length) parts.push(dates.length === 1 || dates[0] === dates[dates.length - 1] ? `Dated ${describeDate(dates[0])}.` : `First ${describeDate(dates[0])}, last ${describeDate(dates[dates.length - 1])}.`);
  if (!items.length) parts.push('No role or quotation of theirs was found.');
  return { ...base, answer, items, notice: parts.join(' ') };
}

function rank(r: { text: string; count: number }): number {
  // Stated most often; among equals, the more specific (longer) wording; successions last.
  return (/^successor to\b/i.test(r.text) ? 0 : 1000) + r.count * 10 + Math.min(9, r.text.split(/\s+/).length);
}

/** The sentence of a paragraph that states `phrase` (or the paragraph's opening). */
function sentenceWith(paragraph: string, phrase: string): string {
  const idx = paragraph.indexOf(phrase);
  const spans = splitSentences(paragraph);
  if (idx >= 0) {
    for (const s of spans) {
      if (s.start <= idx && idx < s.end) {
        const sentence = paragraph.slice(s.start, s.end);
        const at = idx - s.start;
        if (sentence.length <= MAX_ITEM_TEXT || at < MAX_ITEM_TEXT / 2) return sentence;
        // Keep the role in view: start a little before it.
        const from = sentence.lastIndexOf(' ', Math.max(0, at - 80));
        return `…${sentence.slice(from + 1)}`;
      }
    }
  }
  return spans.length ? paragraph.slice(spans[0].start, spans[0].end) : paragraph;
}

function clip(text: string): string {
  if (text.length <= MAX_ITEM_TEXT) return text;
  let cut = text.lastIndexOf(' ', MAX_ITEM_TEXT - 1);
  if (cut < MAX_ITEM_TEXT / 2) cut = MAX_ITEM_TEXT - 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

function words(s: string): string[] {
  return normName(s).split(' ').filter(Boolean);
}

/** Normalised quote texts and their words, indexed (built once per quote list). */
interface QuoteTexts {
  norms: string[];
  /** A word of a normalised quote → indices of the quotes with it (ascending). */
  byWord: Map<string, number[]>;
  /** Distinct words by length. */
  wordsByLength: Map<number, string[]>;
}

const quoteTexts = new WeakMap<Quote[], QuoteTexts>();

function quoteTextsOf(quotes: Quote[]): QuoteTexts {
  return quoteTexts.get(quotes) ?? runAtOnce(quoteTextsSteps(quotes));
}

/** Whether the word index of a quote list is built. */
export const quoteTextsReady = (quotes: Quote[]): boolean => quoteTexts.has(quotes);

/** Builds (and keeps) the word index of a quote list, in steps. */
export function* quoteTextsSteps(quotes: Quote[]): Generator<void, QuoteTexts> {
  const known = quoteTexts.get(quotes);
  if (known) return known;
  const t: QuoteTexts = { norms: [], byWord: new Map(), wordsByLength: new Map() };
  for (let i = 0; i < quotes.length; i++) {
    const nq = normName(quotes[i].text);
    t.norms.push(nq);
    for (const w of nq.split(' ')) {
      const list = t.byWord.get(w);
      if (!list) {
        t.byWord.set(w, [i]);
        const same = t.wordsByLength.get(w.length);
        if (same) same.push(w);
        else t.wordsByLength.set(w.length, [w]);
      } else if (list[list.length - 1] !== i) list.push(i);
    }
    if (i % 200 === 199) yield;
  }
  const first = quoteTexts.get(quotes);
  if (first) return first;
  quoteTexts.set(quotes, t);
  return t;
}

/** The quotation the words come from: a substring, else most of its words in order-free overlap. */
export function findQuote(quotes: Quote[], text: string, index: QuoteTexts = quoteTextsOf(quotes)): Quote | null {
  const q = normName(text);
  if (q.length < 6) return null;
  let best: Quote | null = null;
  let bestScore = 0;
  const qw = words(text);
  // Per quote, how many query words it has (or has within one typo, for words of 5 letters or more).
  let hits: Uint16Array | null = null;
  if (qw.length >= 3) {
    hits = new Uint16Array(quotes.length);
    const stamp = new Int32Array(quotes.length).fill(-1);
    qw.forEach((w, wi) => {
      const close = new Set<string>();
      if (index.byWord.has(w)) close.add(w);
      for (let len = Math.max(5, w.length - 1); len <= w.length + 1; len++) {
        for (const x of index.wordsByLength.get(len) ?? []) if (editDistance(x, w, 1) <= 1) close.add(x);
      }
      for (const x of close) {
        for (const i of index.byWord.get(x)!) {
          if (stamp[i] === wi) continue;
          stamp[i] = wi;
          hits![i]++;
        }
      }
    });
  }
  for (let i = 0; i < quotes.length; i++) {
    const quote = quotes[i];
    const nq = index.norms[i];
    let score = 0;
    if (nq.includes(q)) score = 1 + q.length / Math.max(1, nq.length);
    else if (q.includes(nq) && nq.length >= 12) score = 0.9;
    else if (hits) score = (hits[i] / qw.length) * 0.85;
    if (score > bestScore || (score === bestScore && best && best.partial && !quote.partial)) {
      best = quote;
      bestScore = score;
    }
  }
  return bestScore >= 0.6 ? best : null;
}

/** Entity names close to the query, for "did you mean". */
function suggestNames(entities: Entity[], name: string): string[] {
  const q = normName(name);
  if (!q) return [];
  const norms = namesOf(entities).norms;
  const head = q.slice(0, 3);
  const starts = q.split(' ').filter((w) => w.length >= 3).map((w) => w.slice(0, 3));
  const scored: Array<{ name: string; d: number; m: number }> = [];
  const bound = new LetterBound(q);
  const score = (nv: string): number => {
    if (!nv) return Infinity;
    // A word of nv starts with one of the query words' first three letters.
    const pref = nv.startsWith(head) || (starts.length > 0 && starts.some((s) => ` ${nv}`.includes(` ${s}`)));
    const dist = Math.abs(nv.length - q.length) > 4 || bound.of(nv) > 4 ? 5 : editDistance(q, nv, 4);
    return dist <= 4 ? dist : pref ? 5 : Infinity;
  };
  if (head.length === 3 && !head.includes(' ')) {
    // Only forms within 4 letters of the query's length, or with a word starting like a query word, can score.
    const names = namesOf(entities);
    const flagged = new Uint8Array(entities.length);
    for (let len = Math.max(0, q.length - 4); len <= q.length + 4; len++) for (const i of names.byLengthAll.get(len) ?? []) flagged[i] = 1;
    for (const s of new Set([head, ...starts])) for (const i of names.byPrefix.get(s) ?? []) flagged[i] = 1;
    for (let e = 0; e < entities.length; e++) {
      if (!flagged[e]) continue;
      let d = Infinity;
      for (const nv of norms[e]) d = Math.min(d, score(nv));
      if (d < Infinity) scored.push({ name: entities[e].canonical, d, m: entities[e].mentions });
    }
  } else {
    entities.forEach((e, i) => {
      let d = Infinity;
      for (const nv of norms[i]) d = Math.min(d, score(nv));
      if (d < Infinity) scored.push({ name: e.canonical, d, m: e.mentions });
    });
  }
  scored.sort((a, b) => a.d - b.d || b.m - a.m);
  return [...new Set(scored.map((s) => s.name))].slice(0, 5);
}
