import type { Article } from '../../corpus/types.ts';
import { runSliced, slicePause, sortSteps } from '../../slices.ts';
import { lookupAlias } from './aliases.ts';
import { fold, isNicknameOf, nameKey, sameGivenName, sameNameWord, skeleton, slug } from './name-forms.ts';
import type { ArticleEntity, ArticleKnowledge, Entity } from '../types.ts';

export interface MergedEntities {
  /** Ranked: most mentioned first. */
  entities: Entity[];
  /** Which global entity speaks each quote. */
  ids: SpeakerRanks;
}

/** A merge just made: which global entity each article entity belongs to, too. */
export interface FreshMerge extends MergedEntities {
  ids: EntityIds;
}

export interface SpeakerRanks {
  /**
   * The rank (index in `entities`) of the global entity that quote `quote` of article `article` (indexes in the merged
   * list) is attributed to, its speaker named `speaker` in the article; -1 for none.
   */
  rankOf(article: number, quote: number, speaker: string): number;
}

/*
 * Merging across articles needs more than string likeness:
 * - organisations and groups: the same alias-table entry or the same name key;
 * - people with the same full name: merged unless their roles contradict (both have roles, none shared);
 * - people whose names only resemble (nickname "Tom"/"Thomas", spelling "Muttaki"/"Mottaki", "Anthony"/"Antony",
 *   a surname alone): merged when the evidence adds up: shared role words and shared co-occurring entities.
 * Candidates are blocked by surname skeleton, so the work grows with the number of same-surname pairs only.
 */

const ROLE_STOP = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'and', 'at', 'us', 'u.s', 'new', 'former', 'senior', 'top', "'s", 'then']);
/** Entities too common to count as shared context. */
const MAX_CONTEXT_SHARE = 0.2;

interface Node {
  article: string;
  e: ArticleEntity;
  words: string[];
  roleWords: Set<string>;
  parent: number;
}

export function mergeEntities(perArticle: ArticleKnowledge[], articles: ReadonlyMap<string, Pick<Article, 'hash'>>): FreshMerge {
  const steps = mergeSteps(perArticle, articles);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** As `mergeEntities`, pausing (`pause`, default: a few ms of work per slice) between chunks of work so answers are not stalled. */
export async function mergeEntitiesAsync(perArticle: ArticleKnowledge[], articles: ReadonlyMap<string, Pick<Article, 'hash'>>, pause: () => Promise<void> = slicePause()): Promise<FreshMerge> {
  return runSliced(mergeSteps(perArticle, articles), pause);
}

/** Memoised string functions: a corpus repeats the same names many times. */
function memo<T>(fn: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      v = fn(s);
      cache.set(s, v);
    }
    return v as T;
  };
}

/** Work units (node visits, pair tests) between steps: small, since a pair test can cost microseconds (slices.ts times the pauses). */
const STEP_WORK = 500;

function* mergeSteps(perArticle: ArticleKnowledge[], articles: ReadonlyMap<string, Pick<Article, 'hash'>>): Generator<void, FreshMerge> {
  const foldM = memo(fold);
  const skeletonM = memo(skeleton);
  const aliasM = memo(lookupAlias);
  const nameKeyM = memo(nameKey);
  const slugM = memo(slug);
  const looseKeyOf = (e: ArticleEntity): string => {
    if (e.kind !== 'person') {
      const alias = aliasM(e.canonical);
      return `o:${alias ? alias.canonical : nameKeyM(e.canonical)}`;
    }
    const w = e.canonical.split(/\s+/);
    return `p:${skeletonM(w[w.length - 1])}`;
  };
  let work = 0;

  // Each article's entities read once (a stored extraction reads them from its segment file on every access).
  const lists: ArticleEntity[][] = new Array(perArticle.length);
  const nodes: Node[] = [];
  for (let a = 0; a < perArticle.length; a++) {
    const k = perArticle[a];
    const list = (lists[a] = k.entities);
    for (const e of list) {
      nodes.push({ article: k.article, e, words: e.canonical.split(/\s+/), roleWords: roleWordsOf(e, foldM), parent: nodes.length });
    }
    if ((work += list.length + 1) > STEP_WORK) {
      work = 0;
      yield;
    }
  }
  const find = (i: number): number => {
    while (nodes[i].parent !== i) {
      nodes[i].parent = nodes[nodes[i].parent].parent;
      i = nodes[i].parent;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) nodes[Math.max(ra, rb)].parent = Math.min(ra, rb);
  };

  // Organisations and groups: alias entry or name key.
  const orgKeys = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.e.kind === 'person') continue;
    const keys = new Set<string>();
    for (const v of [n.e.canonical, ...n.e.variants]) {
      const alias = aliasM(v);
      keys.add(alias ? `alias:${alias.canonical}` : `name:${nameKeyM(v)}`);
    }
    for (const key of keys) {
      const j = orgKeys.get(key);
      if (j === undefined) orgKeys.set(key, i);
      else union(i, j);
    }
    if (++work > STEP_WORK) {
      work = 0;
      yield;
    }
  }

  // Context: the other entities of each article (by a loose key), and how common each is in the corpus.
  // Articles with the same context (copies) share one set and one id.
  const contextOf = new Map<string, Set<string>>();
  const contextId = new Map<string, number>();
  const contextIds = new Map<string, number>();
  const df = new Map<string, number>();
  for (let a = 0; a < perArticle.length; a++) {
    const k = perArticle[a];
    const keys = new Set(lists[a].map(looseKeyOf));
    contextOf.set(k.article, keys);
    const sig = [...keys].sort().join('\u0001');
    let id = contextIds.get(sig);
    if (id === undefined) contextIds.set(sig, (id = contextIds.size));
    contextId.set(k.article, id);
    for (const key of keys) df.set(key, (df.get(key) ?? 0) + 1);
    if ((work += lists[a].length + 1) > STEP_WORK) {
      work = 0;
      yield;
    }
  }
  const nArticles = Math.max(1, perArticle.length);

  // People: block by surname skeleton. Within a block, nodes with the same name, role words and article context
  // (an article and its copies) decide alike, so each pair of such classes is tested once.
  const blocks = new Map<string, Map<string, number[]>>();
  /** Per block, its distinct nodes up to copies (an article and its copies share a content hash). */
  const blockSize = new Map<string, number>();
  const seenContent = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.e.kind !== 'person') continue;
    const key = skeletonM(n.words[n.words.length - 1]);
    if (!key) continue;
    let classes = blocks.get(key);
    if (!classes) blocks.set(key, (classes = new Map()));
    const content = `${articles.get(n.article)?.hash ?? `id:${n.article}`}\u0000${n.e.canonical}`;
    if (!seenContent.has(content)) {
      seenContent.add(content);
      blockSize.set(key, (blockSize.get(key) ?? 0) + 1);
    }
    const base = `${n.e.canonical}\u0000${[...n.roleWords].sort().join(' ')}\u0000${contextId.get(n.article)}`;
    // A class holds at most one node per article (an article naming the same form twice gets a second class).
    let classKey = base;
    for (let c = 2; ; c++) {
      const members = classes.get(classKey);
      if (!members || nodes[members[members.length - 1]].article !== n.article) break;
      classKey = `${base}\u0000${c}`;
    }
    let members = classes.get(classKey);
    if (!members) classes.set(classKey, (members = []));
    members.push(i);
    if (++work > STEP_WORK) {
      work = 0;
      yield;
    }
  }
  for (const [key, classMap] of blocks) {
    if (blockSize.get(key)! > 2000) continue; // a pathological block: leave it unmerged rather than go quadratic
    const classes = [...classMap.values()];
    // Name likeness depends on the two names only: one test per pair of distinct names in the block.
    const nameIdx = new Map<string, number>();
    const className = classes.map((c) => {
      const canonical = nodes[c[0]].e.canonical;
      let j = nameIdx.get(canonical);
      if (j === undefined) nameIdx.set(canonical, (j = nameIdx.size));
      return j;
    });
    const nn = nameIdx.size;
    const scores = new Float32Array(nn * nn).fill(-1);
    const nameScoreM = (x: number, y: number): number => {
      const i = className[x] * nn + className[y];
      let v = scores[i];
      if (v < 0) scores[i] = scores[className[y] * nn + className[x]] = v = nameScore(nodes[classes[x][0]].words, nodes[classes[y][0]].words, foldM);
      return v;
    };
    for (let x = 0; x < classes.length; x++) {
      const A = classes[x];
      const a = nodes[A[0]];
      // Within a class: every node decides alike with every other (they are in different articles).
      if (A.length > 1 && shouldMergePeople(a, nodes[A[1]], nameScoreM(x, x), contextOf, df, nArticles)) {
        for (let m = 1; m < A.length; m++) union(A[0], A[m]);
      }
      for (let y = x + 1; y < classes.length; y++) {
        const B = classes[y];
        const b = nodes[B[0]];
        const name = nameScoreM(x, y);
        if (name === 0) continue;
        if (A.length === 1 && B.length === 1) {
          if (a.article !== b.article && shouldMergePeople(a, b, name, contextOf, df, nArticles)) union(A[0], B[0]);
          continue;
        }
        // Test the pair of classes once (on any two nodes of different articles), then link every node of one class to
        // up to two nodes of the other in another article: the same components as linking every such pair.
        const pa = A[0];
        const pb = nodes[B[0]].article !== a.article ? B[0] : B.length > 1 ? B[1] : -1;
        let probeA = pa;
        let probeB = pb;
        if (pb === -1) {
          if (A.length < 2) continue;
          probeA = A[1];
          probeB = B[0];
        }
        if (!shouldMergePeople(nodes[probeA], nodes[probeB], name, contextOf, df, nArticles)) continue;
        linkAcross(A, B, nodes, union);
        linkAcross(B, A, nodes, union);
      }
      if ((work += classes.length - x) > STEP_WORK) {
        work = 0;
        yield;
      }
    }
  }

  // Build the global entities.
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < nodes.length; i++) {
    const r = find(i);
    let members = byRoot.get(r);
    if (!members) byRoot.set(r, (members = []));
    members.push(i);
    if (++work > STEP_WORK) {
      work = 0;
      yield;
    }
  }
  yield;
  const entities: Entity[] = [];
  const memberLists: number[][] = [];
  const usedIds = new Set<string>();
  const nextSuffix = new Map<string, number>();
  for (const memberIdx of byRoot.values()) {
    const members = memberIdx.map((i) => nodes[i]);
    const canonical = globalCanonical(members);
    const base = slugM(canonical);
    let id = base;
    if (usedIds.has(id)) {
      let k = nextSuffix.get(base) ?? 2;
      for (; usedIds.has(`${base}-${k}`); k++);
      id = `${base}-${k}`;
      nextSuffix.set(base, k + 1);
    }
    usedIds.add(id);
    entities.push(entityOf(id, canonical, members));
    memberLists.push(memberIdx);
    if ((work += members.length) > STEP_WORK) {
      work = 0;
      yield;
    }
  }
  // Sorted as a stable sort of `entities` would.
  const order = yield* sortSteps(entities.map((_, j) => j), (x, y) => compareEntities(entities[x], entities[y]) || x - y);
  const of = new Int32Array(nodes.length);
  const sorted: Entity[] = [];
  for (let rank = 0; rank < order.length; rank++) {
    const j = order[rank];
    const e = entities[j];
    for (const i of memberLists[j]) of[i] = rank;
    sorted.push(e);
    if ((work += memberLists[j].length) > STEP_WORK) {
      work = 0;
      yield;
    }
  }
  // Components are numbered in order of their first article entity.
  const firstSeen = new Int32Array(order.length);
  for (let rank = 0; rank < order.length; rank++) firstSeen[rank] = order[rank];
  return { entities: sorted, ids: new EntityIds(sorted, lists, of, firstSeen) };
}

/**
 * The global entity of each article entity, from the merge's own record of it (no key per article entity: at 100,000
 * articles a map of `article + name` strings was a third of a second and 30 MB to build).
 */
export class EntityIds implements SpeakerRanks {
  /** Per article (merged list order), where its entities start in `of`. */
  private readonly starts: Int32Array;

  constructor(
    private readonly entities: readonly Entity[],
    /** Per article, its entities (as the merge read them). */
    private readonly lists: readonly ArticleEntity[][],
    /** Per article entity (articles in order, then their entities in order), the rank of its global entity. */
    private readonly ranks: Int32Array,
    /** Per global entity (rank), the order in which its component was first seen: of two, the later one wins. */
    private readonly firstSeen: Int32Array,
  ) {
    this.starts = new Int32Array(lists.length + 1);
    for (let a = 0; a < lists.length; a++) this.starts[a + 1] = this.starts[a] + lists[a].length;
  }

  /** The rank of the global entity that article `index`'s entity `canonical` belongs to (an article naming one form twice: its last component's), or -1. */
  rankOfEntity(index: number, canonical: string): number {
    const list = this.lists[index];
    if (!list) return -1;
    let best = -1;
    for (let k = 0; k < list.length; k++) {
      if (list[k].canonical !== canonical) continue;
      const rank = this.ranks[this.starts[index] + k];
      if (best < 0 || this.firstSeen[rank] > this.firstSeen[best]) best = rank;
    }
    return best;
  }

  /** The id of the global entity that article `index`'s entity `canonical` belongs to. */
  of(index: number, canonical: string): string | undefined {
    const rank = this.rankOfEntity(index, canonical);
    return rank < 0 ? undefined : this.entities[rank].id;
  }

  rankOf(article: number, _quote: number, speaker: string): number {
    return this.rankOfEntity(article, speaker);
  }
}

/** `localeCompare` without arguments, as one collator (the same order, many times faster). */
const collator = new Intl.Collator();
const compareEntities = (a: Entity, b: Entity) => b.mentions - a.mentions || collator.compare(a.canonical, b.canonical);

/** A global entity from its members (article entities, in input order). */
function entityOf(id: string, canonical: string, members: Array<{ article: string; e: ArticleEntity }>): Entity {
  return entityFrom(id, canonical, members.map((m) => m.article), members.map((m) => m.e), 0, members.length);
}

/** A global entity from its members [from, to) of the parallel lists of articles and article entities. */
function entityFrom(id: string, canonical: string, articles: readonly string[], members: readonly ArticleEntity[], from: number, to: number): Entity {
  // Articles in a list: an article's members are adjacent (input order). Forms in a list while they are a handful,
  // in a set beside it once they are many (an organisation named a hundred ways).
  const variants: string[] = [];
  let seen: Set<string> | null = null;
  const roles = [];
  const arts: string[] = [];
  let mentions = 0;
  for (let m = from; m < to; m++) {
    const e = members[m];
    for (let k = -1; k < e.variants.length; k++) {
      const v = k < 0 ? e.canonical : e.variants[k];
      if (seen ? seen.has(v) : variants.includes(v)) continue;
      variants.push(v);
      if (seen) seen.add(v);
      else if (variants.length > 16) seen = new Set(variants);
    }
    for (const r of e.roles) roles.push(r);
    if (arts[arts.length - 1] !== articles[m]) arts.push(articles[m]);
    mentions += e.mentions;
  }
  if (!variants.includes(canonical)) variants.unshift(canonical);
  return { id, canonical, kind: members[from].kind, variants, roles, articles: arts, mentions };
}

/** Links each node of `from` to up to two nodes of `to` in other articles. */
function linkAcross(from: number[], to: number[], nodes: Node[], union: (a: number, b: number) => void): void {
  for (const x of from) {
    let linked = 0;
    for (const y of to) {
      if (nodes[y].article === nodes[x].article) continue;
      union(x, y);
      if (++linked === 2) break;
    }
  }
}

function roleWordsOf(e: ArticleEntity, foldM: (s: string) => string): Set<string> {
  const out = new Set<string>();
  for (const r of e.roles) {
    // Implied roles name the other party ("predecessor of Maria Santos"): no evidence of who this is.
    if (/^(?:predecessor of|previous holder)\b/.test(r.text)) continue;
    for (const w of foldM(r.text).split(/[^a-z0-9'.-]+/)) if (w && !ROLE_STOP.has(w) && !w.startsWith('successor')) out.add(w);
  }
  return out;
}

/** Name likeness: 2 for the same full name, 1 for a variant full name, 0.5 when one side is a surname alone, 0 otherwise. */
function nameScore(a: string[], b: string[], foldM: (s: string) => string): number {
  const sa = a[a.length - 1];
  const sb = b[b.length - 1];
  if (!sameNameWord(sa, sb)) return 0;
  if (a.length >= 2 && b.length >= 2) {
    if (foldM(a.join(' ')) === foldM(b.join(' '))) return 2;
    if (!sameGivenName(a[0], b[0])) return 0;
    return 1;
  }
  return 0.5;
}

function shouldMergePeople(a: Node, b: Node, name: number, contextOf: Map<string, Set<string>>, df: Map<string, number>, n: number): boolean {
  if (name === 0) return false;
  let shared = 0;
  let union = 0;
  for (const w of a.roleWords) if (b.roleWords.has(w)) shared++;
  union = a.roleWords.size + b.roleWords.size - shared;
  const roleSim = union ? shared / union : 0;
  const rolesConflict = a.roleWords.size > 0 && b.roleWords.size > 0 && shared === 0;
  if (name === 2) return !rolesConflict || contextShare(a, b, contextOf, df, n) >= 2;
  const context = contextShare(a, b, contextOf, df, n);
  const evidence = 2 * roleSim + Math.min(1.5, 0.5 * context);
  return name + evidence >= 2;
}

/** Entities both articles mention (other than the pair), ignoring ones found in a large share of the corpus. */
function contextShare(a: Node, b: Node, contextOf: Map<string, Set<string>>, df: Map<string, number>, n: number): number {
  const ca = contextOf.get(a.article);
  const cb = contextOf.get(b.article);
  if (!ca || !cb) return 0;
  const self = `p:${skeleton(a.words[a.words.length - 1])}`;
  let count = 0;
  for (const key of ca) {
    if (key === self || !cb.has(key)) continue;
    if (n >= 20 && (df.get(key) ?? 0) / n > MAX_CONTEXT_SHARE) continue;
    count++;
  }
  return count;
}

/** The global name: the full form most used, formal given names before their short forms. */
function globalCanonical(members: Node[]): string {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.e.canonical, (counts.get(m.e.canonical) ?? 0) + m.e.mentions);
  const alias = members[0].e.kind !== 'person' ? lookupAlias(members[0].e.canonical) : undefined;
  if (alias) return alias.canonical;
  const forms = [...counts.entries()];
  forms.sort(([fa, na], [fb, nb]) => {
    const wa = fa.split(/\s+/);
    const wb = fb.split(/\s+/);
    const full = (wb.length >= 2 ? 1 : 0) - (wa.length >= 2 ? 1 : 0);
    if (full) return full;
    if (wa.length >= 2 && wb.length >= 2 && wa[wa.length - 1] === wb[wb.length - 1]) {
      if (isNicknameOf(wa[0], wb[0])) return 1;
      if (isNicknameOf(wb[0], wa[0])) return -1;
    }
    return nb - na || wb.length - wa.length || fa.localeCompare(fb);
  });
  return forms[0][0];
}
