/**
 * Lookups over an AnswerContext, so answers do not scan every entity, quote and date per query.
 * `buildLookups` is linear and cheap (grouping by key only); the name and text indexes that need normalising every
 * name or quote are built on first use and kept. Every lookup keeps the context's order (indices ascending), so
 * answers built from them are the same as from a full scan.
 */
import type { ArticleKnowledge, DateMention, Entity, Quote } from '../knowledge/types.ts';
import { runAtOnce, runSliced } from '../slices.ts';

/** Items grouped per step. */
const STEP = 500;

export interface LookupSource {
  entities: Entity[];
  quotes: Quote[];
  /** Each article's extraction (its dates in context order). */
  knowledge: ReadonlyMap<string, ArticleKnowledge>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class Lookups {
  /** Indices of the quotes (ascending) attributed to an entity id. */
  readonly quotesByEntity = new Map<string, number[]>();
  /** Indices of the quotes (ascending) with no entity id, by speaker string. */
  readonly quotesBySpeakerNoEntity = new Map<string, number[]>();
  /** Indices of the quotes (ascending) with a speaker, by speaker string. */
  readonly quotesBySpeaker = new Map<string, number[]>();
  /** Entity by id. */
  readonly entityById = new Map<string, Entity>();

  private readonly memo = new Map<string, unknown>();

  /** Groups everything now, unless `later` (then `fill` does it, in steps). */
  constructor(
    readonly source: LookupSource,
    later = false,
  ) {
    if (!later) runAtOnce(this.fill());
  }

  /** The grouping, in steps (`buildLookupsAsync` pauses between them). */
  *fill(): Generator<void, void> {
    const { quotes, entities } = this.source;
    for (let i = 0; i < quotes.length; i++) {
      const q = quotes[i];
      if (q.entityId) push(this.quotesByEntity, q.entityId, i);
      else if (q.speaker) push(this.quotesBySpeakerNoEntity, q.speaker, i);
      if (q.speaker) push(this.quotesBySpeaker, q.speaker, i);
      if (i % STEP === STEP - 1) yield;
    }
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i];
      if (!this.entityById.has(e.id)) this.entityById.set(e.id, e);
      if (i % STEP === STEP - 1) yield;
    }
  }

  /** The date mentions of one paragraph of an article, in context order (a photo caption's dates a picture: none). */
  datesIn(article: string, paragraph: number): DateMention[] {
    const out: DateMention[] = [];
    for (const d of this.source.knowledge.get(article)?.dates ?? []) if (d.paragraph === paragraph && !d.caption) out.push(d);
    return out;
  }

  /** A structure built on first use by `build`, then kept (per key). */
  lazy<T>(key: string, build: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = build();
    this.memo.set(key, value);
    return value;
  }
}

export function buildLookups(source: LookupSource): Lookups {
  return new Lookups(source);
}

/** As `buildLookups`, in slices of a few ms with the event loop served in between. */
export async function buildLookupsAsync(source: LookupSource): Promise<Lookups> {
  const lookups = new Lookups(source, true);
  await runSliced(lookups.fill());
  return lookups;
}

const built = new WeakMap<object, Lookups>();

/** The context's lookups; built (and kept) for a context made without them (tests, hand-made contexts). */
export function lookupsOf(ctx: LookupSource & { lookups?: Lookups }): Lookups {
  if (ctx.lookups) return ctx.lookups;
  let l = built.get(ctx);
  if (!l) {
    l = buildLookups(ctx);
    built.set(ctx, l);
  }
  return l;
}

/** Merges ascending index lists into one ascending list without duplicates. */
export function mergeIndices(lists: Iterable<readonly number[]>): number[] {
  const all: number[] = [];
  for (const l of lists) for (const i of l) all.push(i);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const i of all) if (out[out.length - 1] !== i) out.push(i);
  return out;
}

/**
 * A lower bound of the edit distance between `q` and `s`: letters one has more of than the other (each edit
 * changes that count by at most one). Cheap, to skip the full distance for far-off names.
 */
export class LetterBound {
  private readonly counts = new Int32Array(128);
  private readonly scratch = new Int32Array(128);
  private readonly letters: number[] = [];

  constructor(private readonly q: string) {
    for (let i = 0; i < q.length; i++) {
      const c = q.charCodeAt(i) & 127;
      if (!this.counts[c]) this.letters.push(c);
      this.counts[c]++;
    }
  }

  of(s: string): number {
    const seen = this.scratch;
    for (let i = 0; i < s.length; i++) seen[s.charCodeAt(i) & 127]++;
    let common = 0;
    for (const c of this.letters) common += Math.min(this.counts[c], seen[c]);
    for (let i = 0; i < s.length; i++) seen[s.charCodeAt(i) & 127] = 0;
    return Math.max(this.q.length - common, s.length - common);
  }
}

