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
  /** The mention's sentence, read once. */
  sentence: string;
  /** The date's value: as resolved, or what the text says without a year (`--08`) in an article without a year. */
  value: string;
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

  const lookups = lookupsOf(ctx);
  const { hits, loose } = searchQuestion(ctx, event, { limit: 60 });
  const candidates: Candidate[] = [];
  const termSet = new Set(terms);
  for (const hit of hits) {
    const dates = lookups.datesIn(hit.article, hit.paragraph);
    if (!dates.length) continue;
    const published = ctx.articles.get(hit.article)?.published ?? null;
    for (const d of dates) {
      const value = d.value ?? yearlessValue(d, published);
      if (!value) continue;
      // Read once: a mention loaded from the cache reads its sentence from the article's text.
      const sentence = d.sentence;
      if (sentence.trim().length < 25) continue; // a bare date line
      const tokens = tokenize(sentence);
      const found = tokens.filter((t) => termSet.has(processTerm(t.word) ?? ''));
      const overlap = new Set(found.map((t) => processTerm(t.word))).size / termSet.size;
      const at = sentence.indexOf(d.text);
      // The clause the date belongs to dates the event whose words it holds ("closed since the storm in January,
      // reopened on 12 May": May dates the reopening).
      const [from, to] = at < 0 ? [0, sentence.length] : clauseAround(sentence, at, at + d.text.length);
      const inClause = found.filter((t) => t.start >= from && t.end <= to);
      const clauseShare = new Set(inClause.map((t) => processTerm(t.word))).size / termSet.size;
      // Of two dates in one clause, the one nearer the event's words dates it.
      const near = inClause.length ? inClause : found;
      const distance = at < 0 || !near.length ? 200 : Math.min(...near.map((t) => Math.max(0, t.start - (at + d.text.length), at - t.end)));
      candidates.push({ mention: d, sentence, value, score: hit.score * (0.25 + overlap) * (0.3 + clauseShare) * (1 / (1 + distance / 60)), overlap });
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
  const best = candidates[0]!;

  // Each article dating the same event votes once, with its best-placed date; the date most articles agree on
  // leads (ties: the best-placed one), and the others are shown as the disagreement.
  const voters = new Map<string, Candidate>();
  for (const c of candidates) {
    if (c.overlap < Math.min(SAME_EVENT, best.overlap) || voters.has(c.mention.article)) continue;
    voters.set(c.mention.article, c);
  }
  // An article without a year agrees with any year's date of its month: it backs a date, it does not decide between two.
  const dated = (g: Candidate[]) => articlesOf(g.filter((c) => !c.value.startsWith('--'))).length;
  const groups = agreeingGroups([...voters.values()]).sort((a, b) => dated(b) - dated(a) || (dated(a) ? 0 : articlesOf(b).length - articlesOf(a).length));
  const lead = groups[0]!;

  const seen = new Set<string>();
  const chosen: Candidate[] = [];
  // The leading date's best passage first, then the rest by score.
  for (const c of [lead[0]!, ...candidates]) {
    const key = `${c.mention.article}\u0000${c.value}\u0000${c.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(c);
    if (chosen.length >= limit) break;
  }
  const items: AnswerItem[] = [];
  for (const c of chosen) {
    const article = ctx.articles.get(c.mention.article);
    if (!article) continue;
    const text = clip(c.sentence, c.mention.text);
    items.push({ text, date: c.value, citation: citationFor(article, c.mention.paragraph), marks: markOf(text, c.mention.text) });
  }

  const agreeing = articlesOf(lead).length;
  let answer = describeDate(representative(lead)) + (agreeing > 1 ? ` (${agreeing} articles agree)` : '');
  const notes: string[] = [];
  if (groups.length > 1) {
    const others = groups.slice(1).map((g) => `${describeDate(representative(g))} (${articlesOf(g).join(', ')})`);
    answer += `; ${others.length === 1 ? 'another date is given' : 'other dates are given'}: ${groups.slice(1).map((g) => describeDate(representative(g))).join(', ')}`;
    notes.push(`The articles disagree on the date: ${describeDate(representative(lead))} (${articlesOf(lead).join(', ')}); ${others.join('; ')}.`);
  }
  if (lead.every((c) => c.value.startsWith('--'))) notes.push('The articles that date it give no year, so the year is unknown.');
  if (best.mention.approximate) notes.push('The best match gives an approximate date.');
  if (loose) notes.push(LOOSE_NOTICE);
  return { ...base, answer, items, ...(notes.length ? { notice: notes.join(' ') } : {}) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

/**
 * What a date says without a year, in an article whose year is unknown: "in August" → `--08`, "on 9 March" or
 * "March 9" → `--03-09`. Relative dates ("last month", "on Monday") need the article's date and stay unknown.
 */
export function yearlessValue(d: Pick<DateMention, 'text' | 'precision'>, published: string | null): string | null {
  if (published && /^\d{4}/.test(published)) return null;
  if (d.precision !== 'month' && d.precision !== 'day') return null;
  const text = d.text.toLowerCase();
  if (/\b(?:last|next|this|ago|previous|coming)\b|\d{4}/.test(text)) return null;
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![a-z])`).exec(text);
  const monthFirst = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(text);
  const monthOnly = new RegExp(`\\b${MONTH}(?![a-z])`).exec(text);
  const mm = (name: string) => String(MONTHS.indexOf(name) + 1).padStart(2, '0');
  const dd = (day: string) => (Number(day) >= 1 && Number(day) <= 31 ? day.padStart(2, '0') : null);
  if (d.precision === 'day') {
    if (dayFirst && dd(dayFirst[1]!)) return `--${mm(dayFirst[2]!)}-${dd(dayFirst[1]!)}`;
    if (monthFirst && dd(monthFirst[2]!)) return `--${mm(monthFirst[1]!)}-${dd(monthFirst[2]!)}`;
    return null;
  }
  return monthOnly ? `--${mm(monthOnly[1]!)}` : null;
}

/** Words that open a new clause inside a sentence. */
const CLAUSE_WORD = /^(?:and|but|while|whereas|which|who|whom|after|before|when|since|until|although|though|because|as|where|then)$/i;
/** Reporting verbs close the clause that dates the report, not the event ("On 3 March the council said | the line ..."). */
const REPORTING_WORD = /^(?:said|says|say|told|tells|announced|added|stated|reported|confirmed|according)$/i;
/** A clause made of these (and the date) alone leans on the next one ("In March, the bridge closed"). */
const BARE_WORDS = /^(?:in|on|at|by|of|the|early|late|mid|last|this|next|since|until|during|from|to|around|about)$/i;

/** The [start, end) of the clause of `sentence` holding the span [at, end): between punctuation or clause words. */
function clauseAround(sentence: string, at: number, end: number): [number, number] {
  const breaks: Array<[number, number]> = [];
  for (const m of sentence.matchAll(/[,;:()\u2013\u2014]|\s-\s/g)) breaks.push([m.index!, m.index! + m[0].length]);
  for (const t of tokenize(sentence)) {
    if (CLAUSE_WORD.test(t.word)) breaks.push([t.start, t.start]);
    else if (REPORTING_WORD.test(t.word)) breaks.push([t.end, t.end]);
  }
  breaks.sort((a, b) => a[0] - b[0]);
  let from = 0;
  let to = sentence.length;
  for (const [s, e] of breaks) {
    if (e <= at) from = Math.max(from, e);
    else if (s >= end) {
      to = s;
      break;
    }
  }
  const rest = (sentence.slice(from, at) + ' ' + sentence.slice(end, to)).split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (rest.every((w) => BARE_WORDS.test(w))) {
    // A fronted date ("In March, ...") belongs to the clause after it.
    const next = breaks.find(([s]) => s > to);
    to = next ? next[0] : sentence.length;
  }
  return [from, to];
}

function articlesOf(group: Candidate[]): string[] {
  return [...new Set(group.map((c) => c.mention.article))];
}

function cleanQuery(query: string): string {
  return query
    .replace(/^\s*when\s+(?:did|was|were|is|are|will|does|do|has|had)?\s*/i, '')
    .replace(/\b(?:take|took|taking)\s+place\b|\b(?:happen|happened|occur|occurred|start|begin|held)\b/gi, ' ')
    .replace(/[?!.]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether two dates agree: one is a prefix of the other (`2021-10`, `2021-10-08`); a date without a year (`--08`) agrees with any year's. Weeks compare by year. */
function agree(a: string, b: string): boolean {
  if (a.startsWith('--') || b.startsWith('--')) {
    const ma = a.startsWith('--') ? a.slice(2) : a.slice(5);
    const mb = b.startsWith('--') ? b.slice(2) : b.slice(5);
    if (a.includes('-W') || b.includes('-W') || !ma || !mb) return false;
    return ma.startsWith(mb) || mb.startsWith(ma);
  }
  const na = a.includes('-W') ? a.slice(0, 4) : a;
  const nb = b.includes('-W') ? b.slice(0, 4) : b;
  return na.startsWith(nb) || nb.startsWith(na);
}

function agreeingGroups(cands: Candidate[]): Candidate[][] {
  const groups: Candidate[][] = [];
  for (const c of cands) {
    const g = groups.find((x) => x.every((y) => agree(y.value, c.value)));
    if (g) g.push(c);
    else groups.push([c]);
  }
  return groups;
}

/** The value a group's members share: the coarsest one with a year, else the coarsest without. */
function representative(group: Candidate[]): string {
  const values = group.map((c) => c.value);
  const dated = values.filter((v) => !v.startsWith('--'));
  return (dated.length ? dated : values).sort((a, b) => a.length - b.length)[0]!;
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
