/** `who <name or quotation>`: a profile of a person or organisation (roles with citations, top quotes), or who said a quotation. */
import { splitSentences } from '../knowledge/date-sentences.ts';
import { editDistance, fold } from '../knowledge/names.ts';
import type { Entity, Quote } from '../knowledge/types.ts';
import { citationFor } from './common.ts';
import type { AnswerContext } from './context.ts';
import { describeDate } from './dates.ts';
import type { Answer, AnswerItem, AnswerOptions } from './types.ts';

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

  const quote = findQuote(ctx.quotes, q);
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

/** The entity a name names: any variant, exactly, then as a whole word, then with a typo or two. */
export function findEntity(entities: Entity[], name: string): Entity | null {
  const q = normName(name);
  if (!q || q.length > 100) return null;
  const best = (list: Entity[]) => (list.length ? list.reduce((a, b) => (b.mentions > a.mentions ? b : a)) : null);
  const exact = entities.filter((e) => [e.canonical, ...e.variants].some((v) => normName(v) === q));
  if (exact.length) return best(exact);
  if (q.length >= 3) {
    const words = entities.filter((e) => [e.canonical, ...e.variants].some((v) => ` ${normName(v)} `.includes(` ${q} `)));
    if (words.length) return best(words);
  }
  if (q.length >= 4) {
    const cap = q.length >= 8 ? 2 : 1;
    let found: Entity[] = [];
    let bestD = cap + 1;
    for (const e of entities) {
      for (const v of [e.canonical, ...e.variants]) {
        const nv = normName(v);
        if (nv.length < 4) continue;
        const d = editDistance(q, nv, cap);
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
  for (const r of e.roles.slice().sort((a, b) => rank(byRole.get(fold(b.text))!) - rank(byRole.get(fold(a.text))!))) {
    if (items.length >= Math.max(1, limit - MAX_QUOTES)) break;
    const key = `${fold(r.text)}\u0000${r.article}`;
    if (seenRole.has(key)) continue;
    seenRole.add(key);
    const article = ctx.articles.get(r.article);
    const paragraph = article?.paragraphs[r.paragraph - 1];
    if (!article || !paragraph) continue;
    items.push({ text: clip(sentenceWith(paragraph.text, r.text)), role: r.text, citation: citationFor(article, r.paragraph) });
  }
  // A few quotes by them: whole quotations first, longer first.
  const quotes = ctx.quotes
    .filter((q) => q.entityId === e.id || (!q.entityId && q.speaker === e.canonical))
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

/** The quotation the words come from: a substring, else most of its words in order-free overlap. */
export function findQuote(quotes: Quote[], text: string): Quote | null {
  const q = normName(text);
  if (q.length < 6) return null;
  let best: Quote | null = null;
  let bestScore = 0;
  const qw = words(text);
  for (const quote of quotes) {
    const nq = normName(quote.text);
    let score = 0;
    if (nq.includes(q)) score = 1 + q.length / Math.max(1, nq.length);
    else if (q.includes(nq) && nq.length >= 12) score = 0.9;
    else if (qw.length >= 3) {
      const set = new Set(nq.split(' '));
      const hit = qw.filter((w) => set.has(w) || [...set].some((x) => x.length >= 5 && editDistance(x, w, 1) <= 1)).length;
      score = (hit / qw.length) * 0.85;
    }
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
  const scored: Array<{ name: string; d: number; m: number }> = [];
  for (const e of entities) {
    let d = Infinity;
    for (const v of [e.canonical, ...e.variants]) {
      const nv = normName(v);
      if (!nv) continue;
      const pref = nv.startsWith(q.slice(0, 3)) || q.split(' ').some((w) => w.length >= 3 && nv.split(' ').some((x) => x.startsWith(w.slice(0, 3))));
      const dist = editDistance(q, nv, 4);
      d = Math.min(d, dist <= 4 ? dist : pref ? 5 : Infinity);
    }
    if (d < Infinity) scored.push({ name: e.canonical, d, m: e.mentions });
  }
  scored.sort((a, b) => a.d - b.d || b.m - a.m);
  return [...new Set(scored.map((s) => s.name))].slice(0, 5);
}
