/** The quotes of a briefing: named speakers on the topic, close to the key points, not repeating them or each other. */
import type { Quote } from '../../knowledge/types.ts';
import { citationFor } from '../common.ts';
import type { AnswerContext } from '../context.ts';
import { similarity } from '../similar.ts';
import { cosine, mmrSelect, type FactSpace, type TermVector } from '../summarize.ts';
import type { AnswerItem, Citation } from '../types.ts';
import { bestRole, type People } from './people.ts';
import type { ShownSentences } from './shown.ts';
import { coverage, termsOfText, type Topic } from './topic.ts';

export const QUOTES = { min: 1, max: 3 } as const;

export function quotesOf(ctx: AnswerContext, space: FactSpace, topic: Topic | null, scope: Set<string>, relevant: Set<string>, centroid: TermVector, people: People, shown: ShownSentences): { items: AnswerItem[] } {
  // A quote a key point or a person's line already shows is not shown again.
  const inKeyPoint = (q: Quote) => Boolean(shown.find(q.article, q.paragraph, q.text));
  const candidates = ctx.quotes.filter(
    (q) => scope.has(q.article) && !inKeyPoint(q) && q.speaker && q.speakerKind !== 'unknown' && q.text.length >= 30 && q.text.length <= 400 && (!topic || relevant.has(`${q.article}#${q.paragraph}`) || coverage(topic, termsOfText(q.text)) > 0),
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
  picked.forEach((i, index) => shown.add({ article: candidates[i].article, paragraph: candidates[i].paragraph, plain: candidates[i].text, section: 'quotes', index, label: `${candidates[i].speaker}'s quote` }));
  return { items };
}

function dedupeCitations(cs: Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => !seen.has(c.article) && seen.add(c.article));
}
