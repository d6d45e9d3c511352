/**
 * Extractive summarising: which sentences of a set say the most (centrality), which say the same
 * thing (near duplicates across outlets), and a pick that is central but not redundant (MMR).
 * Pure functions over plain strings; no knowledge of articles or answers.
 */
import { processTerm, tokenize } from '../search/text.ts';

/**
 * Words that outlets write differently for the same thing, folded to one term before stemming: the US under
 * its usual names, the common spellings of the Islamic State and al-Qaeda, and the words news copy uses for
 * a round of negotiations. Names of people are folded from the knowledge instead (NameFolds). Applied to the
 * original text (case matters for "US" vs "us").
 */
const SAME_THING: Array<[RegExp, string]> = [
  [/\b(?:the\s+)?United\s+States\b|\bU\.S\.(?!\w)|\bUS\b|\bUSA\b|\bWashington(?:'s|’s)?\b|\bAmerican(?:s)?\b/g, ' unitedstates '],
  [/\b(?:ISIS|ISIL|IS|Daesh|Islamic\s+State)(?:[-\s]K(?:horasan)?\b)?/g, ' isis '],
  [/\b[Aa]l[-\s]?Qa(?:e|i)da\b/g, ' alqaeda '],
  [/\b(?:round of talks|talks|meetings?|sessions?|discussions|negotiations|dialog(?:ue)?|contacts)\b/gi, ' talks '],
];

/** Folded terms that stand for a name. */
const FOLDED_NAME = /^(?:unitedstates|isis|alqaeda|nm\d+)$/;

/**
 * Every written form of one person folded to one term ("Tom West", "Thomas West" and "West";
 * "Muttaki" and "Mottaki"), from the name variants the entity merge found.
 */
export class NameFolds {
  private readonly pattern: RegExp | null;
  private readonly tokens = new Map<string, string>();

  /** `groups`: the name forms of each entity (canonical and variants). */
  constructor(groups: Iterable<readonly string[]> = []) {
    let i = 0;
    for (const forms of groups) {
      const distinct = [...new Set(forms.filter((f) => f.length >= 3))];
      if (distinct.length < 2) continue;
      const token = ` nm${i++} `;
      for (const f of distinct) if (!this.tokens.has(f)) this.tokens.set(f, token);
    }
    const alternatives = [...this.tokens.keys()].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  }

  apply(text: string): string {
    return this.pattern ? text.replace(this.pattern, (m) => this.tokens.get(m) ?? m) : text;
  }
}

const NO_FOLDS = new NameFolds();

/** Words that carry no fact of their own in news copy (reporting verbs, fillers). */
const NEWS_FILLER: ReadonlySet<string> = new Set(
  [
    'said', 'say', 'says', 'told', 'tell', 'added', 'add', 'stressed', 'stress', 'indicated', 'indicate', 'pointed',
    'noted', 'stated', 'state', 'confirmed', 'according', 'made', 'clear', 'also', 'still', 'would', 'could', 'today',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'week', 'month', 'year', 'time',
  ].map((w) => processTerm(w) ?? w),
);

/** The terms of a sentence for comparing it with others. */
export interface FactTerms {
  /** Content words, stemmed, in order. */
  words: string[];
  /** Adjacent content-word pairs (`visit_pakistan`): shared phrasing, not just shared vocabulary. */
  pairs: string[];
  /** Words that came from names (capitalised mid-sentence, or a folded name): one name counts once as evidence. */
  names: Set<string>;
  /** words and pairs together: what vectors are made of. */
  all: string[];
}

/**
 * The content terms of a text: names folded (see NameFolds), stop words and reporting verbs
 * dropped, stemmed like the search index.
 */
export function factTerms(text: string, folds: NameFolds = NO_FOLDS): FactTerms {
  let t = folds.apply(text.replace(/[’]/g, "'"));
  for (const [re, to] of SAME_THING) t = t.replace(re, to);
  const words: string[] = [];
  const names = new Set<string>();
  let first = true;
  for (const tok of tokenize(t)) {
    for (const part of tok.word.split('-')) {
      const term = processTerm(part);
      const capitalised = /^\p{Lu}/u.test(part) && !first;
      first = false;
      if (!term || term.length < 2 || NEWS_FILLER.has(term)) continue;
      words.push(term);
      if (capitalised || FOLDED_NAME.test(part)) names.add(term);
    }
  }
  const pairs = words.slice(1).map((w, i) => `${words[i]}_${w}`);
  return { words, pairs, names, all: [...words, ...pairs] };
}

/** The content words of a text (see factTerms). */
export function contentTerms(text: string): string[] {
  return factTerms(text).words;
}

export type TermVector = Map<string, number>;

/**
 * A vector space over a set of sentences: document frequencies for TF-IDF weights and for telling
 * rare (informative) words from the ones every sentence of the corpus uses.
 */
export class FactSpace {
  private readonly df = new Map<string, number>();
  readonly size: number;

  constructor(
    docs: FactTerms[],
    readonly folds: NameFolds = NO_FOLDS,
  ) {
    this.size = docs.length;
    for (const d of docs) for (const t of new Set(d.all)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  /** The fact terms of a text, with this space's name folds. */
  terms(text: string): FactTerms {
    return factTerms(text, this.folds);
  }

  /** TF-IDF vector (sublinear tf, smoothed idf, unit length); words never seen count as rare. */
  vector(f: FactTerms): TermVector {
    const tf = new Map<string, number>();
    for (const t of f.all) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: TermVector = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * Math.log(1 + Math.max(1, this.size) / (this.df.get(t) ?? 1));
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }

  /** A term fewer than `share` of the sentences use (at least 3 may). */
  isRare(term: string, share = 0.1): boolean {
    return (this.df.get(term) ?? 0) <= Math.max(3, this.size * share);
  }

  /**
   * Pieces of evidence two sentences share: rare words that are not names, one for any shared
   * rare name, and rare word pairs that are not just two names.
   */
  sharedAnchors(a: FactTerms, b: FactTerms, namesOnce = true, rareShare = 0.1): number {
    let n = 0;
    let name = false;
    const bw = new Set(b.words);
    for (const t of new Set(a.words)) {
      if (!bw.has(t) || !this.isRare(t, rareShare)) continue;
      if ((a.names.has(t) || b.names.has(t)) && namesOnce) name = true;
      else n++;
    }
    const bp = new Set(b.pairs);
    for (const p of new Set(a.pairs)) {
      if (!bp.has(p) || !this.isRare(p, rareShare)) continue;
      const [x, y] = p.split('_');
      if (!(a.names.has(x) && a.names.has(y))) n++;
    }
    return n + (name ? 1 : 0);
  }

  /**
   * Whether two sentences from different outlets report the same fact: similar overall (cosine of
   * words and word pairs) and sharing at least three pieces of rare evidence. Tuned to keep false
   * merges (a citation for something an outlet did not say) rarer than missed ones.
   */
  sameFact(a: FactTerms, b: FactTerms, va = this.vector(a), vb = this.vector(b)): boolean {
    return cosine(va, vb) >= SAME_FACT && this.sharedAnchors(a, b) >= SAME_FACT_ANCHORS;
  }

  /** Looser: two sentences about one event (for flagging different dates, not for merging citations). */
  sameEvent(a: FactTerms, b: FactTerms): boolean {
    return cosine(this.vector(a), this.vector(b)) >= SAME_EVENT && this.sharedAnchors(a, b) >= SAME_EVENT_ANCHORS;
  }
}

export const SAME_FACT = 0.2;
export const SAME_FACT_ANCHORS = 3;
export const SAME_EVENT = 0.08;
export const SAME_EVENT_ANCHORS = 2;

/** TF-IDF vectors of term lists over their own vocabulary (see FactSpace for a shared one). */
export function tfidfVectors(docs: string[][]): TermVector[] {
  const space = new FactSpace(docs.map((all) => ({ words: all, pairs: [], names: new Set(), all })));
  return docs.map((all) => space.vector({ words: all, pairs: [], names: new Set(), all }));
}

/** Cosine similarity of two unit vectors, 0–1. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) dot += w * o;
  }
  return dot;
}

/** A symmetric similarity matrix of `vectors` by cosine. */
export function similarityMatrix(vectors: TermVector[]): number[][] {
  const m = vectors.map(() => new Array<number>(vectors.length).fill(0));
  for (let i = 0; i < vectors.length; i++) {
    m[i][i] = 1;
    for (let j = i + 1; j < vectors.length; j++) m[i][j] = m[j][i] = cosine(vectors[i], vectors[j]);
  }
  return m;
}

/**
 * Degree centrality (LexRank without the random walk): how much of what the others say each one
 * says too, as the mean similarity to every other, scaled so the most central is 1.
 */
export function centrality(sim: number[][]): number[] {
  const n = sim.length;
  if (n <= 1) return sim.map(() => 1);
  const raw = sim.map((row, i) => row.reduce((s, v, j) => (j === i ? s : s + v), 0) / (n - 1));
  const max = Math.max(...raw) || 1;
  return raw.map((r) => r / max);
}

export interface MmrOptions {
  /** Trade-off between relevance (1) and novelty (0). */
  lambda?: number;
  limit: number;
  /** Candidates more similar than this to an already chosen one are never chosen. */
  redundancy?: number;
}

/**
 * Maximal marginal relevance: repeatedly takes the candidate with the best
 * `lambda * score - (1 - lambda) * max similarity to those already taken`.
 * Returns indices in the order chosen (most central and least redundant first).
 */
export function mmrSelect(scores: number[], sim: (i: number, j: number) => number, options: MmrOptions): number[] {
  const lambda = options.lambda ?? 0.7;
  const redundancy = options.redundancy ?? 0.5;
  const chosen: number[] = [];
  const left = new Set(scores.map((_, i) => i));
  while (chosen.length < options.limit && left.size) {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of left) {
      const maxSim = chosen.reduce((m, j) => Math.max(m, sim(i, j)), 0);
      if (maxSim > redundancy) {
        left.delete(i);
        continue;
      }
      const value = lambda * scores[i] - (1 - lambda) * maxSim;
      if (value > bestValue || (value === bestValue && i < best)) {
        best = i;
        bestValue = value;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    left.delete(best);
  }
  return chosen;
}
