import type { Article } from '../corpus/types.ts';
import type { ArticleEntity, Quote } from './types.ts';

/** Direct quotations in one article with their speakers. (placeholder) */
export function extractQuotes(article: Article, entities: ArticleEntity[]): Quote[] {
  void article;
  void entities;
  return [];
}
