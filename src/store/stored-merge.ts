/**
 * The entities merged across a corpus as the cache keeps them, with the speaker of every quote. A desk starting from
 * the cache reads these instead of merging again, and so never reads an article's own entities (they stay in the
 * segment files: stored-knowledge.ts). At 100,000 articles that is 53,000 entities read instead of 358,000.
 *
 * Text, one JSON value per line, so that a large merge is read in slices:
 *   {"v":1,"articles":n,"quotes":q,"entities":e}
 *   [entity, ...]   (up to ENTITIES_PER_LINE per line; entity: [id, canonical, kind, mentions, variants, roles, articles])
 *   [speaker rank of each quote, -1 for none]
 * An article is written as its index in the merged list; a variant equal to the canonical name as 0; a role as
 * [text, article, paragraph(, evidence)].
 */
import type { MergedEntities, SpeakerRanks } from '../knowledge/people/merge.ts';
import type { ArticleKnowledge, Entity, EntityKind, Role } from '../knowledge/types.ts';
import { slicePause } from '../slices.ts';

const ENTITIES_PER_LINE = 1000;

/** The merge `merged` of the articles `list`, whose quotes' speakers have the ranks `speakers`, as text (in steps). */
export function* storeMergeSteps(merged: MergedEntities, list: readonly ArticleKnowledge[], speakers: Int32Array): Generator<void, string> {
  const indexOf = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    indexOf.set(list[i].article, i);
    if (i % 4096 === 4095) yield;
  }
  const at = (article: string) => indexOf.get(article) ?? article;
  const { entities } = merged;
  const lines = [JSON.stringify({ v: 1, articles: list.length, quotes: speakers.length, entities: entities.length })];
  for (let from = 0; from < entities.length; from += ENTITIES_PER_LINE) {
    const rows = entities.slice(from, from + ENTITIES_PER_LINE).map((e) => [
      e.id,
      e.canonical,
      e.kind,
      e.mentions,
      e.variants.map((v) => (v === e.canonical ? 0 : v)),
      e.roles.map((r) => (r.evidence === undefined ? [r.text, at(r.article), r.paragraph] : [r.text, at(r.article), r.paragraph, r.evidence])),
      e.articles.map(at),
    ]);
    lines.push(JSON.stringify(rows));
    yield;
  }
  lines.push(JSON.stringify(Array.from(speakers)));
  return lines.join('\n');
}

/** The merge stored by `storeMergeSteps` for exactly the articles `list`; null when the text does not fit them. */
export async function readStoredMerge(text: string, list: readonly ArticleKnowledge[], pause: () => Promise<void> = slicePause()): Promise<MergedEntities | null> {
  try {
    return await decode(text, list, pause);
  } catch {
    return null;
  }
}

async function decode(text: string, list: readonly ArticleKnowledge[], pause: () => Promise<void>): Promise<MergedEntities | null> {
  const lines = text.split('\n');
  const head = JSON.parse(lines[0]) as { v?: unknown; articles?: unknown; quotes?: unknown; entities?: unknown };
  const quoteStarts = new Int32Array(list.length + 1);
  for (let a = 0; a < list.length; a++) quoteStarts[a + 1] = quoteStarts[a] + list[a].quotes.length;
  const n = head.entities;
  if (head.v !== 1 || head.articles !== list.length || head.quotes !== quoteStarts[list.length] || typeof n !== 'number') return null;
  if (lines.length !== 2 + Math.ceil(n / ENTITIES_PER_LINE)) return null;
  const article = (x: unknown): string => {
    if (typeof x === 'string') return x;
    if (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < list.length) return list[x].article;
    throw malformed();
  };
  const entities: Entity[] = [];
  for (let line = 1; line < lines.length - 1; line++) {
    const rows = JSON.parse(lines[line]) as unknown;
    if (!Array.isArray(rows)) return null;
    for (const row of rows) entities.push(entityOf(row, article));
    await pause();
  }
  if (entities.length !== n) return null;
  const ranks = JSON.parse(lines[lines.length - 1]) as unknown;
  if (!Array.isArray(ranks) || ranks.length !== quoteStarts[list.length]) return null;
  const speakers = new Int32Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    if (!(Number.isInteger(r) && r >= -1 && r < n)) return null;
    speakers[i] = r;
  }
  return { entities, ids: new StoredSpeakers(quoteStarts, speakers) };
}

function entityOf(row: unknown, article: (x: unknown) => string): Entity {
  if (!Array.isArray(row) || row.length !== 7) throw malformed();
  const [id, canonical, kind, mentions, variants, roles, articles] = row as unknown[];
  if (typeof id !== 'string' || typeof canonical !== 'string' || typeof kind !== 'string' || typeof mentions !== 'number') throw malformed();
  if (!Array.isArray(variants) || !Array.isArray(roles) || !Array.isArray(articles)) throw malformed();
  for (let v = 0; v < variants.length; v++) {
    const form = variants[v] === 0 ? canonical : variants[v];
    if (typeof form !== 'string') throw malformed();
    variants[v] = form;
  }
  for (let r = 0; r < roles.length; r++) roles[r] = roleOf(roles[r], article);
  for (let a = 0; a < articles.length; a++) articles[a] = article(articles[a]);
  return { id, canonical, kind: kind as EntityKind, variants: variants as string[], roles: roles as Role[], articles: articles as string[], mentions };
}

function roleOf(x: unknown, article: (x: unknown) => string): Role {
  if (!Array.isArray(x) || (x.length !== 3 && x.length !== 4) || typeof x[0] !== 'string' || typeof x[2] !== 'number') throw malformed();
  const role: Role = { text: x[0], article: article(x[1]), paragraph: x[2] };
  if (x.length === 4) {
    if (typeof x[3] !== 'string') throw malformed();
    role.evidence = x[3];
  }
  return role;
}

/** The speakers' ranks as stored, per quote of the merged articles in order. */
class StoredSpeakers implements SpeakerRanks {
  constructor(
    private readonly quoteStarts: Int32Array,
    private readonly ranks: Int32Array,
  ) {}

  rankOf(article: number, quote: number): number {
    const i = this.quoteStarts[article] + quote;
    return i < this.quoteStarts[article + 1] ? this.ranks[i] : -1;
  }
}

function malformed(): Error {
  return new Error('newsdesk: a stored merge is malformed');
}
