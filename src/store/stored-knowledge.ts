/**
 * An extraction as a desk keeps it after a start from the cache: its statements packed in one flat array, unpacked
 * when an answer (a briefing) reads them. Half a million small objects at 100,000 articles, read only for the few
 * articles a briefing covers.
 */
import type { ArticleEntity, ArticleKnowledge, DateMention, Quote, Statement } from '../knowledge/types.ts';

/** Per statement: paragraph, start, end, flags, then [pronoun start, pronoun end] and the referent when flagged. */
export type PackedStatements = Array<number | string>;

const CAPTION = 1;
const OPENS_PRONOUN = 2;
const OPENS_DEPENDENT = 4;
const PRONOUN = 8;
const REFERENT = 16;

export function packStatements(list: readonly Statement[]): PackedStatements {
  const out: PackedStatements = [];
  for (const s of list) {
    const flags = (s.caption ? CAPTION : 0) | (s.opens === 'pronoun' ? OPENS_PRONOUN : s.opens === 'dependent' ? OPENS_DEPENDENT : 0) | (s.pronoun ? PRONOUN : 0) | (s.referent !== undefined ? REFERENT : 0);
    out.push(s.paragraph, s.start, s.end, flags);
    if (s.pronoun) out.push(s.pronoun[0], s.pronoun[1]);
    if (s.referent !== undefined) out.push(s.referent);
  }
  return out;
}

/** The statements packed by `packStatements`; throws when the array is not one. */
export function unpackStatements(packed: PackedStatements): Statement[] {
  const out: Statement[] = [];
  const num = (i: number) => {
    const v = packed[i];
    if (typeof v !== 'number') throw new Error('newsdesk: packed statements are malformed');
    return v;
  };
  for (let i = 0; i < packed.length; ) {
    const s: Statement = { paragraph: num(i), start: num(i + 1), end: num(i + 2) };
    const flags = num(i + 3);
    i += 4;
    if (flags & CAPTION) s.caption = true;
    if (flags & OPENS_PRONOUN) s.opens = 'pronoun';
    else if (flags & OPENS_DEPENDENT) s.opens = 'dependent';
    if (flags & PRONOUN) {
      s.pronoun = [num(i), num(i + 1)];
      i += 2;
    }
    if (flags & REFERENT) {
      const r = packed[i++];
      if (typeof r !== 'string') throw new Error('newsdesk: packed statements are malformed');
      s.referent = r;
    }
    out.push(s);
  }
  return out;
}

/** Whether a stored `statements` value is packed (a flat array opening with a number, or empty). */
export function isPacked(value: unknown): value is PackedStatements {
  return Array.isArray(value) && (value.length === 0 || typeof value[0] === 'number');
}

export class StoredKnowledge implements ArticleKnowledge {
  article: string;
  quotes: Quote[];
  entities: ArticleEntity[];
  dates: DateMention[];
  /** Null when the extraction has no statements (understanding the article failed). */
  readonly packed: PackedStatements | null;

  constructor(parts: Omit<ArticleKnowledge, 'statements'>, packed: PackedStatements | null) {
    this.article = parts.article;
    this.quotes = parts.quotes;
    this.entities = parts.entities;
    this.dates = parts.dates;
    this.packed = packed;
  }

  get statements(): Statement[] | undefined {
    return this.packed ? unpackStatements(this.packed) : undefined;
  }

  toJSON(): ArticleKnowledge {
    const { article, quotes, entities, dates, statements } = this;
    return statements ? { article, quotes, entities, dates, statements } : { article, quotes, entities, dates };
  }
}

/** `k` with some of its parts replaced, its statements kept packed when they are. */
export function withParts(k: ArticleKnowledge, parts: Omit<ArticleKnowledge, 'statements'>): ArticleKnowledge {
  if (k instanceof StoredKnowledge) return new StoredKnowledge(parts, k.packed);
  return k.statements ? { ...parts, statements: k.statements } : { ...parts };
}

/** The statements as a segment file stores them: packed, or absent. */
export function storedStatements(k: ArticleKnowledge): PackedStatements | undefined {
  if (k instanceof StoredKnowledge) return k.packed ?? undefined;
  return k.statements ? packStatements(k.statements) : undefined;
}
