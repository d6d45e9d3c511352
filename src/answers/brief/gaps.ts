/** The gaps of a briefing: what the corpus does not say on the topic, and where outlets disagree. */
import type { Article } from '../../corpus/types.ts';
import type { DateMention } from '../../knowledge/types.ts';
import { processTerm } from '../../search/text.ts';
import type { AnswerContext } from '../context.ts';
import { describeDate } from '../dates.ts';
import type { FactSpace, FactTerms } from '../summarize.ts';
import type { AnswerItem } from '../types.ts';
import type { Chosen, Unit } from './key-points.ts';
import type { People } from './people.ts';
import { articleLabel, eventTerms, type Timeline } from './timeline.ts';
import { termsOfText, type Topic } from './topic.ts';
import { compatibleDates, dayRange } from './window.ts';

export interface GapInput {
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
export function gapsOf(ctx: AnswerContext, space: FactSpace, g: GapInput): string[] {
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
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
