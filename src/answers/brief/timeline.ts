/** The timeline of a briefing: dated events on the topic in date order, one line per event, undated articles flagged. */
import type { Article } from '../../corpus/types.ts';
import type { DateMention } from '../../knowledge/types.ts';
import { citationFor } from '../common.ts';
import type { AnswerContext } from '../context.ts';
import { describeDate } from '../dates.ts';
import { similarity } from '../similar.ts';
import { cosine, type FactSpace, type FactTerms } from '../summarize.ts';
import type { AnswerItem } from '../types.ts';
import { ShownSentences } from './shown.ts';
import { trimAround } from './people.ts';
import { coverage, termsOfText, type Topic } from './topic.ts';
import { dayRange, inWindow, type Window } from './window.ts';

export const TIMELINE_MAX = 12;

export interface Timeline {
  items: AnswerItem[];
  notes: string[];
  /** Every relevant mention, resolved or not, for the conflict check. */
  mentions: DateMention[];
}

export function timelineOf(ctx: AnswerContext, space: FactSpace, topic: Topic | null, scope: Article[], window: Window, relevant: Set<string>, shown: ShownSentences): Timeline {
  const ids = new Set(scope.map((a) => a.id));
  // Each mention's sentence read once (a mention loaded from the cache reads it from its article's text), and its
  // event terms made once: the grouping below compares mentions pairwise.
  const sentences = new Map<DateMention, string>();
  const sentenceOf = (d: DateMention) => {
    let s = sentences.get(d);
    if (s === undefined) sentences.set(d, (s = d.sentence));
    return s;
  };
  const terms = new Map<DateMention, FactTerms>();
  const termsOf = (d: DateMention) => {
    let t = terms.get(d);
    if (!t) terms.set(d, (t = eventTerms(space, d, sentenceOf(d))));
    return t;
  };
  // Two mentions of the same date that tell of one event: near-identical sentences, or two shared rare words.
  const sameEvent = (a: DateMention, b: DateMention) => {
    const ta = termsOf(a);
    const tb = termsOf(b);
    return similarity(sentenceOf(a), sentenceOf(b)) >= 0.3 || space.sharedAnchors(ta, tb, false) >= 2 || cosine(space.vector(ta), space.vector(tb)) >= 0.25;
  };
  const onTopic = (d: DateMention) => !topic || relevant.has(`${d.article}#${d.paragraph}`) || coverage(topic, termsOfText(sentenceOf(d))) > 0;
  const mentions = ctx.dates.filter((d) => ids.has(d.article) && onTopic(d));
  // Approximate dates ("the past three decades", "recent months") would be guesses on a timeline.
  const dated = mentions.filter((d) => d.value && !d.approximate && dayRange(d.value) && inWindow(d.value, window));
  dated.sort((a, b) => dayRange(a.value)![0].localeCompare(dayRange(b.value)![0]) || dayRange(b.value)![1].localeCompare(dayRange(a.value)![1]) || a.article.localeCompare(b.article) || a.start - b.start);
  // One line per event: the same date with the same sentence (one article), or a near-identical sentence (several).
  const groups: Array<{ first: DateMention; also: DateMention[] }> = [];
  for (const d of dated) {
    const home = groups.find(
      (g) => g.first.value === d.value && (g.first.article === d.article ? sentenceOf(g.first) === sentenceOf(d) || g.first.paragraph === d.paragraph : sameEvent(g.first, d)),
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
    const item: AnswerItem = { text: trimAround(sentenceOf(first), first.text, 260), date: first.value!, citation: citationFor(article, first.paragraph) };
    // A sentence another section shows already: point at it rather than show it twice.
    const already = shown.find(first.article, first.paragraph, sentenceOf(first));
    if (already) ShownSentences.point(item, already);
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
export function eventTerms(space: FactSpace, d: DateMention, sentence = d.sentence): FactTerms {
  return space.terms(sentence.replace(d.text, ' '));
}


/** How an article is named in notes: its source and id, or its id and opening words. */
export function articleLabel(a: Article): string {
  const head = a.title ?? a.paragraphs[0]?.text ?? '';
  const short = head.length > 60 ? `${head.slice(0, head.lastIndexOf(' ', 57))}…` : head;
  return `${a.source ?? 'source unknown'} (${a.id.split('_')[0]}${short ? `, "${short}"` : ''})`;
}

