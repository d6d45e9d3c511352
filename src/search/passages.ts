/**
 * Full-text search over the paragraphs of the corpus.
 *
 * MiniSearch indexes the passages segment by segment (see segment.ts); its radix tree (`SearchableMap`) holds the
 * corpus-wide term dictionary used for exact, prefix and fuzzy term matching. Scoring is MiniSearch's own BM25 and
 * term weighting, computed over the frozen postings with two shortcuts that keep a query fast at a million passages:
 * - the coverage floor ("no citation, no answer"): a passage must match a share of the query's IDF weight, so the
 *   most common query terms are never scanned, only probed for the passages the rarer terms found;
 * - top-k: scores accumulate in flat arrays and only the best `limit` passages become hit objects;
 * - one segment at a time: a segment's scores fit in the processor's cache, where a corpus-wide array would miss it
 *   at nearly every posting.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Article } from '../corpus/types.ts';
import { buildSegment, findPosting, passagesOf, termIndex, type Segment } from './segment.ts';
import { queryTerms } from './text.ts';

export interface PassageHit {
  article: string;
  /** 1-based paragraph number. */
  paragraph: number;
  score: number;
  /** Index terms (processed) that matched this passage. */
  terms: string[];
  /** Share of the query's weight (by IDF) that this passage matches, 0–1. */
  coverage: number;
}

export interface PassageSearchOptions {
  limit?: number;
  /** Restrict to these article ids. */
  articles?: Set<string>;
  /** Hits matching less of the query than this share of its IDF weight are dropped (default 0.3). */
  minCoverage?: number;
  /** A fuzzier reading of the query: shorter words also match by prefix and near spellings, at a wider distance. */
  loose?: boolean;
}

export interface PassageSearch {
  search(query: string, options?: PassageSearchOptions): PassageHit[];
  /** Index terms close to the words of `query`, for "did you mean" suggestions. */
  suggest(query: string, limit?: number): string[];
  /** Number of indexed passages. */
  readonly size: number;
}

/** Articles per segment: small enough to rebuild one in about a second and to load one without a long pause. */
export const SEGMENT_ARTICLES = 2048;

/** Share of a query term's weight credited when it matched only as a prefix, or only fuzzily. */
const PREFIX_CREDIT = 0.8;
const FUZZY_CREDIT = 0.4;
/** MiniSearch's search options for passages: field boosts, prefix and fuzzy matching, their weights, BM25. */
const TITLE_BOOST = 0.3;
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.3;
const MAX_FUZZY = 6;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const prefixOf = (term: string, loose = false) => term.length >= (loose ? 4 : 5);
const fuzzyOf = (term: string, loose = false) => (loose ? (term.length >= 4 ? 0.34 : 0) : term.length >= 6 ? 0.2 : 0);
/** At most this many query terms count (a query is at most 500 characters; the rest are the least informative). */
const MAX_QUERY_TERMS = 32;
/** At most this many prefix or fuzzy variants per query term, closest first. */
const MAX_VARIANTS = 64;

/** Corpus-wide statistics of one index term. */
interface TermStat {
  /** Passages whose text holds the term. */
  df: number;
  /** Passages whose article title holds the term. */
  tdf: number;
  /** Most frequent written form, for suggestions ('' when unknown). */
  surface: string;
}

/** One index term a query term matches: itself, a longer word it prefixes, or a near spelling. */
interface Variant {
  term: string;
  /** MiniSearch's weight for the kind of match. */
  weight: number;
  /** Share of the query term's coverage weight the match earns. */
  credit: number;
  stat: TermStat;
  /** Per segment: index of the term in its text and title postings (-1 when absent). */
  text: Int32Array;
  title: Int32Array;
}

interface QueryTerm {
  term: string;
  /** IDF weight, for coverage. */
  weight: number;
  bit: number;
  variants: Variant[];
}

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** Passage search over frozen segments. Immutable: a changed corpus gets a new instance (segments are shared). */
export class SegmentedPassageSearch implements PassageSearch {
  readonly segments: readonly Segment[];
  readonly dictionary: SearchableMap<TermStat>;
  /** Per segment: global number of its first passage, then the total. */
  private readonly passageBase: Uint32Array;
  private readonly avgText: number;
  private readonly avgTitle: number;
  private readonly articleIndex = new Map<string, [number, number]>();
  private scan?: SegmentScan;

  private constructor(segments: readonly Segment[], dictionary: SearchableMap<TermStat>, textLength: number, titleLength: number) {
    this.segments = segments;
    this.dictionary = dictionary;
    this.passageBase = new Uint32Array(segments.length + 1);
    let base = 0;
    segments.forEach((s, i) => {
      this.passageBase[i] = base;
      base += passagesOf(s);
      s.articleIds.forEach((id, a) => this.articleIndex.set(id, [i, a]));
    });
    this.passageBase[segments.length] = base;
    this.avgText = base ? textLength / base : 0;
    this.avgTitle = base ? titleLength / base : 0;
  }

  /** Merges the segments' term statistics into a dictionary. `previous` lends surface forms of segments that dropped theirs. */
  static create(segments: readonly Segment[], previous?: SegmentedPassageSearch): SegmentedPassageSearch {
    const steps = SegmentedPassageSearch.merge(segments, previous);
    let r = steps.next();
    while (!r.done) r = steps.next();
    return r.value;
  }

  /** As `create`, yielding to the event loop between chunks of work. */
  static async createAsync(segments: readonly Segment[], previous?: SegmentedPassageSearch, pause: () => Promise<void> = yieldToEventLoop): Promise<SegmentedPassageSearch> {
    const steps = SegmentedPassageSearch.merge(segments, previous);
    let r = steps.next();
    while (!r.done) {
      await pause();
      r = steps.next();
    }
    return r.value;
  }

  private static *merge(segments: readonly Segment[], previous?: SegmentedPassageSearch): Generator<void, SegmentedPassageSearch> {
    const stats = new Map<string, TermStat>();
    let textLength = 0;
    let titleLength = 0;
    let work = 0;
    for (const s of segments) {
      const { text, title, surface } = s;
      for (let i = 0; i < text.terms.length; i++) {
        const term = text.terms[i];
        let st = stats.get(term);
        if (!st) stats.set(term, (st = { df: 0, tdf: 0, surface: '' }));
        st.df += text.offsets[i + 1] - text.offsets[i];
        if (!st.surface && surface?.[i]) st.surface = surface[i];
      }
      for (let i = 0; i < title.terms.length; i++) {
        const term = title.terms[i];
        let st = stats.get(term);
        if (!st) stats.set(term, (st = { df: 0, tdf: 0, surface: '' }));
        for (let p = title.offsets[i]; p < title.offsets[i + 1]; p++) {
          const a = title.docs[p];
          st.tdf += s.articleFirst[a + 1] - s.articleFirst[a];
        }
      }
      for (let d = 0; d < s.passageLength.length; d++) textLength += s.passageLength[d];
      for (let a = 0; a < s.articleIds.length; a++) titleLength += s.titleLength[a] * (s.articleFirst[a + 1] - s.articleFirst[a]);
      work += text.terms.length + title.terms.length;
      if (work > 25_000) {
        work = 0;
        yield;
      }
    }
    const dictionary = new SearchableMap<TermStat>();
    let n = 0;
    for (const [term, st] of stats) {
      if (!st.surface && previous) st.surface = previous.dictionary.get(term)?.surface ?? '';
      dictionary.set(term, st);
      if (++n % 10_000 === 0) yield;
    }
    // Surface forms now live in the dictionary.
    for (const s of segments) delete s.surface;
    return new SegmentedPassageSearch(segments, dictionary, textLength, titleLength);
  }

  get size(): number {
    return this.passageBase[this.segments.length];
  }

  /** Bytes held by the frozen postings and passage tables (the dictionary excluded). */
  get postingBytes(): number {
    let bytes = 0;
    for (const s of this.segments) {
      for (const a of [s.articleFirst, s.titleLength, s.passageArticle, s.passageParagraph, s.passageLength, s.text.offsets, s.text.docs, s.text.freqs, s.title.offsets, s.title.docs, s.title.freqs]) bytes += a.byteLength;
    }
    return bytes;
  }

  private queryTerms(query: string, loose = false): QueryTerm[] {
    const n = this.size;
    const segs = this.segments;
    const locate = (term: string, stat: TermStat, weight: number, credit: number): Variant => {
      const text = new Int32Array(segs.length);
      const title = new Int32Array(segs.length);
      for (let s = 0; s < segs.length; s++) {
        text[s] = stat.df ? termIndex(segs[s].text.terms, term) : -1;
        title[s] = stat.tdf ? termIndex(segs[s].title.terms, term) : -1;
      }
      return { term, weight, credit, stat, text, title };
    };
    const out: QueryTerm[] = [];
    for (const term of queryTerms(query)) {
      const variants: Variant[] = [];
      const exact = this.dictionary.get(term);
      if (exact) variants.push(locate(term, exact, 1, 1));
      const close: Array<{ term: string; stat: TermStat; weight: number; credit: number }> = [];
      const prefixed = new Set<string>();
      if (prefixOf(term, loose)) {
        for (const [t, stat] of this.dictionary.atPrefix(term)) {
          const distance = t.length - term.length;
          if (!distance) continue;
          prefixed.add(t);
          close.push({ term: t, stat, weight: (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance), credit: PREFIX_CREDIT });
        }
      }
      const fuzzy = fuzzyOf(term, loose);
      const maxDistance = fuzzy ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : 0;
      if (maxDistance) {
        for (const [t, [stat, distance]] of this.dictionary.fuzzyGet(term, maxDistance)) {
          if (!distance || prefixed.has(t)) continue;
          close.push({ term: t, stat, weight: (FUZZY_WEIGHT * t.length) / (t.length + distance), credit: FUZZY_CREDIT });
        }
      }
      // Prefix variants first (they earn more coverage), then by weight, then the commonest.
      close.sort((a, b) => b.credit - a.credit || b.weight - a.weight || b.stat.df - a.stat.df);
      for (const c of close.slice(0, MAX_VARIANTS)) variants.push(locate(c.term, c.stat, c.weight, c.credit));
      out.push({ term, weight: idf(n, exact?.df ?? 0), bit: 0, variants });
    }
    out.sort((a, b) => b.weight - a.weight);
    const kept = out.slice(0, MAX_QUERY_TERMS);
    kept.forEach((q, i) => (q.bit = 1 << i));
    return kept;
  }

  search(query: string, options: PassageSearchOptions = {}): PassageHit[] {
    const n = this.size;
    if (!n) return [];
    const terms = this.queryTerms(query, options.loose);
    if (!terms.length) return [];
    const limit = Math.max(0, Math.floor(options.limit ?? 10));
    if (!limit) return [];
    const minCoverage = options.minCoverage ?? 0.3;
    const total = terms.reduce((a, t) => a + t.weight, 0) || 1;

    // Essential terms: the rarest terms, enough of them that a passage matching none of them cannot reach the floor.
    let essential = terms.length;
    let rest = 0;
    while (essential > 0 && rest + terms[essential - 1].weight < minCoverage * total - 1e-12) rest += terms[--essential].weight;

    const weights = terms.map((q) =>
      q.variants.map((v) => ({ cover: q.weight * v.credit, text: v.weight * idf(n, v.stat.df), title: v.weight * TITLE_BOOST * idf(n, v.stat.tdf) })),
    );
    const heap = new TopK(limit);
    const scan = (this.scan ??= new SegmentScan(this.segments, this.avgText, this.avgTitle));
    // One segment at a time: its cells stay in the processor's cache, and each passage still adds its terms in query
    // order (the scores are the same, to the bit, as a scan of the whole corpus term by term).
    for (let s = 0; s < this.segments.length; s++) {
      scan.essential(s, terms, weights, essential);
      if (!scan.touchedCount) continue;
      if (essential < terms.length) scan.probe(s, terms, weights, essential);
      scan.offer(s, this.passageBase[s], total, minCoverage, options.articles, heap);
    }
    return heap.sorted().map(({ doc, score: s, coverage }) => this.hitOf(doc, s, coverage, terms));
  }

  private segmentOf(g: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.passageBase[mid] <= g) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private hitOf(g: number, score: number, coverage: number, terms: QueryTerm[]): PassageHit {
    const s = this.segmentOf(g);
    const seg = this.segments[s];
    const local = g - this.passageBase[s];
    const a = seg.passageArticle[local];
    const matched: string[] = [];
    for (const q of terms) {
      for (const v of q.variants) {
        if (matched.includes(v.term)) continue;
        const ti = v.text[s];
        const tt = v.title[s];
        if ((ti >= 0 && findPosting(seg.text.docs, seg.text.offsets[ti], seg.text.offsets[ti + 1], local) >= 0) || (tt >= 0 && findPosting(seg.title.docs, seg.title.offsets[tt], seg.title.offsets[tt + 1], a) >= 0)) {
          matched.push(v.term);
        }
      }
    }
    return { article: seg.articleIds[a], paragraph: seg.passageParagraph[local], score, terms: matched, coverage };
  }

  suggest(query: string, limit = 5): string[] {
    const candidates = new Map<string, { distance: number; df: number; surface: string }>();
    for (const term of queryTerms(query)) {
      const maxDistance = Math.min(MAX_FUZZY, Math.round(term.length * 0.3));
      for (const [t, [stat, distance]] of this.dictionary.fuzzyGet(term, maxDistance)) {
        if (!stat.df) continue;
        const c = candidates.get(t);
        if (!c || distance < c.distance) candidates.set(t, { distance, df: stat.df, surface: stat.surface || t });
      }
      let n = 0;
      for (const [t, stat] of this.dictionary.atPrefix(term)) {
        if (!stat.df || candidates.has(t)) continue;
        candidates.set(t, { distance: (t.length - term.length) * 0.5, df: stat.df, surface: stat.surface || t });
        if (++n >= 50) break;
      }
    }
    const seen = new Set<string>();
    const out: string[] = [];
    for (const c of [...candidates.values()].sort((a, b) => a.distance - b.distance || b.df - a.df)) {
      if (out.length >= limit) break;
      if (seen.has(c.surface)) continue;
      seen.add(c.surface);
      out.push(c.surface);
    }
    return out;
  }

  /** Whether an article is in the index. */
  hasArticle(id: string): boolean {
    return this.articleIndex.has(id);
  }
}

/** A query term's weights for one of its variants: coverage earned, text and title BM25 weights. */
interface VariantWeights {
  cover: number;
  text: number;
  title: number;
}

/**
 * The scoring scan of one segment (the loops run once per posting, hundreds of thousands of times per question at
 * 100k articles, so they are written out by hand). Per passage of the segment, three numbers side by side (one cache
 * line): its score, the coverage weight earned, one bit per query term matched.
 */
class SegmentScan {
  private cell: Float64Array;
  touched: Uint32Array;
  touchedCount = 0;
  private readonly textNorm0: number;
  private readonly textNorm1: number;
  private readonly titleNorm0: number;
  private readonly titleNorm1: number;

  constructor(
    private readonly segments: readonly Segment[],
    avgText: number,
    avgTitle: number,
  ) {
    const most = segments.reduce((m, s) => Math.max(m, passagesOf(s)), 0);
    this.cell = new Float64Array(most * 3);
    this.touched = new Uint32Array(Math.max(16, most));
    const { k, b } = BM25;
    this.textNorm0 = k * (1 - b);
    this.textNorm1 = avgText ? (k * b) / avgText : 0;
    this.titleNorm0 = k * (1 - b);
    this.titleNorm1 = avgTitle ? (k * b) / avgTitle : 0;
  }

  /** 1. Scores the postings of the essential terms in segment `s`; the passages found are `touched`. */
  essential(s: number, terms: QueryTerm[], weights: VariantWeights[][], essential: number): void {
    const seg = this.segments[s];
    const cell = this.cell;
    const touched = this.touched;
    let touchedCount = 0;
    const { k, d } = BM25;
    const k1 = k + 1;
    const { textNorm0, textNorm1, titleNorm0, titleNorm1 } = this;
    const lengths = seg.passageLength;
    for (let qi = 0; qi < essential; qi++) {
      const q = terms[qi];
      const bit = q.bit;
      for (let vi = 0; vi < q.variants.length; vi++) {
        const v = q.variants[vi];
        const { cover, text: textWeight, title: titleWeight } = weights[qi][vi];
        const ti = v.text[s];
        if (ti >= 0) {
          const { offsets, docs, freqs } = seg.text;
          for (let p = offsets[ti], end = offsets[ti + 1]; p < end; p++) {
            const local = docs[p];
            const tf = freqs[p];
            const c = local * 3;
            const m = cell[c + 2];
            if (m === 0) touched[touchedCount++] = local;
            cell[c] += textWeight * (d + (tf * k1) / (tf + textNorm0 + textNorm1 * lengths[local]));
            if ((m & bit) === 0) {
              cell[c + 2] = m | bit;
              cell[c + 1] += cover;
            }
          }
        }
        const tt = v.title[s];
        if (tt >= 0) {
          const { offsets, docs, freqs } = seg.title;
          for (let p = offsets[tt], end = offsets[tt + 1]; p < end; p++) {
            const a = docs[p];
            const tf = freqs[p];
            const add = titleWeight * (d + (tf * k1) / (tf + titleNorm0 + titleNorm1 * seg.titleLength[a]));
            for (let local = seg.articleFirst[a], last = seg.articleFirst[a + 1]; local < last; local++) {
              const c = local * 3;
              const m = cell[c + 2];
              if (m === 0) touched[touchedCount++] = local;
              cell[c] += add;
              if ((m & bit) === 0) {
                cell[c + 2] = m | bit;
                cell[c + 1] += cover;
              }
            }
          }
        }
      }
    }
    this.touchedCount = touchedCount;
  }

  /** 2. Adds the common terms to the passages found in segment `s` (and to no other). */
  probe(s: number, terms: QueryTerm[], weights: VariantWeights[][], essential: number): void {
    const seg = this.segments[s];
    const cell = this.cell;
    const candidates = this.touched.subarray(0, this.touchedCount).slice().sort();
    const count = candidates.length;
    const { k, d } = BM25;
    const k1 = k + 1;
    const { textNorm0, textNorm1, titleNorm0, titleNorm1 } = this;
    const lengths = seg.passageLength;
    const passagesPerArticle = passagesOf(seg) / Math.max(1, seg.articleIds.length);
    for (let qi = essential; qi < terms.length; qi++) {
      const q = terms[qi];
      const bit = q.bit;
      for (let vi = 0; vi < q.variants.length; vi++) {
        const v = q.variants[vi];
        const { cover, text: textWeight, title: titleWeight } = weights[qi][vi];
        // Adds to a passage already found (its mask is not 0).
        const add = (local: number, value: number): void => {
          const c = local * 3;
          const m = cell[c + 2];
          if (m === 0) return;
          cell[c] += value;
          if ((m & bit) === 0) {
            cell[c + 2] = m | bit;
            cell[c + 1] += cover;
          }
        };
        const ti = v.text[s];
        if (ti >= 0) {
          const { offsets, docs, freqs } = seg.text;
          const pFrom = offsets[ti];
          const pTo = offsets[ti + 1];
          if (count * Math.log2(pTo - pFrom + 2) < pTo - pFrom) {
            for (let i = 0; i < count; i++) {
              const local = candidates[i];
              const p = findPosting(docs, pFrom, pTo, local);
              if (p >= 0) {
                const tf = freqs[p];
                add(local, textWeight * (d + (tf * k1) / (tf + textNorm0 + textNorm1 * lengths[local])));
              }
            }
          } else {
            for (let p = pFrom; p < pTo; p++) {
              const local = docs[p];
              if (cell[local * 3 + 2] === 0) continue;
              const tf = freqs[p];
              add(local, textWeight * (d + (tf * k1) / (tf + textNorm0 + textNorm1 * lengths[local])));
            }
          }
        }
        const tt = v.title[s];
        if (tt >= 0) {
          const { offsets, docs, freqs } = seg.title;
          const pFrom = offsets[tt];
          const pTo = offsets[tt + 1];
          const titleAdd = (p: number): number => {
            const tf = freqs[p];
            return titleWeight * (d + (tf * k1) / (tf + titleNorm0 + titleNorm1 * seg.titleLength[docs[p]]));
          };
          // A common title word (in thousands of articles, each of many passages): look up the candidates'
          // articles instead of visiting every passage of every article it titles.
          if (count * Math.log2(pTo - pFrom + 2) < (pTo - pFrom) * passagesPerArticle) {
            let lastArticle = -1;
            let value = 0;
            for (let i = 0; i < count; i++) {
              const a = seg.passageArticle[candidates[i]];
              if (a !== lastArticle) {
                lastArticle = a;
                const p = findPosting(docs, pFrom, pTo, a);
                value = p >= 0 ? titleAdd(p) : 0;
              }
              if (value) add(candidates[i], value);
            }
          } else {
            for (let p = pFrom; p < pTo; p++) {
              const a = docs[p];
              const value = titleAdd(p);
              for (let local = seg.articleFirst[a], last = seg.articleFirst[a + 1]; local < last; local++) add(local, value);
            }
          }
        }
      }
    }
  }

  /** 3. Offers the passages found in segment `s` over the floor to `heap`, and zeroes their cells. */
  offer(s: number, g0: number, total: number, minCoverage: number, articles: Set<string> | undefined, heap: TopK): void {
    const seg = this.segments[s];
    const cell = this.cell;
    for (let i = 0; i < this.touchedCount; i++) {
      const local = this.touched[i];
      const c = local * 3;
      const coverage = cell[c + 1] / total;
      if (coverage >= minCoverage && (!articles || articles.has(seg.articleIds[seg.passageArticle[local]]))) heap.offer(g0 + local, cell[c] * bitCount(cell[c + 2] >>> 0) * (0.5 + coverage), coverage);
      cell[c] = 0;
      cell[c + 1] = 0;
      cell[c + 2] = 0;
    }
    this.touchedCount = 0;
  }
}

/** The number of bits set in a 32-bit mask (the query terms a passage matched). */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The best `k` entries by score (ties: the earlier document first). */
class TopK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  private readonly coverages: number[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    return this.scores[i] < this.scores[j] || (this.scores[i] === this.scores[j] && this.docs[i] > this.docs[j]);
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j], this.docs[i]];
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
    [this.coverages[i], this.coverages[j]] = [this.coverages[j], this.coverages[i]];
  }

  offer(doc: number, score: number, coverage: number): void {
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      this.coverages.push(coverage);
      let i = this.docs.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score < this.scores[0] || (score === this.scores[0] && doc > this.docs[0])) return;
    this.docs[0] = doc;
    this.scores[0] = score;
    this.coverages[0] = coverage;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.docs.length && this.worse(l, m)) m = l;
      if (r < this.docs.length && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): Array<{ doc: number; score: number; coverage: number }> {
    return this.docs.map((doc, i) => ({ doc, score: this.scores[i], coverage: this.coverages[i] })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Splits articles into segments of `SEGMENT_ARTICLES`, in order. */
export function segmentArticles<T>(articles: readonly T[], size = SEGMENT_ARTICLES): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < articles.length; i += size) out.push(articles.slice(i, i + size));
  return out;
}

/** Indexes the paragraphs of `articles` (synchronously). */
export function buildPassageSearch(articles: readonly Article[]): SegmentedPassageSearch {
  return SegmentedPassageSearch.create(segmentArticles(articles).map((group) => buildSegment(group)));
}
