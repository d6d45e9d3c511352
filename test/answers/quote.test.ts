import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { articleFromText, loadCorpus } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';
import type { AnswerContext } from '../../src/answers/context.ts';
import { answerQuote, nameMatches } from '../../src/answers/quote.ts';
import { extractQuotes } from '../../src/knowledge/quotes/quotes.ts';
import type { Quote } from '../../src/knowledge/types.ts';
import type { PassageSearch } from '../../src/search/passages.ts';
import { Newsdesk } from '../../src/newsdesk.ts';

const desk = Newsdesk.fromCorpus(await loadCorpus(new URL('../../corpus/', import.meta.url).pathname));

/** A context over hand-written articles, with no entities (speakers only). */
function contextOf(texts: Array<{ id: string; text: string; published: string | null }>): AnswerContext {
  const articles = new Map<string, Article>();
  const quotes: Quote[] = [];
  for (const t of texts) {
    const a = { ...articleFromText(t.id, t.text), published: t.published };
    articles.set(a.id, a);
    quotes.push(...extractQuotes(analyseArticle(a), []));
  }
  const passages = { search: () => [], suggest: () => [], size: 0 } as unknown as PassageSearch;
  return { corpus: { dir: '', articles: [...articles.values()], warnings: [] }, articles, knowledge: new Map(), entities: [], quotes, dates: [], passages };
}

describe('nameMatches', () => {
  it('forgives short forms, typos and transliterations, and needs the surname', () => {
    expect(nameMatches('Tom West', 'Thomas West')).toBe(true);
    expect(nameMatches('Muttaki', 'Amir Khan Mottaki')).toBe(true);
    expect(nameMatches('west', 'Thomas West')).toBe(true);
    expect(nameMatches('Thomas', 'Thomas West')).toBe(false);
    expect(nameMatches('Blinken', 'Thomas West')).toBe(false);
  });
});

describe('quote on the seed corpus', () => {
  it('finds Thomas West under any name form', () => {
    for (const q of ['Thomas West', 'Tom West', 'west', 'Thomas Wset']) {
      const a = answerQuote(desk.ctx, q, {});
      expect(a.answer, q).toMatch(/^\d+ quotes by Thomas West/);
      expect(a.items.length, q).toBeGreaterThanOrEqual(6);
      expect(a.items.every((i) => i.speaker === 'Thomas West' && i.citation.article.startsWith('000'))).toBe(true);
    }
  });

  it('finds Mottaki as Muttaki, marks partial quotes and cites the paragraph', () => {
    const a = answerQuote(desk.ctx, 'Muttaki', {});
    expect(a.answer).toMatch(/quotes by Amir Khan Muttaki/);
    const added = a.items.find((i) => i.text.startsWith('It is promised'));
    expect(added?.citation.paragraph).toBeGreaterThan(0);
    const west = answerQuote(desk.ctx, 'West', {});
    expect(west.items.some((i) => i.partial === true && i.text.startsWith('concerned about'))).toBe(true);
  });

  it('puts the quotes about a topic first', () => {
    const a = answerQuote(desk.ctx, 'Thomas West', { about: 'embassy in Kabul' });
    expect(a.items[0].text).toMatch(/embassy in Kabul/);
    expect(a.items.every((i) => /embass|Kabul/i.test(i.text))).toBe(true);
  });

  it('respects the limit', () => {
    const a = answerQuote(desk.ctx, 'Thomas West', { limit: 2 });
    expect(a.items).toHaveLength(2);
    expect(a.answer).toMatch(/showing 2/);
  });

  it('says so when nobody by that name is quoted, and suggests close names', () => {
    const a = answerQuote(desk.ctx, 'Blinkin Qureshy', {});
    expect(a.items).toEqual([]);
    expect(a.notice).toMatch(/No quotes by "Blinkin Qureshy"/);
    const b = answerQuote(desk.ctx, 'Qureshy', {});
    expect(b.items.length).toBeGreaterThan(0);
    const c = answerQuote(desk.ctx, 'Zebediah Quux', {});
    expect(c.items).toEqual([]);
    expect(c.suggestions ?? []).not.toContain('Thomas West');
  });
});

describe('quote ordering and outlets', () => {
  const ctx = contextOf([
    { id: 'old', text: 'Headline one\n\n"The harbour will reopen next spring," Mayor Ana Duarte said on Monday.', published: '2021-03-01' },
    { id: 'new', text: 'Headline two\n\n"We have found the money for the new bridge," Mayor Ana Duarte said.', published: '2022-05-10' },
    { id: 'copy', text: 'Headline three\n\n“We have found the money for the new bridge,” said Ana Duarte, the mayor.', published: '2022-05-11' },
    { id: 'nodate', text: 'Headline four\n\n"Taxes will not rise this year at all," Duarte said.', published: null },
  ]);

  it('lists newest first, undated last, and cites a quote carried twice once', () => {
    const a = answerQuote(ctx, 'Ana Duarte', {});
    expect(a.items.map((i) => i.citation.article)).toEqual(['copy', 'old', 'nodate']);
    expect(a.items[0].alsoCitedBy?.map((c) => c.article)).toEqual(['new']);
    expect(a.answer).toBe('3 quotes by Ana Duarte');
  });

  it('suggests speakers close to a misspelt name', () => {
    const a = answerQuote(ctx, 'Anna Duarte', {});
    expect(a.items.length).toBeGreaterThan(0);
    const b = answerQuote(ctx, 'Duerto Anaa', {});
    expect(b.items).toEqual([]);
    expect(b.suggestions).toContain('Ana Duarte');
  });
});
