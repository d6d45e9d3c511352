import type { Article, Corpus } from '../corpus/types.ts';
import type { ArticleKnowledge, DateMention, Entity, Quote } from '../knowledge/types.ts';
import type { PassageSearch } from '../search/passages.ts';
import type { Lookups } from './lookups.ts';

/** Everything an answer function may read. Built once per corpus load; never mutated by answers. */
export interface AnswerContext {
  corpus: Corpus;
  articles: Map<string, Article>;
  knowledge: Map<string, ArticleKnowledge>;
  entities: Entity[];
  quotes: Quote[];
  dates: DateMention[];
  passages: PassageSearch;
  /** Precomputed lookups (lookups.ts); built on first use when absent. */
  lookups?: Lookups;
}
