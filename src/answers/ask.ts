/** `ask <question>`: the best passages for a free question, most relevant first. */
import type { Article, Paragraph } from '../corpus/types.ts';
import { queryTerms } from '../search/text.ts';
import { citationFor } from './common.ts';
import type { AnswerContext } from './context.ts';
import { excerptOf } from './excerpt.ts';
import { LOOSE_NOTICE, searchQuestion } from './search.ts';
import { groupNearDuplicates } from './similar.ts';
import type { Answer, AnswerItem, AnswerOptions } from './types.ts';

export const DEFAULT_ASK_LIMIT = 10;

export function answerAsk(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  const base = { command: 'ask' as const, query };
  if (!ctx.corpus.articles.length) {
    return { ...base, answer: '', items: [], notice: 'The corpus is empty: add articles first (/add in Discord, `add` in the console, or files in the corpus folder).' };
  }
  if (!queryTerms(query).length) {
    return { ...base, answer: '', items: [], notice: 'That question has only common words; add a name, place or topic to search for.' };
  }
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_ASK_LIMIT, 50));
  const { hits, loose } = searchQuestion(ctx, query, { limit: limit * 3 });
  if (!hits.length) {
    const suggestions = ctx.passages.suggest(query, 5);
    return {
      ...base,
      answer: '',
      items: [],
      notice: `The corpus does not cover "${query}".` + (suggestions.length ? ` Close terms: ${suggestions.join(', ')}.` : ''),
      suggestions,
    };
  }
  // Group near duplicates first, over the paragraphs' text; excerpt only the passages shown.
  const found: Array<{ article: Article; paragraph: Paragraph; terms: string[] }> = [];
  for (const hit of hits) {
    const article = ctx.articles.get(hit.article);
    const paragraph = article?.paragraphs[hit.paragraph - 1];
    // A paragraph with no text has no excerpt.
    if (!article || !paragraph || !paragraph.text.trim()) continue;
    found.push({ article, paragraph, terms: hit.terms });
  }
  const grouped = groupNearDuplicates(found, (f) => f.paragraph.text, (a, b) => a.article.id === b.article.id, limit);
  const out: AnswerItem[] = grouped.slice(0, limit).map(({ item, folded }) => {
    const excerpt = excerptOf(item.paragraph.text, new Set(item.terms));
    const rest: AnswerItem = { text: excerpt.text, marks: excerpt.marks, citation: citationFor(item.article, item.paragraph.n) };
    return folded.length ? { ...rest, alsoCitedBy: folded.map((f) => citationFor(f.article, f.paragraph.n)) } : rest;
  });
  const articles = new Set(out.flatMap((i) => [i.citation.article, ...(i.alsoCitedBy ?? []).map((c) => c.article)]));
  return {
    ...base,
    answer: `${out.length} passage${out.length === 1 ? '' : 's'} from ${articles.size} article${articles.size === 1 ? '' : 's'}.`,
    items: out,
    ...(loose ? { notice: LOOSE_NOTICE } : {}),
  };
}
