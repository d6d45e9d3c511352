/** `when <event>`: the passages that date an event, best first, with the dates resolved; disagreements shown. */
import type { DateMention } from '../knowledge/types.ts';
import { cachedProcessTerm as processTerm, queryTerms, tokenize } from '../search/text.ts';
import { citationFor } from './common.ts';
import type { AnswerContext } from './context.ts';
import { describeDate } from './dates.ts';
import { lookupsOf } from './lookups.ts';
import { LOOSE_NOTICE, searchQuestion } from './search.ts';
import type { Answer, AnswerItem, AnswerOptions } from './types.ts';

export const DEFAULT_WHEN_LIMIT = 5;
const MAX_ITEM_TEXT = 300;
/** A date's sentence must hold this share of the event's terms to count as dating the same event. */
const SAME_EVENT = 0.5;

interface Candidate {
  mention: DateMention;
  score: number;
  /** Share of the event's terms in the date's sentence. */
  overlap: number;
}

export function answerWhen(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  const base = { command: 'when' as const, query };
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_WHEN_LIMIT, 50));
  const event = cleanQuery(query);
  const terms = queryTerms(event);
  if (!terms.length) return { ...base, answer: '', items: [], notice: 'Say which event: e.g. "when did the talks in Doha take place".' };

  const byParagraph = lookupsOf(ctx).datesByParagraph;
  const { hits, loose } = searchQuestion(ctx, event, { limit: 60 });
  const candidates: Candidate[] = [];
  const termSet = new Set(terms);
  for (const hit of hits) {
    const dates = byParagraph.get(`${hit.article}#${hit.paragraph}`);
    if (!dates) continue;
    for (const d of dates) {
      if (!d.value || d.sentence.trim().length < 25) continue; // unresolved, or a bare date line
      const found = tokenize(d.sentence).filter((t) => termSet.has(processTerm(t.word) ?? ''));
      const overlap = new Set(found.map((t) => processTerm(t.word))).size / termSet.size;
      // Of two dates in one sentence, the one nearer the event's words dates it.
      const at = d.sentence.indexOf(d.text);
      const distance = at < 0 || !found.length ? 200 : Math.min(...found.map((t) => Math.max(0, t.start - (at + d.text.length), at - t.end)));
      candidates.push({ mention: d, score: hit.score * (0.25 + overlap) * (1 / (1 + distance / 60)), overlap });
    }
  }
  if (!candidates.length) {
    const suggestions = hits.length ? [] : ctx.passages.suggest(event, 5);
    return {
      ...base,
      answer: '',
      items: [],
      notice: hits.length
        ? `Passages mention "${event}", but none of them gives a date for it.`
        : `The corpus does not cover "${event}".` + (suggestions.length ? ` Close terms: ${suggestions.join(', ')}.` : ''),
      suggestions: suggestions.length ? suggestions : undefined,
    };
  }
  candidates.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    const key = `${c.mention.article}\u0000${c.mention.value}\u0000${c.mention.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(c);
    if (chosen.length >= limit) break;
  }
  const items: AnswerItem[] = [];
  for (const c of chosen) {
    const article = ctx.articles.get(c.mention.article);
    if (!article) continue;
    items.push({ text: clip(c.mention.sentence, c.mention.text), date: c.mention.value!, citation: citationFor(article, c.mention.paragraph), marks: markOf(clip(c.mention.sentence, c.mention.text), c.mention.text) });
  }

  // Do the articles that date the same event agree? Compare at the coarser precision of each pair.
  const best = chosen[0];
  // One vote per sentence: its best-placed date.
  const voted = new Set<string>();
  const same = chosen.filter((c) => {
    const key = `${c.mention.article}\u0000${c.mention.sentence}`;
    if (voted.has(key) || c.overlap < Math.min(SAME_EVENT, best.overlap)) return false;
    voted.add(key);
    return true;
  });
  const groups = agreeingGroups(same);
  const first = groups[0];
  const articleCount = new Set(first.map((c) => c.mention.article)).size;
  let answer = `${describeDate(coarsest(first))}` + (articleCount > 1 ? ` (${articleCount} articles agree)` : '');
  let notice: string | undefined;
  if (groups.length > 1) {
    const views = groups.map((g) => `${describeDate(coarsest(g))} (${[...new Set(g.map((c) => c.mention.article))].join(', ')})`);
    answer = `Sources differ: ${views.map((v) => v.replace(/ \(.*\)$/, '')).join(' or ')}`;
    notice = `The articles disagree on the date: ${views.join('; ')}.`;
  }
  if (best.mention.approximate) notice = [notice, 'The best match gives an approximate date.'].filter(Boolean).join(' ');
  if (loose) notice = [notice, LOOSE_NOTICE].filter(Boolean).join(' ');
  return { ...base, answer, items, notice };
}

function cleanQuery(query: string): string {
  return query
    .replace(/^\s*when\s+(?:did|was|were|is|are|will|does|do|has|had)?\s*/i, '')
    .replace(/\b(?:take|took|taking)\s+place\b|\b(?:happen|happened|occur|occurred|start|begin|held)\b/gi, ' ')
    .replace(/[?!.]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether two ISO prefixes agree: one is a prefix of the other (`2021-10` and `2021-10-08`). Weeks compare by year. */
function agree(a: string, b: string): boolean {
  const na = a.includes('-W') ? a.slice(0, 4) : a;
  const nb = b.includes('-W') ? b.slice(0, 4) : b;
  return na.startsWith(nb) || nb.startsWith(na);
}

function agreeingGroups(cands: Candidate[]): Candidate[][] {
  const groups: Candidate[][] = [];
  for (const c of cands) {
    const g = groups.find((x) => x.every((y) => agree(y.mention.value!, c.mention.value!)));
    if (g) g.push(c);
    else groups.push([c]);
  }
  return groups;
}

/** The value all members share: the shortest (coarsest) one. */
function coarsest(group: Candidate[]): string {
  return group.map((c) => c.mention.value!).sort((a, b) => a.length - b.length)[0];
}

function clip(sentence: string, expression: string): string {
  if (sentence.length <= MAX_ITEM_TEXT) return sentence;
  const at = Math.max(0, sentence.indexOf(expression));
  let a = Math.max(0, at - MAX_ITEM_TEXT / 2);
  let b = Math.min(sentence.length, a + MAX_ITEM_TEXT - 2);
  while (a > 0 && /\S/.test(sentence[a - 1])) a++;
  while (b < sentence.length && b > a && /\S/.test(sentence[b])) b--;
  return `${a > 0 ? '…' : ''}${sentence.slice(a, b).trim()}${b < sentence.length ? '…' : ''}`;
}

function markOf(text: string, expression: string): Array<[number, number]> | undefined {
  const i = text.indexOf(expression);
  return i >= 0 ? [[i, i + expression.length]] : undefined;
}
