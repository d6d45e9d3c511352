/**
 * The reference passage search: one stock MiniSearch index over every passage, every match scored.
 * Kept with the benchmark as the baseline it measures against, and the ranking the fast search
 * (src/search/passages.ts) must reproduce (test/search/passages.test.ts).
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Article } from '../src/corpus/types.ts';
import type { PassageHit, PassageSearch } from '../src/search/passages.ts';
import { processTerm, queryTerms, searchTokens } from '../src/search/text.ts';

export interface PassageDoc {
  id: number;
  article: string;
  paragraph: number;
  text: string;
  title: string;
}

/** Share of a query term's weight credited when it matched only as a prefix, or only fuzzily. */
const PREFIX_CREDIT = 0.8;
const FUZZY_CREDIT = 0.4;

export const PASSAGE_INDEX_OPTIONS = {
  fields: ['text', 'title'],
  storeFields: ['article', 'paragraph'],
  tokenize: searchTokens,
  processTerm,
  searchOptions: {
    boost: { text: 1, title: 0.3 },
    prefix: (term: string) => term.length >= 5,
    fuzzy: (term: string) => (term.length >= 6 ? 0.2 : false),
    weights: { fuzzy: 0.3, prefix: 0.5 },
  },
};

export function passageDocs(articles: Article[]): PassageDoc[] {
  const docs: PassageDoc[] = [];
  for (const a of articles) {
    for (const p of a.paragraphs) docs.push({ id: docs.length, article: a.id, paragraph: p.n, text: p.norm, title: a.title ?? '' });
  }
  return docs;
}

export function buildStockPassageSearch(articles: Article[]): PassageSearch {
  const index = new MiniSearch<PassageDoc>(PASSAGE_INDEX_OPTIONS);
  index.addAll(passageDocs(articles));
  return passageSearchOver(index, surfaceWords(articles));
}

/** The most frequent written form of each index term, so suggestions read as words, not stems. */
export function surfaceWords(articles: Article[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const a of articles) {
    for (const p of a.paragraphs) {
      for (const word of searchTokens(p.norm)) {
        const term = processTerm(word);
        if (!term || word.length < 3) continue;
        let forms = counts.get(term);
        if (!forms) counts.set(term, (forms = new Map()));
        const w = /^\p{Lu}\p{Ll}/u.test(word) ? word : word.toLowerCase();
        forms.set(w, (forms.get(w) ?? 0) + 1);
      }
    }
  }
  const surface = new Map<string, string>();
  for (const [term, forms] of counts) surface.set(term, [...forms].sort((a, b) => b[1] - a[1])[0][0]);
  return surface;
}

/** Inverse document frequency of a processed term in the index (unknown terms weigh the most). */
function idf(index: MiniSearch<PassageDoc>, term: string): number {
  const n = Math.max(1, index.documentCount);
  const df = documentFrequency(index, term);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function documentFrequency(index: MiniSearch<PassageDoc>, term: string): number {
  // An exact one-term search counts the documents holding the term.
  return index.search(term, { fields: ['text'], prefix: false, fuzzy: false, processTerm: (t) => t }).length;
}

export function passageSearchOver(index: MiniSearch<PassageDoc>, surface: Map<string, string>): PassageSearch {
  const idfCache = new Map<string, number>();
  const weightOf = (term: string) => {
    let w = idfCache.get(term);
    if (w === undefined) {
      w = idf(index, term);
      if (idfCache.size < 50_000) idfCache.set(term, w);
    }
    return w;
  };
  return {
    get size() {
      return index.documentCount;
    },
    search(query, options = {}) {
      const terms = queryTerms(query);
      if (!terms.length) return [];
      const limit = options.limit ?? 10;
      const minCoverage = options.minCoverage ?? 0.3;
      const weights = new Map(terms.map((t) => [t, weightOf(t)]));
      const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
      const filter = options.articles ? (r: SearchResult) => options.articles!.has(r.article as string) : undefined;
      const results = index.search(terms.join(' '), { filter, processTerm: (t) => t });
      const hits: PassageHit[] = [];
      for (const r of results) {
        // A query term found only through a typo-tolerant match counts for less than one found as written.
        let covered = 0;
        for (const qt of new Set(r.queryTerms)) {
          const exact = r.terms.includes(qt) ? 1 : r.terms.some((t) => t.startsWith(qt)) ? PREFIX_CREDIT : FUZZY_CREDIT;
          covered += (weights.get(qt) ?? 0) * exact;
        }
        const coverage = covered / total;
        if (coverage < minCoverage) continue;
        hits.push({ article: r.article as string, paragraph: r.paragraph as number, score: r.score * (0.5 + coverage), terms: r.terms, coverage });
      }
      hits.sort((a, b) => b.score - a.score);
      return hits.slice(0, limit);
    },
    suggest(query, limit = 5) {
      const seen = new Set<string>();
      const out: string[] = [];
      for (const s of index.autoSuggest(query, { fuzzy: 0.3, prefix: true, combineWith: 'OR' })) {
        for (const t of s.terms) {
          const word = surface.get(t) ?? t;
          if (!seen.has(word) && out.length < limit) {
            seen.add(word);
            out.push(word);
          }
        }
      }
      return out;
    },
  };
}
