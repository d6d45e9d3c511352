/**
 * Extractive summarising: which sentences of a set say the most (centrality), which say the same
 * thing (near duplicates across outlets), and a pick that is central but not redundant (MMR).
 * Pure functions over plain strings; no knowledge of articles or answers.
 */
import { processTerm, tokenize } from '../search/text.ts';

/**
 * Names that outlets write differently for the same thing, folded to one term before stemming, so
 * "ISIS-Khorasan" and "IS-Khorasan", "the US" and "the United States", "Doha" and "the Qatari
 * capital" count as the same words. Applied to the original text (case matters for "US" vs "us").
 */
const SAME_THING: Array<[RegExp, string]> = [
  [/\b(?:the\s+)?United\s+States\b|\bU\.S\.(?!\w)|\bUS\b|\bUSA\b|\bWashington(?:'s|’s)?\b|\bAmerican(?:s)?\b/g, ' unitedstates '],
  [/\b(?:ISIS|ISIL|IS|Daesh|Islamic\s+State)(?:[-\s]K(?:horasan)?\b)?/g, ' isis '],
  [/\b[Aa]l[-\s]?Qa(?:e|i)da\b/g, ' alqaeda '],
  [/\bQatar(?:i|’s|'s)?(?:\s+capital)?\b/g, ' doha '],
  [/\b(?:Tom|Thomas)\s+West\b/g, ' west '],
  [/\bM[ou]t+aki\b/g, ' muttaki '],
  [/\bAfghan(?:s|istan(?:'s|’s)?)?\b/g, ' afghanistan '],
];

/** Words that carry no fact of their own in news copy (reporting verbs, fillers). */
const NEWS_FILLER: ReadonlySet<string> = new Set(
  [
    'said', 'say', 'says', 'told', 'tell', 'added', 'add', 'stressed', 'stress', 'indicated', 'indicate', 'pointed',
    'noted', 'stated', 'state', 'confirmed', 'according', 'made', 'clear', 'also', 'still', 'would', 'could', 'today',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'week', 'month', 'year', 'time',
  ].map((w) => processTerm(w) ?? w),
);

/**
 * The content terms of a text for comparing sentences: outlet-specific names folded, stop words and
 * reporting verbs dropped, stemmed like the search index.
 */
export function contentTerms(text: string): string[] {
  let t = text.replace(/[’]/g, "'");
  for (const [re, to] of SAME_THING) t = t.replace(re, to);
  const out: string[] = [];
  for (const tok of tokenize(t)) {
    for (const part of tok.word.split('-')) {
      const term = processTerm(part);
      if (term && term.length > 1 && !NEWS_FILLER.has(term)) out.push(term);
    }
  }
  return out;
}

export type TermVector = Map<string, number>;

/** TF-IDF vectors (sublinear tf, smoothed idf, unit length) of term lists over the same vocabulary. */
export function tfidfVectors(docs: string[][]): TermVector[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: TermVector = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * Math.log(1 + n / (df.get(t) ?? 1));
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
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

/** Share of the smaller term set found in the larger one (containment), 0–1: catches a short report of a longer sentence. */
export function overlap(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (!sa.size || !sb.size) return 0;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  let common = 0;
  for (const t of small) if (large.has(t)) common++;
  return common / small.size;
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

/** Two sentences from different articles this similar (cosine) report the same fact. */
export const SAME_FACT = 0.38;
/** …or when this share of the shorter one's terms is in the longer one (and the cosine is at least SAME_FACT_FLOOR). */
export const SAME_FACT_CONTAINED = 0.7;
export const SAME_FACT_FLOOR = 0.25;

/** Whether two sentences (from different outlets) report the same fact. */
export function sameFact(cos: number, contained: number): boolean {
  return cos >= SAME_FACT || (contained >= SAME_FACT_CONTAINED && cos >= SAME_FACT_FLOOR);
}

/**
 * Groups indices whose pairwise relation `same(i, j)` holds, never putting two members of the same
 * `group` (article) together: each cluster has at most one sentence per outlet. Greedy in `order`.
 */
export function clusterSame(order: number[], same: (i: number, j: number) => boolean, groupOf: (i: number) => string): number[][] {
  const clusters: number[][] = [];
  const home = new Map<number, number[]>();
  for (const i of order) {
    let best: number[] | undefined;
    for (const c of clusters) {
      if (c.some((j) => groupOf(j) === groupOf(i))) continue;
      if (same(c[0], i)) {
        best = c;
        break;
      }
    }
    if (best) best.push(i);
    else clusters.push([i]);
    home.set(i, best ?? clusters[clusters.length - 1]);
  }
  return clusters;
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
