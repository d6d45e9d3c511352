/**
 * `brief [topic] [--since DATE] [--until DATE]`: a stand-up briefing on a topic (or on the whole
 * corpus), in sections — key points, people, quotes, timeline, gaps — every line cited.
 *
 * Everything is extractive: key points are sentences chosen from the articles (the most central and
 * least redundant first), never written. The same fact reported by several outlets appears once with
 * every citation. A sentence whose meaning hangs on its neighbour is joined to it, has its opening
 * pronoun resolved in brackets ("[Thomas West] stressed…"), or is left out.
 */
import nlp from 'compromise';
import type { Article } from '../corpus/types.ts';
import type { DateMention, Entity, Quote } from '../knowledge/types.ts';
import { processTerm, queryTerms, tokenize } from '../search/text.ts';
import { citationFor } from './common.ts';
import type { AnswerContext } from './context.ts';
import { describeDate } from './dates.ts';
import { markTerms, sentencesOf } from './excerpt.ts';
import { similarity } from './similar.ts';
import { centrality, cosine, FactSpace, factTerms, mmrSelect, NameFolds, type FactTerms, type TermVector } from './summarize.ts';
import type { Answer, AnswerItem, AnswerOptions, AnswerSection, Citation } from './types.ts';

export const SECTION = {
  keyPoints: 'Key points',
  people: 'People',
  quotes: 'Quotes',
  timeline: 'Timeline',
  gaps: 'Gaps',
} as const;

export const KEY_POINTS = { min: 3, max: 7 } as const;
export const PEOPLE = { min: 3, max: 5 } as const;
export const QUOTES = { min: 1, max: 3 } as const;
export const TIMELINE_MAX = 12;

/** Shortest and longest key point (characters). */
const MIN_SENTENCE = 40;
const MAX_SENTENCE = 420;

// ───────────────────────────── dates and the window ─────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');

/** First and last day (`YYYY-MM-DD`) an ISO prefix covers (`2021`, `2021-10`, `2021-W45`, `2021-11-08`), or null. */
export function dayRange(iso: string | null | undefined): [string, string] | null {
  if (!iso) return null;
  let m = /^(\d{4})-W(\d{2})$/.exec(iso);
  if (m) {
    const jan4 = Date.UTC(Number(m[1]), 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (Number(m[2]) - 1) * 7 * 86_400_000;
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    return [day(monday), day(monday + 6 * 86_400_000)];
  }
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return null;
  if (m[3]) return [iso, iso];
  if (m[2]) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${pad(last)}`];
  }
  return [`${m[1]}-01-01`, `${m[1]}-12-31`];
}

interface Window {
  from: string | null;
  to: string | null;
}

function windowOf(options: AnswerOptions): Window {
  return { from: dayRange(options.since)?.[0] ?? null, to: dayRange(options.until)?.[1] ?? null };
}

function inWindow(iso: string | null, w: Window): boolean {
  if (!w.from && !w.to) return true;
  const r = dayRange(iso);
  if (!r) return false;
  return (!w.from || r[1] >= w.from) && (!w.to || r[0] <= w.to);
}

/** Whether two dates of an event can both be right (one contains the other). */
function compatibleDates(a: string, b: string): boolean {
  const ra = dayRange(a);
  const rb = dayRange(b);
  if (!ra || !rb) return true;
  return (ra[0] <= rb[0] && rb[1] <= ra[1]) || (rb[0] <= ra[0] && ra[1] <= rb[1]);
}

// ───────────────────────────── sentences ─────────────────────────────

/** `WASHINGTON DC (TASS): `, `Washington. September 9. INTERFAX - `: the dateline before the first sentence. */
const DATELINE_PREFIX = [
  /^[A-Z][A-Za-z .,'-]{1,60}?\s*\([A-Za-z][\w .&-]{1,30}\)\s*[-–—:]\s*/,
  /^[A-Z][A-Za-z .'-]{1,40}?[.,]\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?[.,]?\s+(?:\([A-Za-z][\w .&-]{1,30}\)|[A-Z][A-Za-z-]{2,20})\s*[-–—:]\s*/,
];

/** Openings that make a sentence lean on the one before it. */
const PRONOUN_OPENING = /^(?:(He|She)\b|(According to) (him|her)\b)/;
const DEPENDENT_OPENING =
  /^(?:He|She|They|It|This|That|These|Those|Such|Its|His|Her|Their|However|But|And|Also|Moreover|Meanwhile|Still|Yet|Nevertheless|Nonetheless|Therefore|Thus|So|Instead|Besides|Furthermore|Then|Here|There|At the same time|In addition|In turn|As a result|According to (?:him|her|them|it|the report|this))\b/;
/** Photo captions, bylines and other furniture that are not statements of fact. */
const NOT_A_STATEMENT = /\((?:photo|image|picture)\b|\bphoto by\b|\ball rights reserved\b|©|^(?:this article|read more|you may also like)/i;

const QUOTE_MARKS = /["“”«»„]/g;

/** Share of a text's characters inside quotation marks, and whether the marks are balanced. */
function quoteShare(text: string): { share: number; balanced: boolean } {
  const marks = [...text.matchAll(QUOTE_MARKS)];
  const opens = marks.filter((m) => m[0] === '“' || m[0] === '«' || m[0] === '„').length;
  const closes = marks.filter((m) => m[0] === '”' || m[0] === '»').length;
  const straight = marks.filter((m) => m[0] === '"').length;
  const balanced = straight % 2 === 0 && (opens === closes || (opens + closes + straight) % 2 === 0);
  let inside = 0;
  for (let i = 0; i + 1 < marks.length; i += 2) inside += marks[i + 1].index! - marks[i].index!;
  return { share: text.length ? inside / text.length : 0, balanced };
}

/** One candidate key point: a sentence (or a sentence joined with the one it depends on) of one paragraph. */
interface Unit {
  article: Article;
  paragraph: number;
  /** Display text, exactly as in the article except for a bracketed pronoun resolution. */
  text: string;
  /** The article's text (unresolved), for comparing. */
  plain: string;
  /** Index of the unit's first sentence in its paragraph. */
  sentence: number;
  quoteShare: number;
  resolved: boolean;
  terms: FactTerms;
}

/**
 * The person a pronoun at the start of a sentence of paragraph `p` most likely means, or null when
 * that is not clear enough to print.
 */
function resolvePronoun(ctx: AnswerContext, article: Article, p: number, before: string): string | null {
  const quotes = ctx.quotes.filter((x) => x.article === article.id);
  // 1. The quotes module may already have resolved "he" in this paragraph to a speaker.
  const here = quotes.find((x) => x.paragraph === p && x.speaker && x.speakerKind === 'person' && /^(he|she)$/i.test(x.speakerMention ?? ''));
  if (here?.speaker) return here.speaker;
  // 2. The speaker of the last quotation just before is the subject the pronoun continues.
  const last = quotes.filter((x) => x.paragraph === p - 1 || (x.paragraph === p && before.includes(x.text.slice(0, 20)))).pop();
  if (last) return last.speakerKind === 'person' && last.speaker ? last.speaker : null;
  // 3. The person the article mentions most among those named in this paragraph or the three before, if clearly ahead.
  const knowledge = ctx.knowledge.get(article.id);
  const candidates: Array<{ name: string; score: number }> = [];
  const people = (knowledge?.entities ?? []).filter((e) => e.kind === 'person');
  if (people.length) {
    for (const e of people) {
      const near = e.paragraphs.some((n) => n < p && n >= p - 3) || (e.paragraphs.includes(p) && e.variants.some((v) => before.includes(v)));
      if (near) candidates.push({ name: globalName(ctx, e.canonical), score: e.mentions });
    }
  } else {
    // Without entity knowledge: full names near by, scored by how often the article uses their surname.
    const earlier = article.paragraphs.slice(0, p - 1).map((x) => x.text);
    const window = [...earlier, before].join(' ');
    const recent = [...earlier.slice(-3), before].join(' ');
    const all = article.paragraphs.map((x) => x.text).join(' ');
    for (const raw of nlp(window).people().out('array') as string[]) {
      const name = raw.replace(/[^\p{L}\s'-]/gu, '').replace(/'s$/, '').replace(/^(?:(?:Assistant|Special|Envoy|Minister|Foreign|Secretary|President|Prime|Mr|Mrs|Ms|Dr)\s+)+/, '').trim();
      const surname = name.split(/\s+/).pop() ?? '';
      if (name.split(/\s+/).length < 2 || surname.length < 3 || candidates.some((c) => c.name.endsWith(surname))) continue;
      if (!recent.includes(surname)) continue;
      candidates.push({ name, score: all.split(surname).length - 1 });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  if (!candidates.length || (candidates[1] && candidates[0].score < 2 * candidates[1].score)) return null;
  return candidates[0].name;
}

/** The corpus-wide name of an article-level entity name. */
function globalName(ctx: AnswerContext, name: string): string {
  return ctx.entities.find((e) => e.canonical === name || e.variants.includes(name))?.canonical ?? name;
}

/** Candidate key points of the articles in scope. */
function unitsOf(ctx: AnswerContext, articles: Article[], folds: NameFolds): Unit[] {
  const units: Unit[] = [];
  for (const article of articles) {
    for (const para of article.paragraphs) {
      const text = para.text;
      if (!/[.!?"”’)]$/.test(text.trim())) continue; // headlines, section labels
      if (/\((?:photo|image|picture)\b/i.test(text)) continue; // captions
      let lead = 0;
      if (para.n <= 2) {
        for (const re of DATELINE_PREFIX) {
          const m = re.exec(text);
          if (m && m[0].length < text.length - MIN_SENTENCE) lead = m[0].length;
        }
      }
      const spans = sentencesOf(text.slice(lead)).map((sp) => ({ start: sp.start + lead, end: sp.end + lead }));
      for (let i = 0; i < spans.length; i++) {
        let start = spans[i].start;
        const end = spans[i].end;
        let body = text.slice(start, end);
        if (NOT_A_STATEMENT.test(body)) continue;
        let first = i;
        let resolved = false;
        let display = body;
        if (DEPENDENT_OPENING.test(body)) {
          const pronoun = PRONOUN_OPENING.exec(body);
          const name = pronoun ? resolvePronoun(ctx, article, para.n, text.slice(0, start)) : null;
          if (pronoun && name) {
            display = pronoun[1] ? `[${name}]${body.slice(pronoun[1].length)}` : `${pronoun[2]} [${name}]${body.slice(pronoun[0].length)}`;
            resolved = true;
          } else if (i > 0 && !DEPENDENT_OPENING.test(text.slice(spans[i - 1].start, spans[i - 1].end))) {
            first = i - 1;
            start = spans[i - 1].start;
            body = text.slice(start, end);
            display = body;
          } else continue;
        }
        if (display.length < MIN_SENTENCE || display.length > MAX_SENTENCE) continue;
        const q = quoteShare(body);
        if (!q.balanced) continue;
        units.push({ article, paragraph: para.n, text: display, plain: body, sentence: first, quoteShare: q.share, resolved, terms: factTerms(body, folds) });
      }
    }
  }
  return units;
}

// ───────────────────────────── topic ─────────────────────────────

interface Topic {
  query: string;
  /** Groups of processed terms: each group is one word of the query (with the aliases of a matched name). */
  groups: Array<{ terms: Set<string>; weight: number }>;
  /** All processed terms, for marking. */
  all: Set<string>;
  /** Entities the query names. */
  entities: Entity[];
}

function termsOfText(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    for (const w of [t.word, ...t.word.split('-')]) {
      const p = processTerm(w);
      if (p) out.add(p);
    }
  }
  return out;
}

function topicOf(ctx: AnswerContext, query: string): Topic | null {
  const terms = queryTerms(query);
  if (!terms.length) return null;
  // Names the topic mentions: every run of up to five of its words, looked up among the entities' name forms.
  const words = query.toLowerCase().split(/[^\p{L}\p{N}'’.-]+/u).filter(Boolean);
  const runs = new Set<string>();
  for (let i = 0; i < words.length; i++) for (let n = 1; n <= 5 && i + n <= words.length; n++) runs.add(words.slice(i, i + n).join(' '));
  const entities = ctx.entities.filter((e) => [e.canonical, ...e.variants].some((v) => v.length >= 3 && runs.has(v.toLowerCase().replace(/\s+/g, ' '))));
  const aliases = new Map<string, Set<string>>();
  for (const e of entities) {
    const forms = new Set<string>();
    for (const v of [e.canonical, ...e.variants]) for (const t of termsOfText(v)) forms.add(t);
    for (const t of forms) {
      if (!aliases.has(t)) aliases.set(t, new Set());
      for (const f of forms) aliases.get(t)!.add(f);
    }
  }
  const groups = terms.map((t) => ({ terms: new Set([t, ...(aliases.get(t) ?? [])]), weight: 1 }));
  const all = new Set(groups.flatMap((g) => [...g.terms]));
  return { query, groups, all, entities };
}

/** Share (0–1) of the topic's words a text covers, each word weighted by its rarity in the units. */
function coverage(topic: Topic, terms: Set<string>): number {
  let total = 0;
  let got = 0;
  for (const g of topic.groups) {
    total += g.weight;
    if ([...g.terms].some((t) => terms.has(t))) got += g.weight;
  }
  return total ? got / total : 0;
}

// ───────────────────────────── the briefing ─────────────────────────────

interface Chosen {
  unit: Unit;
  also: Unit[];
}

/** Answers `brief`: see the module comment. */
/** Articles a briefing reads at most, and candidate sentences it compares (see answerBrief). */
const MAX_BRIEF_ARTICLES = 20;
const MAX_CANDIDATES = 150;

export function answerBrief(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  const base = { command: 'brief' as const, query };
  if (!ctx.corpus.articles.length) {
    return { ...base, answer: '', items: [], notice: 'The corpus is empty: add articles first (/add in Discord, `add` in the console, or files in the corpus folder).' };
  }
  const window = windowOf(options);
  const windowed = Boolean(window.from || window.to);
  const only = options.onlyArticles;
  const scope = ctx.corpus.articles.filter((a) => (!only || only.has(a.id)) && inWindow(a.published, window));
  const leftOutUndated = windowed ? ctx.corpus.articles.filter((a) => !dayRange(a.published)) : [];
  const windowText = windowed ? describeWindow(options) : '';
  if (!scope.length) {
    return {
      ...base,
      answer: '',
      items: [],
      notice:
        `No article in the corpus is dated ${windowText}.` +
        (leftOutUndated.length ? ` (${leftOutUndated.length} undated article${leftOutUndated.length === 1 ? ' was' : 's were'} left out.)` : ''),
    };
  }

  const topic = query.trim() ? topicOf(ctx, query) : null;
  if (query.trim() && !topic) {
    return { ...base, answer: '', items: [], notice: 'That topic has only common words; add a name, place or subject to brief on.' };
  }

  // A briefing reads a bounded set of articles, so that it stays quick on a large corpus (the scoring below
  // compares every candidate sentence with every other): with a topic, the articles whose passages match it best;
  // without one, the most recent articles.
  const hits = topic ? ctx.passages.search(topic.query, { articles: new Set(scope.map((a) => a.id)), limit: 500 }) : [];
  let focus = scope;
  let narrowed = '';
  if (topic && scope.length > MAX_BRIEF_ARTICLES) {
    const best = [...new Set(hits.map((h) => h.article))].slice(0, MAX_BRIEF_ARTICLES);
    const keep = new Set(best);
    focus = scope.filter((a) => keep.has(a.id));
    if (new Set(hits.map((h) => h.article)).size > best.length) narrowed = ` Read from the ${best.length} articles that match it best.`;
  } else if (scope.length > MAX_BRIEF_ARTICLES) {
    focus = [...scope].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '')).slice(0, MAX_BRIEF_ARTICLES);
    narrowed = ` Read from the ${MAX_BRIEF_ARTICLES} most recent articles; give a topic or dates to brief on others.`;
  }

  // Candidate sentences, their relevance to the topic and their similarity to each other.
  const focusIds = new Set(focus.map((a) => a.id));
  const folds = new NameFolds(ctx.entities.filter((e) => e.kind === 'person' && e.articles.some((id) => focusIds.has(id))).map((e) => [e.canonical, ...e.variants]));
  let units = unitsOf(ctx, focus, folds);
  const space = new FactSpace(units.map((u) => u.terms), folds);
  const relevance = new Map<Unit, number>();
  if (topic) {
    const hitCoverage = new Map(hits.map((h) => [`${h.article}#${h.paragraph}`, h.coverage]));
    for (const u of units) {
      const own = coverage(topic, termsOfText(u.text));
      const para = hitCoverage.get(`${u.article.id}#${u.paragraph}`) ?? 0;
      const r = own > 0 ? own : para > 0 && hits.length ? 0.15 * para : 0;
      if (r > 0) relevance.set(u, r);
    }
    units = units.filter((u) => relevance.has(u));
    if (!units.length) {
      const suggestions = ctx.passages.suggest(topic.query, 5);
      return {
        ...base,
        answer: '',
        items: [],
        notice:
          `Nothing on "${query}" in the corpus${windowed ? ` ${windowText}` : ''}.` + (suggestions.length ? ` Close terms: ${suggestions.join(', ')}.` : ''),
        suggestions,
      };
    }
  }

  if (units.length > MAX_CANDIDATES) {
    const rank = (u: Unit) => (relevance.get(u) ?? 0) + 1 / (1 + u.paragraph);
    const kept = new Set([...units].sort((a, b) => rank(b) - rank(a)).slice(0, MAX_CANDIDATES));
    units = units.filter((u) => kept.has(u));
  }
  const vectors = units.map((u) => space.vector(u.terms));
  const sim = (i: number, j: number) => cosine(vectors[i], vectors[j]);
  const central = centrality(units.map((_, i) => units.map((__, j) => (i === j ? 1 : sim(i, j)))));
  const same = (i: number, j: number) => units[i].article !== units[j].article && space.sameFact(units[i].terms, units[j].terms, vectors[i], vectors[j]);
  const support = units.map((u, i) => new Set(units.filter((v, j) => same(i, j)).map((v) => v.article.id)).size);
  const outlets = new Set(units.map((u) => u.article.id)).size;
  const scores = units.map((u, i) => {
    const position = 1 / (1 + 0.25 * (u.paragraph - 1) + 0.1 * u.sentence);
    const corroborated = outlets > 1 ? Math.min(support[i], 2) / Math.min(outlets - 1, 2) : 0;
    let s = 0.4 * central[i] + 0.25 * position + 0.35 * corroborated;
    if (topic) s *= Math.pow(relevance.get(u) ?? 0, 1.5);
    if (u.quoteShare > 0.5) s *= 0.8;
    if (u.resolved) s *= 0.9;
    return s;
  });
  const target = options.limit
    ? Math.max(1, Math.min(options.limit, KEY_POINTS.max))
    : Math.max(KEY_POINTS.min, Math.min(KEY_POINTS.max, Math.round(units.length / 8)));
  const picked = mmrSelect(scores, (i, j) => (same(i, j) ? 1 : sim(i, j)), { limit: target, lambda: 0.7, redundancy: 0.3 });
  const chosen: Chosen[] = picked.map((i) => {
    const also = new Map<string, Unit>();
    units.forEach((v, j) => {
      if (j !== i && same(i, j) && !also.has(v.article.id)) also.set(v.article.id, v);
    });
    return { unit: units[i], also: [...also.values()] };
  });

  const keyPoints: AnswerItem[] = chosen.map(({ unit, also }) => {
    const item: AnswerItem = { text: unit.text, citation: citationFor(unit.article, unit.paragraph) };
    if (also.length) item.alsoCitedBy = also.map((v) => citationFor(v.article, v.paragraph));
    if (topic) {
      const marks = markTerms(unit.text, topic.all);
      if (marks.length) item.marks = marks;
    }
    return item;
  });

  const relevantParagraphs = new Set(units.map((u) => `${u.article.id}#${u.paragraph}`));
  const scopeIds = focusIds;
  const people = peopleOf(ctx, topic, scopeIds, relevantParagraphs, chosen);
  const quotes = quotesOf(ctx, space, topic, scopeIds, relevantParagraphs, vectorsCentroid(chosen.map((c) => units.indexOf(c.unit)), vectors), people);
  const timeline = timelineOf(ctx, space, topic, focus, window, relevantParagraphs);
  const gaps = gapsOf(ctx, space, { topic, scope: focus, units, chosen, people, quotes, timeline, leftOutUndated, windowText });

  const sections: AnswerSection[] = [{ title: SECTION.keyPoints, items: keyPoints }];
  if (people.items.length) sections.push({ title: SECTION.people, items: people.items });
  if (quotes.items.length) sections.push({ title: SECTION.quotes, items: quotes.items });
  if (timeline.items.length || timeline.notes.length) sections.push({ title: SECTION.timeline, items: timeline.items, ...(timeline.notes.length ? { notes: timeline.notes } : {}) });
  if (gaps.length) sections.push({ title: SECTION.gaps, items: [], notes: gaps });

  const cited = new Set(sections.flatMap((s) => s.items.flatMap((i) => [i.citation.article, ...(i.alsoCitedBy ?? []).map((c) => c.article)])));
  const about = topic ? `on "${query}"` : windowed ? `of the corpus ${windowText}` : 'of the whole corpus';
  return {
    ...base,
    answer: `Briefing ${about}: ${plural(keyPoints.length, 'key point')} from ${plural(cited.size, 'article')}${topic && windowed ? ` ${windowText}` : ''}.`,
    items: keyPoints,
    sections,
    ...(narrowed ? { notice: narrowed.trim() } : {}),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeWindow(options: AnswerOptions): string {
  if (options.since && options.until) return `between ${describeDate(options.since)} and ${describeDate(options.until)}`;
  if (options.since) return `since ${describeDate(options.since)}`;
  return `until ${describeDate(options.until)}`;
}

function vectorsCentroid(indices: number[], vectors: TermVector[]): TermVector {
  const c: TermVector = new Map();
  for (const i of indices) for (const [t, w] of vectors[i] ?? []) c.set(t, (c.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of c.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of c) c.set(t, w / norm);
  return c;
}

// ───────────────────────────── people ─────────────────────────────

interface People {
  items: AnswerItem[];
  names: string[];
}

/** The sentence of a paragraph that contains `needle` (or the paragraph's first sentence). */
function sentenceWith(text: string, needle: string): string {
  const at = needle ? text.indexOf(needle) : -1;
  const spans = sentencesOf(text);
  const s = spans.find((sp) => at >= sp.start && at < sp.end) ?? spans[0];
  const out = s ? text.slice(s.start, s.end) : text;
  return out.length > 300 ? trimAround(out, needle) : out;
}

function trimAround(text: string, needle: string, max = 300): string {
  const at = Math.max(0, text.indexOf(needle));
  let from = Math.max(0, at - 100);
  if (from > 0) from = text.indexOf(' ', from) + 1;
  let to = Math.min(text.length, from + max);
  if (to < text.length) to = text.lastIndexOf(' ', to);
  return (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
}

function peopleOf(ctx: AnswerContext, topic: Topic | null, scope: Set<string>, relevant: Set<string>, chosen: Chosen[]): People {
  const rows: Array<{ entity: Entity; score: number }> = [];
  const chosenText = chosen.map((c) => c.unit.text).join(' ');
  for (const e of ctx.entities) {
    if (e.kind !== 'person' || !e.articles.some((a) => scope.has(a))) continue;
    let score = 0;
    for (const id of e.articles) {
      if (!scope.has(id)) continue;
      const ae = ctx.knowledge.get(id)?.entities.find((x) => x.canonical === e.canonical || e.variants.includes(x.canonical));
      if (!ae) continue;
      score += topic ? ae.paragraphs.filter((p) => relevant.has(`${id}#${p}`)).length : ae.mentions;
    }
    score += 1.5 * ctx.quotes.filter((q) => q.speaker === e.canonical && scope.has(q.article)).length;
    if ([e.canonical, ...e.variants].some((v) => v.length >= 3 && chosenText.includes(v))) score += 2;
    if (topic?.entities.includes(e)) score += 100;
    if (score > 0) rows.push({ entity: e, score });
  }
  rows.sort((a, b) => b.score - a.score || b.entity.mentions - a.entity.mentions || a.entity.canonical.localeCompare(b.entity.canonical));
  const items: AnswerItem[] = [];
  for (const { entity } of rows.slice(0, PEOPLE.max)) {
    const role = bestRole(entity, scope);
    const articleId = role?.article ?? entity.articles.find((a) => scope.has(a))!;
    const article = ctx.articles.get(articleId);
    if (!article) continue;
    let paragraph = role?.paragraph;
    if (!paragraph) {
      const ae = ctx.knowledge.get(articleId)?.entities.find((x) => x.canonical === entity.canonical || entity.variants.includes(x.canonical));
      paragraph = ae?.paragraphs[0] ?? 1;
    }
    const ptext = article.paragraphs[paragraph - 1]?.text ?? '';
    const needle = role?.text ?? [entity.canonical, ...entity.variants].find((v) => ptext.includes(v)) ?? '';
    const item: AnswerItem = { text: sentenceWith(ptext, needle), speaker: entity.canonical, citation: citationFor(article, paragraph) };
    if (role) item.role = role.text;
    items.push(item);
  }
  return { items, names: items.map((i) => i.speaker!) };
}

/** The role a person is most often given (in scope first), the earliest mention of it. */
function bestRole(entity: Entity, scope: Set<string>): Entity['roles'][number] | null {
  const roles = entity.roles.filter((r) => scope.has(r.article));
  const pool = roles.length ? roles : entity.roles;
  if (!pool.length) return null;
  const counts = new Map<string, number>();
  for (const r of pool) counts.set(r.text.toLowerCase(), (counts.get(r.text.toLowerCase()) ?? 0) + 1);
  return [...pool].sort((a, b) => counts.get(b.text.toLowerCase())! - counts.get(a.text.toLowerCase())! || b.text.length - a.text.length)[0];
}

// ───────────────────────────── quotes ─────────────────────────────

function quotesOf(ctx: AnswerContext, space: FactSpace, topic: Topic | null, scope: Set<string>, relevant: Set<string>, centroid: TermVector, people: People): { items: AnswerItem[] } {
  const candidates = ctx.quotes.filter(
    (q) => scope.has(q.article) && q.speaker && q.speakerKind !== 'unknown' && q.text.length >= 30 && q.text.length <= 400 && (!topic || relevant.has(`${q.article}#${q.paragraph}`) || coverage(topic, termsOfText(q.text)) > 0),
  );
  if (!candidates.length) return { items: [] };
  const vecs = candidates.map((q) => space.vector(space.terms(q.text)));
  const scores = candidates.map((q, i) => {
    let s = 0.5 * cosine(vecs[i], centroid) + (q.partial ? 0 : 0.2) + (people.names.includes(q.speaker!) ? 0.2 : 0) + (q.speakerKind === 'person' ? 0.1 : 0);
    if (topic) s *= 0.5 + coverage(topic, termsOfText(q.text));
    return s;
  });
  const same = (i: number, j: number) => similarity(candidates[i].text, candidates[j].text) >= 0.5;
  const picked = mmrSelect(scores, (i, j) => (same(i, j) ? 1 : cosine(vecs[i], vecs[j])), { limit: QUOTES.max, lambda: 0.75, redundancy: 0.35 });
  const items = picked.map((i) => {
    const q = candidates[i];
    const article = ctx.articles.get(q.article)!;
    const item: AnswerItem = { text: q.text, speaker: q.speaker!, citation: citationFor(article, q.paragraph) };
    const role = q.entityId ? ctx.entities.find((e) => e.id === q.entityId) : ctx.entities.find((e) => e.canonical === q.speaker);
    const r = role ? bestRole(role, scope) : null;
    if (r) item.role = r.text;
    if (q.partial) item.partial = true;
    const also = candidates.filter((o, j) => j !== i && o.article !== q.article && same(i, j));
    if (also.length) item.alsoCitedBy = dedupeCitations(also.map((o) => citationFor(ctx.articles.get(o.article)!, o.paragraph)));
    return item;
  });
  return { items };
}

function dedupeCitations(cs: Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => !seen.has(c.article) && seen.add(c.article));
}

// ───────────────────────────── timeline ─────────────────────────────

interface Timeline {
  items: AnswerItem[];
  notes: string[];
  /** Every relevant mention, resolved or not, for the conflict check. */
  mentions: DateMention[];
}

function timelineOf(ctx: AnswerContext, space: FactSpace, topic: Topic | null, scope: Article[], window: Window, relevant: Set<string>): Timeline {
  const ids = new Set(scope.map((a) => a.id));
  const onTopic = (d: DateMention) => !topic || relevant.has(`${d.article}#${d.paragraph}`) || coverage(topic, termsOfText(d.sentence)) > 0;
  const mentions = ctx.dates.filter((d) => ids.has(d.article) && onTopic(d));
  // Approximate dates ("the past three decades", "recent months") would be guesses on a timeline.
  const dated = mentions.filter((d) => d.value && !d.approximate && dayRange(d.value) && inWindow(d.value, window));
  dated.sort((a, b) => dayRange(a.value)![0].localeCompare(dayRange(b.value)![0]) || dayRange(b.value)![1].localeCompare(dayRange(a.value)![1]) || a.article.localeCompare(b.article) || a.start - b.start);
  // One line per event: the same date with the same sentence (one article), or a near-identical sentence (several).
  const groups: Array<{ first: DateMention; also: DateMention[] }> = [];
  for (const d of dated) {
    const home = groups.find(
      (g) => g.first.value === d.value && (g.first.article === d.article ? g.first.sentence === d.sentence || g.first.paragraph === d.paragraph : sameDatedEvent(space, g.first, d)),
    );
    if (home) {
      if (home.first.article !== d.article && !home.also.some((x) => x.article === d.article)) home.also.push(d);
    } else groups.push({ first: d, also: [] });
  }
  // Too many: keep the most precise and most reported, still in date order.
  const rank = (g: { first: DateMention; also: DateMention[] }) => ({ day: 3, week: 2, month: 2, year: 0 })[g.first.precision ?? 'year'] + g.also.length;
  const kept = new Set([...groups].sort((a, b) => rank(b) - rank(a)).slice(0, TIMELINE_MAX));
  const items: AnswerItem[] = groups.filter((g) => kept.has(g)).map(({ first, also }) => {
    const article = ctx.articles.get(first.article)!;
    const item: AnswerItem = { text: trimAround(first.sentence, first.text, 260), date: first.value!, citation: citationFor(article, first.paragraph) };
    if (also.length) item.alsoCitedBy = also.map((d) => citationFor(ctx.articles.get(d.article)!, d.paragraph));
    return item;
  });
  const notes: string[] = [];
  if (groups.length > TIMELINE_MAX) notes.push(`${groups.length - TIMELINE_MAX} less precise dated mention${groups.length - TIMELINE_MAX === 1 ? ' is' : 's are'} left out.`);
  // Undated articles are flagged, never guessed.
  const relevantArticles = new Set([...relevant].map((k) => k.split('#')[0]));
  for (const a of scope) {
    if (topic && !relevantArticles.has(a.id)) continue;
    const label = articleLabel(a);
    const unresolved = mentions.filter((d) => d.article === a.id && !d.value).map((d) => `"${d.text}"`);
    const uniq = [...new Set(unresolved)].slice(0, 3);
    if (!a.published) {
      notes.push(`Undated: ${label} has no publication date, so its relative dates${uniq.length ? ` (${uniq.join(', ')})` : ''} are not placed on the timeline.`);
    } else if (a.published.startsWith('--')) {
      notes.push(`Year unknown: ${label} gives ${describeDate(a.published)}${uniq.length ? `; ${uniq.join(', ')} are not placed on the timeline` : ''}.`);
    }
  }
  return { items, notes, mentions };
}

/** The terms of the sentence a date belongs to, without the date expression itself. */
function eventTerms(space: FactSpace, d: DateMention): FactTerms {
  return space.terms(d.sentence.replace(d.text, ' '));
}

/** Two mentions of the same date that tell of one event: near-identical sentences, or two shared rare words. */
function sameDatedEvent(space: FactSpace, a: DateMention, b: DateMention): boolean {
  const ta = eventTerms(space, a);
  const tb = eventTerms(space, b);
  return similarity(a.sentence, b.sentence) >= 0.3 || space.sharedAnchors(ta, tb, false) >= 2 || cosine(space.vector(ta), space.vector(tb)) >= 0.25;
}

/** How an article is named in notes: its source and id, or its id and opening words. */
export function articleLabel(a: Article): string {
  const head = a.title ?? a.paragraphs[0]?.text ?? '';
  const short = head.length > 60 ? `${head.slice(0, head.lastIndexOf(' ', 57))}…` : head;
  return `${a.source ?? 'source unknown'} (${a.id.split('_')[0]}${short ? `, "${short}"` : ''})`;
}

// ───────────────────────────── gaps ─────────────────────────────

interface GapInput {
  topic: Topic | null;
  scope: Article[];
  units: Unit[];
  chosen: Chosen[];
  people: People;
  quotes: { items: AnswerItem[] };
  timeline: Timeline;
  leftOutUndated: Article[];
  windowText: string;
}

/** What the corpus does not say on the topic, and where outlets disagree. Every line is a fact about the corpus. */
function gapsOf(ctx: AnswerContext, space: FactSpace, g: GapInput): string[] {
  const notes: string[] = [];
  // Where outlets disagree: the same event given dates that cannot both be right.
  notes.push(...dateConflicts(ctx, space, g.timeline.mentions));
  // Words of the topic nothing mentions.
  if (g.topic && g.topic.groups.length > 1) {
    const all = new Set<string>();
    for (const a of g.scope) for (const p of a.paragraphs) for (const t of termsOfText(p.text)) all.add(t);
    const words = g.topic.query.split(/\s+/).filter((w) => {
      const t = processTerm(w.replace(/[^\p{L}\p{N}'-]/gu, ''));
      return t && !all.has(t);
    });
    if (words.length) notes.push(`Nothing in the corpus mentions ${words.map((w) => `"${w}"`).join(', ')}.`);
  }
  const outlets = new Set(g.units.map((u) => u.article.id));
  if (outlets.size === 1) {
    const a = g.units[0].article;
    notes.push(`Only one article covers this: ${articleLabel(a)}; no other outlet corroborates it.`);
  }
  if (!g.people.items.length) notes.push(ctx.entities.length ? 'No named person is linked to this in the articles.' : 'People are not identified yet (no entity data).');
  if (!g.quotes.items.length) notes.push(ctx.quotes.length ? 'No one is quoted by name on this.' : 'Quotations are not identified yet (no quote data).');
  const inScope = new Set(g.scope.map((a) => a.id));
  const unattributed = ctx.quotes.filter((q) => inScope.has(q.article) && (!q.speaker || q.speakerKind === 'unknown') && (!g.topic || g.units.some((u) => u.article.id === q.article && u.paragraph === q.paragraph)));
  if (unattributed.length) notes.push(`${plural(unattributed.length, 'quotation')} on this ${unattributed.length === 1 ? 'has' : 'have'} no named speaker.`);
  const anon = ctx.quotes.filter((q) => inScope.has(q.article) && q.speakerKind === 'unnamed' && (!g.topic || g.units.some((u) => u.article.id === q.article && u.paragraph === q.paragraph)));
  if (anon.length) notes.push(`${plural(anon.length, 'quotation')} come${anon.length === 1 ? 's' : ''} from unnamed officials (${[...new Set(anon.map((q) => q.speaker))].slice(0, 2).join('; ')}).`);
  if (!g.timeline.items.length) notes.push(ctx.dates.length ? 'The articles give no date for these events.' : 'Dates are not identified yet (no date data).');
  if (g.leftOutUndated.length) {
    notes.push(`${plural(g.leftOutUndated.length, 'undated article')} left out of the window ${g.windowText}: ${g.leftOutUndated.map((a) => a.id.split('_')[0]).join(', ')}.`);
  }
  return notes;
}

/** The date expression without its little words: "on Monday" → "monday", "last August" → "august". */
function dateWords(text: string): string {
  return text.toLowerCase().replace(/\b(?:on|in|last|this|next|the|of|early|late|mid)\b/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The same event dated differently by two outlets: two mentions whose dates cannot both be right and
 * whose sentences tell of one event — directly, through an undated article's sentence that matches
 * both, or by the same words ("in August") resolved to different years.
 */
function dateConflicts(ctx: AnswerContext, space: FactSpace, mentions: DateMention[]): string[] {
  const out: string[] = [];
  const dated = mentions.filter((d) => d.value && !d.approximate && dayRange(d.value));
  const bridges = mentions.filter((d) => !d.value);
  const terms = new Map<DateMention, FactTerms>(mentions.map((d) => [d, eventTerms(space, d)]));
  const sameEvent = (a: DateMention, b: DateMention) => space.sameEvent(terms.get(a)!, terms.get(b)!);
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const a = dated[i];
      const b = dated[j];
      if (a.article === b.article || compatibleDates(a.value!, b.value!)) continue;
      const related =
        sameEvent(a, b) ||
        bridges.some((c) => c.article !== a.article && c.article !== b.article && sameEvent(a, c) && sameEvent(c, b)) ||
        (dateWords(a.text) === dateWords(b.text) && space.sharedAnchors(terms.get(a)!, terms.get(b)!, true, 0.2) >= 1);
      if (!related) continue;
      const [x, y] = dayRange(a.value)![0] <= dayRange(b.value)![0] ? [a, b] : [b, a];
      const ax = ctx.articles.get(x.article)!;
      const ay = ctx.articles.get(y.article)!;
      out.push(
        `Outlets disagree on a date: ${articleLabel(ax)} puts "${clip(x.sentence, 90)}" in ${describeDate(x.value)}, ` +
          `while ${articleLabel(ay)} puts "${clip(y.sentence, 90)}" in ${describeDate(y.value)}.`,
      );
      if (out.length >= 3) return out;
    }
  }
  return out;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, s.lastIndexOf(' ', n - 1))}…`;
}

export type { Quote };
