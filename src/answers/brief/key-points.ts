/**
 * Key points: sentences chosen from the articles (the most central, best corroborated and least redundant
 * first), never written. The same fact reported by several outlets appears once with every citation. A sentence
 * whose meaning hangs on its neighbour is joined to it, shows the person its opening pronoun refers to in brackets
 * ("[Thomas West] stressed…"), or is left out. Sentences, captions and pronoun referents come from extraction
 * (`ArticleKnowledge.statements`); nothing here splits or parses text.
 */
import type { Article } from '../../corpus/types.ts';
import type { Statement } from '../../knowledge/types.ts';
import { citationFor } from '../common.ts';
import type { AnswerContext } from '../context.ts';
import { markTerms } from '../excerpt.ts';
import { centrality, cosine, FactSpace, factTerms, mmrSelect, type FactTerms, type NameFolds, type TermVector } from '../summarize.ts';
import type { AnswerItem, AnswerOptions } from '../types.ts';
import { coverage, termsOfText, type Topic } from './topic.ts';

export const KEY_POINTS = { min: 3, max: 7 } as const;

/** Shortest and longest key point (characters). */
const MIN_SENTENCE = 40;
const MAX_SENTENCE = 420;
/** Candidate sentences a briefing compares at most (each is compared with every other). */
const MAX_CANDIDATES = 150;

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
export interface Unit {
  article: Article;
  paragraph: number;
  /** [start, end) of the unit in the paragraph's text. */
  start: number;
  end: number;
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

/** The corpus-wide name of an article-level entity name. */
function globalName(ctx: AnswerContext, name: string): string {
  return ctx.entities.find((e) => e.canonical === name || e.variants.includes(name))?.canonical ?? name;
}

/** Candidate key points of the articles in scope. */
export function unitsOf(ctx: AnswerContext, articles: Article[], folds: NameFolds): Unit[] {
  const units: Unit[] = [];
  for (const article of articles) {
    const byParagraph = new Map<number, Statement[]>();
    for (const s of ctx.knowledge.get(article.id)?.statements ?? []) {
      const list = byParagraph.get(s.paragraph) ?? [];
      list.push(s);
      byParagraph.set(s.paragraph, list);
    }
    for (const [n, list] of byParagraph) {
      const text = article.paragraphs[n - 1]?.text;
      if (!text) continue;
      list.forEach((s, i) => {
        if (s.caption) return;
        let start = s.start;
        let first = i;
        let resolved = false;
        let display = text.slice(s.start, s.end);
        if (s.opens) {
          const prev = list[i - 1];
          if (s.opens === 'pronoun' && s.referent && s.pronoun) {
            display = `${text.slice(s.start, s.pronoun[0])}[${globalName(ctx, s.referent)}]${text.slice(s.pronoun[1], s.end)}`;
            resolved = true;
          } else if (prev && !prev.opens && !prev.caption && prev.end <= s.start) {
            first = i - 1;
            start = prev.start;
            display = text.slice(start, s.end);
          } else return;
        }
        const body = text.slice(start, s.end);
        if (display.length < MIN_SENTENCE || display.length > MAX_SENTENCE) return;
        const q = quoteShare(body);
        if (!q.balanced) return;
        units.push({ article, paragraph: n, start, end: s.end, text: display, plain: body, sentence: first, quoteShare: q.share, resolved, terms: factTerms(body, folds) });
      });
    }
  }
  return units;
}

export interface Chosen {
  unit: Unit;
  also: Unit[];
}

export interface KeyPoints {
  items: AnswerItem[];
  chosen: Chosen[];
  /** The candidates compared (on topic), their vectors. */
  units: Unit[];
  vectors: TermVector[];
}

/** Picks the key points among the candidates: central, early, corroborated by other outlets, on topic, not redundant. */
export function keyPointsOf(units: Unit[], space: FactSpace, topic: Topic | null, relevance: Map<Unit, number>, options: AnswerOptions): KeyPoints {
  if (units.length > MAX_CANDIDATES) {
    const rank = (u: Unit) => (relevance.get(u) ?? 0) + 1 / (1 + u.paragraph);
    const kept = new Set([...units].sort((a, b) => rank(b) - rank(a)).slice(0, MAX_CANDIDATES));
    units = units.filter((u) => kept.has(u));
  }
  const vectors = units.map((u) => space.vector(u.terms));
  const sim = (i: number, j: number) => cosine(vectors[i], vectors[j]);
  const central = centrality(units.map((_, i) => units.map((__, j) => (i === j ? 1 : sim(i, j)))));
  const same = (i: number, j: number) => units[i].article !== units[j].article && space.sameFact(units[i].terms, units[j].terms, vectors[i], vectors[j]);
  const support = units.map((_, i) => new Set(units.filter((_, j) => same(i, j)).map((v) => v.article.id)).size);
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
  const items: AnswerItem[] = chosen.map(({ unit, also }) => {
    const item: AnswerItem = { text: unit.text, citation: citationFor(unit.article, unit.paragraph) };
    if (also.length) item.alsoCitedBy = also.map((v) => citationFor(v.article, v.paragraph));
    if (topic) {
      const marks = markTerms(unit.text, topic.all);
      if (marks.length) item.marks = marks;
    }
    return item;
  });
  return { items, chosen, units, vectors };
}

/** Relevance (0–1) of each candidate to the topic: its own words, or a little for a paragraph the search matched. */
export function relevanceOf(units: Unit[], topic: Topic, hits: Array<{ article: string; paragraph: number; coverage: number }>): Map<Unit, number> {
  const relevance = new Map<Unit, number>();
  const hitCoverage = new Map(hits.map((h) => [`${h.article}#${h.paragraph}`, h.coverage]));
  for (const u of units) {
    const own = coverage(topic, termsOfText(u.text));
    const para = hitCoverage.get(`${u.article.id}#${u.paragraph}`) ?? 0;
    const r = own > 0 ? own : para > 0 && hits.length ? 0.15 * para : 0;
    if (r > 0) relevance.set(u, r);
  }
  return relevance;
}
