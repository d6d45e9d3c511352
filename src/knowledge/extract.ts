/**
 * Everything newsdesk understands of one article: the article is analysed once (sentences, words, quoted spans,
 * clause tokens, datelines, captions), and every extractor reads that analysis.
 */
import type { Article } from '../corpus/types.ts';
import { analyseArticle } from './analysis/analyse.ts';
import { extractDates } from './dates/dates.ts';
import { extractEntities } from './people/entities.ts';
import { extractQuotes } from './quotes/quotes.ts';
import { extractStatements } from './statements/statements.ts';
import type { ArticleKnowledge } from './types.ts';

/** Pure and synchronous: depends on the article alone, so it can be cached by file hash and run in a worker. */
export function extractArticle(article: Article): ArticleKnowledge {
  const analysis = analyseArticle(article);
  const entities = extractEntities(analysis);
  const quotes = extractQuotes(analysis, entities);
  const dates = extractDates(analysis);
  const statements = extractStatements(analysis, entities, quotes);
  return { article: article.id, quotes, entities, dates, statements };
}
