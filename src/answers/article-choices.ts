/** Autocomplete over a desk's articles by title: "Title — Source, date" → the article id. Newest first. */
import type { Completion, Newsdesk } from '../newsdesk.ts';
import { paragraphCount } from '../corpus/lazy-article.ts';

export function articleChoices(desk: Newsdesk, typed: string, limit = 25): Completion[] {
  const needle = typed.trim().toLowerCase().slice(0, 100);
  const rows: Completion[] = [];
  const articles = [...desk.ctx.corpus.articles].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  for (const a of articles) {
    if (needle && ![a.title ?? '', a.source ?? '', a.id].some((s) => s.toLowerCase().includes(needle))) continue;
    const label = `${a.title ?? a.id} — ${a.source ?? 'source unknown'}${a.published ? `, ${a.published}` : ''}`;
    rows.push({ name: label.length > 100 ? label.slice(0, 99) + '…' : label, value: a.id.slice(0, 100), count: paragraphCount(a) });
    if (rows.length >= limit) break;
  }
  return rows;
}
