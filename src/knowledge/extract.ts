import type { Article } from '../corpus/types.ts';
import { extractDates } from './dates/dates.ts';
import { extractEntities } from './people/entities.ts';
import { extractQuotes } from './quotes/quotes.ts';
import type { ArticleKnowledge } from './types.ts';

/** Everything newsdesk understands of one article. Pure: depends on the article alone, so it can be cached by file hash. */
export function extractArticle(article: Article): ArticleKnowledge {
  const entities = extractEntities(article);
  const quotes = extractQuotes(article, entities);
  const dates = extractDates(article);
  return { article: article.id, quotes, entities, dates };
}
