import type { Article } from '../corpus/types.ts';
import type { DateMention } from './types.ts';

/** Date expressions in one article resolved against its published date. (placeholder) */
export function extractDates(article: Article): DateMention[] {
  void article;
  return [];
}
