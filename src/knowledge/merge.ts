import type { Article } from '../corpus/types.ts';
import { lookupAlias } from './aliases.ts';
import { fold, isNicknameOf, nameKey, sameGivenName, sameNameWord, skeleton, slug } from './names.ts';
import type { ArticleEntity, ArticleKnowledge, Entity } from './types.ts';

export interface MergedEntities {
  entities: Entity[];
  /** `${articleId}\u0000${articleCanonical}` → global entity id */
  idOf: Map<string, string>;
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

export function mergeEntities(perArticle: ArticleKnowledge[], articles: Map<string, Article>): MergedEntities {
  void articles;
  const nodes: Node[] = [];
  for (const k of perArticle) {
    for (const e of k.entities) {
      nodes.push({ article: k.article, e, words: e.canonical.split(/\s+/), roleWords: roleWordsOf(e), parent: nodes.length });
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
  nodes.forEach((n, i) => {
    if (n.e.kind === 'person') return;
    const keys = new Set<string>();
    for (const v of [n.e.canonical, ...n.e.variants]) {
      const alias = lookupAlias(v);
      keys.add(alias ? `alias:${alias.canonical}` : `name:${nameKey(v)}`);
    }
    for (const key of keys) {
      const j = orgKeys.get(key);
      if (j === undefined) orgKeys.set(key, i);
      else union(i, j);
    }
  });

  // Context: the other entities of each article (by a loose key), and how common each is in the corpus.
  const contextOf = new Map<string, Set<string>>();
  const df = new Map<string, number>();
  for (const k of perArticle) {
    const keys = new Set(k.entities.map((e) => looseKey(e)));
    contextOf.set(k.article, keys);
    for (const key of keys) df.set(key, (df.get(key) ?? 0) + 1);
  }
  const nArticles = Math.max(1, perArticle.length);

  // People: block by surname skeleton.
  const blocks = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.e.kind !== 'person') return;
    const key = skeleton(n.words[n.words.length - 1]);
    if (!key) return;
    if (!blocks.has(key)) blocks.set(key, []);
    blocks.get(key)!.push(i);
  });
  for (const ids of blocks.values()) {
    if (ids.length > 2000) continue; // a pathological block: leave it unmerged rather than go quadratic
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const a = nodes[ids[x]];
        const b = nodes[ids[y]];
        if (a.article === b.article) continue;
        if (shouldMergePeople(a, b, contextOf, df, nArticles)) union(ids[x], ids[y]);
      }
    }
  }

  // Build the global entities.
  const byRoot = new Map<number, Node[]>();
  nodes.forEach((n, i) => {
    const r = find(i);
    if (!byRoot.has(r)) byRoot.set(r, []);
    byRoot.get(r)!.push(n);
  });
  const entities: Entity[] = [];
  const idOf = new Map<string, string>();
  const usedIds = new Set<string>();
  for (const members of byRoot.values()) {
    const canonical = globalCanonical(members);
    let id = slug(canonical);
    for (let k = 2; usedIds.has(id); k++) id = `${slug(canonical)}-${k}`;
    usedIds.add(id);
    const variants: string[] = [];
    const roles = [];
    const arts: string[] = [];
    let mentions = 0;
    for (const m of members) {
      for (const v of [m.e.canonical, ...m.e.variants]) if (!variants.includes(v)) variants.push(v);
      roles.push(...m.e.roles);
      if (!arts.includes(m.article)) arts.push(m.article);
      mentions += m.e.mentions;
      idOf.set(`${m.article}\u0000${m.e.canonical}`, id);
    }
    if (!variants.includes(canonical)) variants.unshift(canonical);
    entities.push({ id, canonical, kind: members[0].e.kind, variants, roles, articles: arts, mentions });
  }
  entities.sort((a, b) => b.mentions - a.mentions || a.canonical.localeCompare(b.canonical));
  return { entities, idOf };
}

function looseKey(e: ArticleEntity): string {
  if (e.kind !== 'person') {
    const alias = lookupAlias(e.canonical);
    return `o:${alias ? alias.canonical : nameKey(e.canonical)}`;
  }
  const w = e.canonical.split(/\s+/);
  return `p:${skeleton(w[w.length - 1])}`;
}

function roleWordsOf(e: ArticleEntity): Set<string> {
  const out = new Set<string>();
  for (const r of e.roles) {
    for (const w of fold(r.text).split(/[^a-z0-9'.-]+/)) if (w && !ROLE_STOP.has(w) && !w.startsWith('successor')) out.add(w);
  }
  return out;
}

/** Name likeness: 2 for the same full name, 1 for a variant full name, 0.5 when one side is a surname alone, 0 otherwise. */
function nameScore(a: string[], b: string[]): number {
  const sa = a[a.length - 1];
  const sb = b[b.length - 1];
  if (!sameNameWord(sa, sb)) return 0;
  if (a.length >= 2 && b.length >= 2) {
    if (fold(a.join(' ')) === fold(b.join(' '))) return 2;
    if (!sameGivenName(a[0], b[0])) return 0;
    return 1;
  }
  return 0.5;
}

function shouldMergePeople(a: Node, b: Node, contextOf: Map<string, Set<string>>, df: Map<string, number>, n: number): boolean {
  const name = nameScore(a.words, b.words);
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
