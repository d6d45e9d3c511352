/**
 * An article's extraction kept in the database before the article itself is stored: every process notified of the
 * new article then finds it ready instead of each extracting it again. Keyed by content hash and code version,
 * written once (running it again writes nothing).
 */
import { articleFromBytes, formatOf } from '../corpus/load.ts';
import { extractArticle } from '../knowledge/extract.ts';
import type { Article } from '../corpus/types.ts';
import type { ArticleKnowledge } from '../knowledge/types.ts';
import type { PgIndexCache } from './index-cache.ts';

export type Extract = (article: Article) => ArticleKnowledge;

/**
 * Reads `bytes` as the file `name` and keeps its extraction unless it is kept already. Returns the article (null
 * when the file is not one: its warning says why) and any warning.
 */
export async function keepExtraction(cache: PgIndexCache, name: string, bytes: Buffer, extract: Extract = extractArticle): Promise<{ article: Article | null; warning?: string }> {
  const format = formatOf(name);
  if (!format) return { article: null, warning: 'unsupported file type (use .txt, .md or .html)' };
  const loaded = articleFromBytes(name, bytes, format);
  if (!loaded.article) return { article: null, warning: loaded.warning?.message };
  const article = loaded.article;
  let warning = loaded.warning?.message;
  if (!(await cache.readExtractions([article.hash])).has(article.hash)) {
    let knowledge: ArticleKnowledge;
    try {
      knowledge = extract(article);
    } catch (error) {
      // As in a build: the article stays searchable with nothing extracted (running it again would fail again).
      knowledge = { article: article.id, quotes: [], entities: [], dates: [] };
      warning = `understanding it failed (${(error as Error).message}); only full-text search covers it`;
    }
    await cache.writeExtraction(article.hash, knowledge);
  }
  return { article, warning };
}
