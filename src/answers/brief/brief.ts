/**
 * `brief [topic] [--since DATE] [--until DATE]`: a stand-up briefing on a topic (or on the whole corpus), in
 * sections — key points, people, quotes, timeline, gaps — every line cited, each section one file of this folder.
 * Everything is extractive and selected from what extraction found; no sentence appears twice (a repeated one
 * becomes a pointer to the line that shows it).
 */
import type { Article } from '../../corpus/types.ts';
import type { AnswerContext } from '../context.ts';
import { FactSpace, NameFolds, type TermVector } from '../summarize.ts';
import type { Answer, AnswerOptions, AnswerSection, SectionKind } from '../types.ts';
import { gapsOf, plural } from './gaps.ts';
import { keyPointsOf, relevanceOf, unitsOf, type Unit } from './key-points.ts';
import { peopleOf } from './people.ts';
import { quotesOf } from './quotes.ts';
import { ShownSentences } from './shown.ts';
import { timelineOf } from './timeline.ts';
import { topicOf } from './topic.ts';
import { dayRange, describeWindow, inWindow, windowOf } from './window.ts';

export { KEY_POINTS } from './key-points.ts';
export { PEOPLE } from './people.ts';
export { QUOTES } from './quotes.ts';
export { TIMELINE_MAX, articleLabel } from './timeline.ts';
export { dayRange } from './window.ts';

/** The sections in their order, with their headings. */
export const SECTION = {
  keyPoints: 'Key points',
  people: 'People',
  quotes: 'Quotes',
  timeline: 'Timeline',
  gaps: 'Gaps',
} as const satisfies Record<SectionKind, string>;

/** Articles a briefing reads at most: the scoring compares every candidate sentence with every other. */
const MAX_BRIEF_ARTICLES = 20;

/** Answers `brief`: see the module comment. */
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

  // A bounded set of articles: with a topic, those whose passages match it best; without one, the most recent.
  const hits = topic ? ctx.passages.search(topic.query, { articles: new Set(scope.map((a) => a.id)), limit: 500 }) : [];
  let focus: Article[] = scope;
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

  // Candidate sentences and their relevance to the topic.
  const focusIds = new Set(focus.map((a) => a.id));
  const folds = new NameFolds(ctx.entities.filter((e) => e.kind === 'person' && e.articles.some((id) => focusIds.has(id))).map((e) => [e.canonical, ...e.variants]));
  let units: Unit[] = unitsOf(ctx, focus, folds);
  const space = new FactSpace(units.map((u) => u.terms), folds);
  let relevance = new Map<Unit, number>();
  if (topic) {
    relevance = relevanceOf(units, topic, hits);
    units = units.filter((u) => relevance.has(u));
    if (!units.length) {
      const suggestions = ctx.passages.suggest(topic.query, 5);
      return {
        ...base,
        answer: '',
        items: [],
        notice: `Nothing on "${query}" in the corpus${windowed ? ` ${windowText}` : ''}.` + (suggestions.length ? ` Close terms: ${suggestions.join(', ')}.` : ''),
        suggestions,
      };
    }
  }

  const key = keyPointsOf(units, space, topic, relevance, options);
  const relevantParagraphs = new Set(units.map((u) => `${u.article.id}#${u.paragraph}`));
  const shown = new ShownSentences();
  // A key point shows its sentence and the same sentence in the other outlets it cites.
  key.chosen.forEach((c, index) => {
    for (const u of [c.unit, ...c.also]) shown.add({ article: u.article.id, paragraph: u.paragraph, plain: u.plain, section: 'keyPoints', index, label: `key point ${index + 1}` });
  });
  const people = peopleOf(ctx, topic, focusIds, relevantParagraphs, key.chosen, shown);
  const centroid = vectorsCentroid(key.chosen.map((c) => key.units.indexOf(c.unit)), key.vectors);
  const quotes = quotesOf(ctx, space, topic, focusIds, relevantParagraphs, centroid, people, shown);
  const timeline = timelineOf(ctx, space, topic, focus, window, relevantParagraphs, shown);
  const gaps = gapsOf(ctx, space, { topic, scope: focus, units: key.units, chosen: key.chosen, people, quotes, timeline, leftOutUndated, windowText });

  const sections: AnswerSection[] = [{ kind: 'keyPoints', title: SECTION.keyPoints, items: key.items }];
  if (people.items.length) sections.push({ kind: 'people', title: SECTION.people, items: people.items });
  if (quotes.items.length) sections.push({ kind: 'quotes', title: SECTION.quotes, items: quotes.items });
  if (timeline.items.length || timeline.notes.length) sections.push({ kind: 'timeline', title: SECTION.timeline, items: timeline.items, ...(timeline.notes.length ? { notes: timeline.notes } : {}) });
  if (gaps.length) sections.push({ kind: 'gaps', title: SECTION.gaps, items: [], notes: gaps });

  const cited = new Set(sections.flatMap((s) => s.items.flatMap((i) => [i.citation.article, ...(i.alsoCitedBy ?? []).map((c) => c.article)])));
  const about = topic ? `on "${query}"` : windowed ? `of the corpus ${windowText}` : 'of the whole corpus';
  return {
    ...base,
    answer: `Briefing ${about}: ${plural(key.items.length, 'key point')} from ${plural(cited.size, 'article')}${topic && windowed ? ` ${windowText}` : ''}.`,
    items: key.items,
    sections,
    ...(narrowed ? { notice: narrowed.trim() } : {}),
  };
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
