/**
 * An extraction as a segment file stores it (flat arrays), and as a desk keeps it after a start from the cache: its
 * statements packed in one flat array, unpacked when an answer (a briefing) reads them — half a million small objects
 * at 100,000 articles, read only for the few articles a briefing covers — its dates' sentences left in the article's
 * text (stored-date.ts), and its entities left in the segment file, read when asked for: a desk starting from the
 * cache reads the merged entities from the cache instead (people/snapshot.ts), and only a re-merge or a briefing reads
 * an article's own.
 */
import type { Article } from '../corpus/types.ts';
import type { ArticleEntity, ArticleKnowledge, DateMention, Quote, Role, Statement } from '../knowledge/types.ts';
import { StoredDate } from './stored-date.ts';

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

/** What a segment file stores apart from an extraction's line, beside the article's text: read only when asked for. */
export interface Apart {
  entities: ArticleEntity[];
  /** Null when the extraction has no statements (understanding the article failed). */
  packed: PackedStatements | null;
}

/** Reads (and decodes) an extraction's part stored apart, on every call: nobody keeps it. */
export type ApartReader = () => Apart;

type Core = Omit<ArticleKnowledge, 'statements' | 'entities'>;

export class StoredKnowledge implements ArticleKnowledge {
  article: string;
  quotes: Quote[];
  dates: DateMention[];
  private readonly apart: Apart | ApartReader;

  constructor(core: Core, apart: Apart | ApartReader) {
    this.article = core.article;
    this.quotes = core.quotes;
    this.dates = core.dates;
    this.apart = apart;
  }

  /** Entities and packed statements, read together (from the segment file when stored apart). */
  readApart(): Apart {
    return typeof this.apart === 'function' ? this.apart() : this.apart;
  }

  /** Read from the segment file on every access when stored apart: callers that loop take it once. */
  get entities(): ArticleEntity[] {
    return this.readApart().entities;
  }

  get packed(): PackedStatements | null {
    return this.readApart().packed;
  }

  get statements(): Statement[] | undefined {
    const packed = this.packed;
    return packed ? unpackStatements(packed) : undefined;
  }

  toJSON(): ArticleKnowledge {
    const { article, quotes, dates } = this;
    const { entities, packed } = this.readApart();
    return packed ? { article, quotes, entities, dates, statements: unpackStatements(packed) } : { article, quotes, entities, dates };
  }
}

/** `k` with some of its parts replaced, its statements kept packed when they are. */
export function withParts(k: ArticleKnowledge, parts: Omit<ArticleKnowledge, 'statements'>): ArticleKnowledge {
  if (k instanceof StoredKnowledge) return new StoredKnowledge(parts, { entities: parts.entities, packed: k.packed });
  return k.statements ? { ...parts, statements: k.statements } : { ...parts };
}

/** The statements as a segment file stores them: packed, or absent. */
export function storedStatements(k: ArticleKnowledge): PackedStatements | undefined {
  if (k instanceof StoredKnowledge) return k.packed ?? undefined;
  return k.statements ? packStatements(k.statements) : undefined;
}

// ----- the stored line ------------------------------------------------------------------------------------------

/*
 * An extraction as a segment file stores it: flat arrays rather than objects with named fields (a third less to parse
 * at a start, and the objects are made by constructors of one shape each). The article's own id, repeated in every
 * quote, role and date, is written as 0; a quote id `${article}#${n}` as n; a variant equal to the canonical name as 0.
 *   [article, quotes, dates], and apart from it (encodeApart): [[entity, ...], statements | null]
 *   quote:  [id, article, paragraph, text, start, end, speaker, speakerMention, speakerKind, entityId | null, cue, partial 0/1]
 *   entity: [canonical, kind, mentions, variants, paragraphs, roles], role: [text, article, paragraph(, evidence)]
 *   date:   [article, paragraph, text, start, end, value, precision, flags, from, to, cut] (flags: 1 approximate,
 *           2 caption, 4 the sentence itself in `from`, no bounds)
 */
type Stored = unknown[];

const APPROXIMATE = 1;
const DATE_CAPTION = 2;
const SENTENCE_KEPT = 4;

export function encodeKnowledge(id: string, k: ArticleKnowledge): Stored {
  const own = (a: string) => (a === id ? 0 : a);
  return [
    own(k.article),
    k.quotes.map((q) => {
      const n = q.id.startsWith(`${q.article}#`) ? Number(q.id.slice(q.article.length + 1)) : NaN;
      const qid = Number.isSafeInteger(n) && `${q.article}#${n}` === q.id ? n : q.id;
      return [qid, own(q.article), q.paragraph, q.text, q.start, q.end, q.speaker, q.speakerMention, q.speakerKind, q.entityId ?? null, q.cue, q.partial ? 1 : 0];
    }),
    k.dates.map((d) => {
      const at = d.sentenceAt;
      const flags = (d.approximate ? APPROXIMATE : 0) | (d.caption ? DATE_CAPTION : 0) | (at ? 0 : SENTENCE_KEPT);
      const tail = at ? at : [d.sentence, 0, 0];
      return [own(d.article), d.paragraph, d.text, d.start, d.end, d.value, d.precision, flags, ...tail];
    }),
  ];
}

/** The part of article `id`'s extraction stored apart from its line: entities and packed statements. */
export function encodeApart(id: string, k: ArticleKnowledge): Stored {
  // Read once: a stored extraction reads both from its segment file.
  const { entities, packed } = k instanceof StoredKnowledge ? k.readApart() : { entities: k.entities, packed: storedStatements(k) ?? null };
  return [encodeEntities(id, entities), packed];
}

/** The part `encodeApart` stored for article `id`. Throws when malformed. */
export function decodeApart(id: string, stored: unknown): Apart {
  if (!Array.isArray(stored) || stored.length !== 2) throw malformed();
  const [entities, packed] = stored as [unknown, unknown];
  if (packed !== null && !isPacked(packed)) throw malformed();
  return { entities: decodeEntities(id, entities), packed };
}

/** The entities of article `id`'s extraction as stored apart from it. */
export function encodeEntities(id: string, entities: readonly ArticleEntity[]): Stored {
  const own = (a: string) => (a === id ? 0 : a);
  return entities.map((e) => [
    e.canonical,
    e.kind,
    e.mentions,
    e.variants.map((v) => (v === e.canonical ? 0 : v)),
    e.paragraphs,
    e.roles.map((r) => (r.evidence === undefined ? [r.text, own(r.article), r.paragraph] : [r.text, own(r.article), r.paragraph, r.evidence])),
  ]);
}

/** The entities `encodeEntities` stored for article `id`. Throws when malformed. */
export function decodeEntities(id: string, entityRows: unknown): ArticleEntity[] {
  if (!Array.isArray(entityRows)) throw malformed();
  const entities: ArticleEntity[] = new Array(entityRows.length);
  for (let i = 0; i < entityRows.length; i++) {
    const e = row(entityRows[i], 6);
    const canonical = str(e[0]);
    const variants = e[3];
    const paragraphs = e[4];
    const roles = e[5];
    if (!Array.isArray(variants) || !Array.isArray(paragraphs) || !Array.isArray(roles)) throw malformed();
    for (let v = 0; v < variants.length; v++) variants[v] = variants[v] === 0 ? canonical : str(variants[v]);
    for (let p = 0; p < paragraphs.length; p++) num(paragraphs[p]);
    for (let r = 0; r < roles.length; r++) roles[r] = roleOf(roles[r], id);
    entities[i] = { canonical, kind: common(str(e[1])) as ArticleEntity['kind'], variants, roles, paragraphs, mentions: num(e[2]) };
  }
  return entities;
}

/**
 * The extraction `encodeKnowledge` stored, for `article` (whose text holds its dates' sentences), its part stored
 * apart read by `apart`. Throws when malformed.
 */
export function decodeKnowledge(article: Article, stored: unknown, apart: ApartReader): ArticleKnowledge {
  const id = article.id;
  if (!Array.isArray(stored) || stored.length !== 3) throw malformed();
  const [kArticle, quoteRows, dateRows] = stored as [unknown, unknown, unknown];
  if (!Array.isArray(quoteRows) || !Array.isArray(dateRows)) throw malformed();
  // Plain loops and object literals of one shape: a start makes a million of these.
  const quotes: Quote[] = new Array(quoteRows.length);
  for (let i = 0; i < quoteRows.length; i++) {
    const q = row(quoteRows[i], 12);
    const qa = ownId(q[1], id);
    const quote: Quote = {
      id: typeof q[0] === 'number' ? `${qa}#${q[0]}` : str(q[0]),
      article: qa,
      paragraph: num(q[2]),
      text: str(q[3]),
      start: num(q[4]),
      end: num(q[5]),
      speaker: strOrNull(q[6]),
      speakerMention: strOrNull(q[7]),
      speakerKind: common(str(q[8])) as Quote['speakerKind'],
      cue: q[10] === null ? null : common(str(q[10])),
      partial: q[11] === 1,
    };
    if (q[9] !== null) quote.entityId = str(q[9]);
    quotes[i] = quote;
  }
  const dates: DateMention[] = new Array(dateRows.length);
  for (let i = 0; i < dateRows.length; i++) {
    const d = row(dateRows[i], 11);
    const flags = num(d[7]);
    const precision = d[6] === null ? null : (common(str(d[6])) as DateMention['precision']);
    if (flags & SENTENCE_KEPT) {
      const kept: DateMention = { article: ownId(d[0], id), paragraph: num(d[1]), text: str(d[2]), start: num(d[3]), end: num(d[4]), value: strOrNull(d[5]), precision, approximate: (flags & APPROXIMATE) !== 0, sentence: str(d[8]) };
      if (flags & DATE_CAPTION) kept.caption = true;
      dates[i] = kept;
    } else {
      dates[i] = new StoredDate(ownId(d[0], id), num(d[1]), str(d[2]), num(d[3]), num(d[4]), strOrNull(d[5]), precision, (flags & APPROXIMATE) !== 0, (flags & DATE_CAPTION) !== 0, num(d[8]), num(d[9]), num(d[10]), article);
    }
  }
  return new StoredKnowledge({ article: ownId(kArticle, id), quotes, dates }, apart);
}

/** An article id as stored: 0 for the article's own (`id`). (A function, not a closure per article: a start decodes 100,000.) */
function ownId(a: unknown, id: string): string {
  return a === 0 ? id : str(a);
}

function roleOf(x: unknown, id: string): Role {
  if (!Array.isArray(x) || (x.length !== 3 && x.length !== 4)) throw malformed();
  const role: Role = { text: str(x[0]), article: ownId(x[1], id), paragraph: num(x[2]) };
  if (x.length === 4) role.evidence = str(x[3]);
  return role;
}

function row(x: unknown, length: number): unknown[] {
  if (!Array.isArray(x) || x.length !== length) throw malformed();
  return x;
}

function str(x: unknown): string {
  if (typeof x !== 'string') throw malformed();
  return x;
}

function strOrNull(x: unknown): string | null {
  return x === null ? null : str(x);
}

function num(x: unknown): number {
  if (typeof x !== 'number') throw malformed();
  return x;
}

function malformed(): Error {
  return new Error('newsdesk: a stored extraction is malformed');
}

/**
 * JSON.parse makes a new string for every value: the few words kinds, cues and precisions are made of cost more than
 * the rest of an extraction's strings. They are made one string each (same values, so nothing reading them can tell).
 */
const commonStrings = new Map<string, string>();

function common(s: string): string {
  const hit = commonStrings.get(s);
  if (hit !== undefined) return hit;
  if (s.length <= 24 && commonStrings.size < 4096) commonStrings.set(s, s);
  return s;
}
