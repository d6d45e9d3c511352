import type { Article } from '../corpus/types.ts';
import type { Citation } from './types.ts';

/** The citation of one paragraph of an article. */
export function citationFor(article: Article, paragraph: number): Citation {
  return {
    article: article.id,
    title: article.title,
    source: article.source,
    published: article.published,
    paragraph,
    url: article.url,
  };
}
