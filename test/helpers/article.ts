import { normalizeForMatching } from '../../src/corpus/clean.ts';
import type { Article } from '../../src/corpus/types.ts';

/**
 * An article built by hand for knowledge tests, without the corpus reader's rules: paragraphs split on blank
 * lines, `norm` as the reader makes it (normalizeForMatching), offsets into `text`.
 */
export function handArticle(text: string, options: { id?: string; published?: string | null } = {}): Article {
  const id = options.id ?? 't';
  const paragraphs = [];
  let offset = 0;
  for (const part of text.split(/\n\s*\n/)) {
    if (!part.trim()) continue;
    const start = text.indexOf(part, offset);
    offset = start + part.length;
    paragraphs.push({ n: paragraphs.length + 1, text: part, norm: normalizeForMatching(part), start, drops: [] });
  }
  return { id, file: `${id}.txt`, format: 'txt', raw: text, title: null, source: null, published: options.published ?? null, url: null, author: null, paragraphs, hash: id };
}
