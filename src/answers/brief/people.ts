/**
 * The people of a briefing: those the topic names, quotes and key points are about, each with their best role and
 * one sentence that names them. No sentence is shown twice: a person whose sentence is a key point's (or another
 * person's line) gets another sentence naming them, or else a pointer to the line that shows it.
 */
import type { ArticleEntity, Entity, Statement } from '../../knowledge/types.ts';
import { citationFor } from '../common.ts';
import type { AnswerContext } from '../context.ts';
import type { AnswerItem } from '../types.ts';
import type { Chosen } from './key-points.ts';
import { ShownSentences } from './shown.ts';
import type { Topic } from './topic.ts';

export const PEOPLE = { min: 3, max: 5 } as const;
const MAX_LINE = 300;

export interface People {
  items: AnswerItem[];
  names: string[];
}

/** Cuts a long sentence to about `max` characters around `needle`, at word boundaries, with "…". */
export function trimAround(text: string, needle: string, max = MAX_LINE): string {
  if (text.length <= max) return text;
  const at = Math.max(0, text.indexOf(needle));
  let from = Math.max(0, at - 100);
  if (from > 0) from = text.indexOf(' ', from) + 1;
  let to = Math.min(text.length, from + max);
  if (to < text.length) to = text.lastIndexOf(' ', to);
  return (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
}

/** The role a person is most often given (in scope first), the earliest mention of it. */
export function bestRole(entity: Entity, scope: Set<string>): Entity['roles'][number] | null {
  const roles = entity.roles.filter((r) => scope.has(r.article));
  const pool = roles.length ? roles : entity.roles;
  if (!pool.length) return null;
  const counts = new Map<string, number>();
  for (const r of pool) counts.set(r.text.toLowerCase(), (counts.get(r.text.toLowerCase()) ?? 0) + 1);
  return [...pool].sort((a, b) => counts.get(b.text.toLowerCase())! - counts.get(a.text.toLowerCase())! || b.text.length - a.text.length)[0];
}

interface Line {
  article: string;
  paragraph: number;
  /** The statement, or null for a paragraph without one (a headline): the paragraph's text is the line. */
  statement: Statement | null;
  needle: string;
}

/** An article's own entities and statements. */
type OwnReader = (id: string) => { entities: ArticleEntity[]; statements: Statement[] } | undefined;

/** Reads each article's own entities and statements once per briefing (a desk started from the cache reads them from disk). */
function ownReader(ctx: AnswerContext): OwnReader {
  const read = new Map<string, ReturnType<OwnReader>>();
  return (id) => {
    if (!read.has(id)) {
      const k = ctx.knowledge.get(id);
      read.set(id, k && { entities: k.entities, statements: k.statements ?? [] });
    }
    return read.get(id);
  };
}

export function peopleOf(ctx: AnswerContext, topic: Topic | null, scope: Set<string>, relevant: Set<string>, chosen: Chosen[], shown: ShownSentences): People {
  const rows: Array<{ entity: Entity; score: number }> = [];
  const chosenText = chosen.map((c) => c.unit.text).join(' ');
  const own = ownReader(ctx);
  for (const e of ctx.entities) {
    if (e.kind !== 'person' || !e.articles.some((a) => scope.has(a))) continue;
    let score = 0;
    for (const id of e.articles) {
      if (!scope.has(id)) continue;
      const ae = own(id)?.entities.find((x) => x.canonical === e.canonical || e.variants.includes(x.canonical));
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
    const lines = linesNaming(ctx, entity, scope, own);
    if (!lines.length) continue;
    const textOf = (l: Line) => {
      const ptext = ctx.articles.get(l.article)?.paragraphs[l.paragraph - 1]?.text ?? '';
      return l.statement ? ptext.slice(l.statement.start, l.statement.end) : ptext;
    };
    const fresh = lines.filter((l) => !shown.find(l.article, l.paragraph, textOf(l)));
    // A sentence holding a quotation is better left to the quotes.
    const line = fresh.find((l) => !/["“”]/.test(textOf(l))) ?? fresh[0] ?? lines[0];
    const article = ctx.articles.get(line.article)!;
    const item: AnswerItem = { text: '', speaker: entity.canonical, citation: citationFor(article, line.paragraph) };
    const role = bestRole(entity, scope);
    if (role) item.role = role.text;
    const plain = textOf(line);
    const already = shown.find(line.article, line.paragraph, plain);
    if (already) ShownSentences.point(item, already);
    else {
      item.text = trimAround(plain, line.needle);
      shown.add({ article: line.article, paragraph: line.paragraph, plain, section: 'people', index: items.length, label: `${entity.canonical}'s line` });
    }
    items.push(item);
  }
  return { items, names: items.map((i) => i.speaker!) };
}

/**
 * The sentences of the articles in scope that name a person, best first: the one stating their best role, then
 * every other sentence holding one of their names (captions aside).
 */
function linesNaming(ctx: AnswerContext, entity: Entity, scope: Set<string>, own: OwnReader): Line[] {
  const out: Line[] = [];
  const role = bestRole(entity, scope);
  const names = [entity.canonical, ...entity.variants].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
  const articles = role ? [role.article, ...entity.articles.filter((a) => a !== role.article && scope.has(a))] : entity.articles.filter((a) => scope.has(a));
  for (const id of articles) {
    const article = ctx.articles.get(id);
    const knowledge = own(id);
    if (!article || !knowledge) continue;
    const ae = knowledge.entities.find((x) => x.canonical === entity.canonical || entity.variants.includes(x.canonical));
    const paragraphs = role && role.article === id ? [role.paragraph, ...(ae?.paragraphs ?? []).filter((p) => p !== role.paragraph)] : (ae?.paragraphs ?? []);
    for (const n of paragraphs) {
      const ptext = article.paragraphs[n - 1]?.text ?? '';
      const all = knowledge.statements.filter((s) => s.paragraph === n);
      const statements = all.filter((s) => !s.caption);
      const needle = role && role.article === id && role.paragraph === n ? role.text : (names.find((v) => ptext.includes(v)) ?? '');
      if (!statements.length) {
        if (all.length) continue; // a photo caption
        if (!out.some((l) => l.article === id && l.paragraph === n)) out.push({ article: id, paragraph: n, statement: null, needle });
        continue;
      }
      const at = needle ? ptext.indexOf(needle) : -1;
      const first = statements.find((s) => at >= s.start && at < s.end);
      if (first) out.push({ article: id, paragraph: n, statement: first, needle });
      for (const s of statements) {
        if (s === first) continue;
        const body = ptext.slice(s.start, s.end);
        const name = names.find((v) => body.includes(v));
        if (name) out.push({ article: id, paragraph: n, statement: s, needle: name });
      }
      if (!first && !out.some((l) => l.article === id && l.paragraph === n)) out.push({ article: id, paragraph: n, statement: statements[0], needle });
    }
  }
  return out;
}
