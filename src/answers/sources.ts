/** `sources [filter]`: what the corpus holds — every article with title, source, date and size. */
import { citationFor } from './common.ts';
import type { AnswerContext } from './context.ts';
import type { Answer, AnswerOptions } from './types.ts';
import { describeDate } from './dates.ts';
import { paragraphCount } from '../corpus/lazy-article.ts';

export function answerSources(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  void options;
  const filter = query.trim().toLowerCase();
  const articles = ctx.corpus.articles.filter(
    (a) => !filter || [a.id, a.title ?? '', a.source ?? ''].some((s) => s.toLowerCase().includes(filter)),
  );
  const items = articles.map((a) => {
    const n = paragraphCount(a);
    return {
      text: `${a.title ?? leadOf(a.paragraphs[0]?.text ?? a.id)} — ${a.source ?? 'source unknown'}, ${describeDate(a.published)}, ${n} paragraph${n === 1 ? '' : 's'}`,
      citation: { ...citationFor(a, 1) },
    };
  });
  const warnings = ctx.corpus.warnings.map((w) => `${w.file}: ${w.message}`);
  const undated = articles.filter((a) => !a.published).length;
  return {
    command: 'sources',
    query,
    answer: `${articles.length} article${articles.length === 1 ? '' : 's'}` + (undated ? ` (${undated} undated)` : '') + (filter ? ` matching "${query}"` : ' in the corpus') + '.',
    items,
    ...(warnings.length ? { notice: `Some files were not read cleanly: ${warnings.join('; ')}` } : !ctx.corpus.articles.length ? { notice: 'The corpus is empty: add .txt, .md or .html articles (/add in Discord, `add` in the console, or files in the corpus folder).' } : {}),
  };
}

/** The opening words of an untitled article, cut at a word. */
function leadOf(text: string, max = 100): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return text.slice(0, cut > 40 ? cut : max) + '…';
}
