/** Passage search for a question: the question as typed, then — when that finds nothing — a fuzzier reading. */
import type { PassageHit, PassageSearchOptions } from '../search/passages.ts';
import type { AnswerContext } from './context.ts';

/** Share of the query's weight a passage must match under the fuzzier reading. */
const LOOSE_MIN_COVERAGE = 0.2;

/** What the user is told when the answer comes from the fuzzier reading. */
export const LOOSE_NOTICE = 'Nothing matched the question as written; these passages match a looser reading of it (near spellings, partial words).';

export function searchQuestion(ctx: AnswerContext, query: string, options: PassageSearchOptions = {}): { hits: PassageHit[]; loose: boolean } {
  const hits = ctx.passages.search(query, options);
  if (hits.length) return { hits, loose: false };
  const loose = ctx.passages.search(query, { ...options, loose: true, minCoverage: Math.min(options.minCoverage ?? LOOSE_MIN_COVERAGE, LOOSE_MIN_COVERAGE) });
  return { hits: loose, loose: loose.length > 0 };
}
