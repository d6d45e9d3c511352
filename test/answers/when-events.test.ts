/** `/when` answers the event asked about: the date of the matching clause, year-less dates, the date most sources agree on. */
import { describe, expect, it } from 'vitest';
import { Newsdesk } from '../../src/newsdesk.ts';
import { describeDate } from '../../src/answers/dates.ts';
import { handArticle } from '../helpers/article.ts';

const deskOf = (...articles: ReturnType<typeof handArticle>[]) => Newsdesk.fromCorpus({ dir: '', warnings: [], articles });
const when = (desk: Newsdesk, query: string) => desk.answer({ command: 'when', query });

describe('the date attached to the matching clause wins', () => {
  const desk = deskOf(
    handArticle('The port of Velmar, closed since the storm in January, reopened to container ships on 12 May, the harbour authority said on Friday.', { id: 'port', published: '2023-06-02' }),
    handArticle('Talks between the dock unions and the city collapsed in November, nearly a year after they opened in December 2021, the mediator said on Tuesday.', { id: 'unions', published: '2022-11-30' }),
    handArticle('On 3 March the council said the ferry line, which the storm had cut in February, would reopen in June.', { id: 'ferry', published: '2023-03-05' }),
  );

  it('not the first date of the passage, nor the one nearest a query word in another clause', () => {
    expect(when(desk, 'when did the port of Velmar reopen').items[0]?.date).toBe('2023-05-12');
    expect(when(desk, 'when did the storm close the port').items[0]?.date).toBe('2023-01');
    expect(when(desk, 'when did the union talks collapse').items[0]?.date).toBe('2022-11');
    expect(when(desk, 'when did the union talks open').items[0]?.date).toBe('2021-12');
    expect(when(desk, 'when will the ferry line reopen').items[0]?.date).toBe('2023-06');
    expect(when(desk, 'when did the storm cut the ferry line').items[0]?.date).toBe('2023-02');
  });
});

describe('an article without a publication date', () => {
  const desk = deskOf(
    handArticle('Velmar harbour news\n\nThe northern quay of Velmar reopened in August after the repairs, officials said on Monday.', { id: 'undated', published: null }),
    handArticle('Velmar bridge\n\nThe Velmar toll bridge was closed on 9 March for inspection, the engineers said.', { id: 'undated-day', published: null }),
  );

  it('still yields what its text says, marked as year unknown', () => {
    const a = when(desk, 'when did the northern quay reopen');
    expect(a.items[0]?.date).toBe('--08');
    expect(a.answer).toMatch(/^August \(year unknown\)/);
    expect(a.notice).toMatch(/year is unknown/);
    const b = when(desk, 'when was the toll bridge closed');
    expect(b.items[0]?.date).toBe('--03-09');
    expect(b.answer).toMatch(/^9 March \(year unknown\)/);
    expect(describeDate('--08')).toBe('August (year unknown)');
  });

  it('leaves relative dates unknown rather than guessing a year', () => {
    const a = when(desk, 'when did officials say the quay reopened');
    expect(a.items.length).toBeGreaterThan(0);
    // "on Monday" needs the article's date: only the month the text gives is used.
    expect(a.items.every((i) => i.date === '--08' || i.date === '--03-09')).toBe(true);
  });
});

describe('articles that date the same event differently', () => {
  const original = (id: string, source: string) =>
    handArticle(`${source}\n\nThe Velmar container terminal reopened in May 2023 after a two-year rebuild, the port authority said, and the first ships docked a week later.`, { id, published: '2023-06-01' });
  // A reprint a year later, whose "last month" now means another May; its passage is the closest match.
  const reprint = handArticle('Terminal reprint\n\nThe Velmar container terminal reopened last month.', { id: 'reprint', published: '2024-06-15' });
  const desk = deskOf(original('wire-a', 'Coastal Wire'), original('wire-b', 'Harbour News'), reprint);

  it('leads with the date most sources agree on and shows the disagreement', () => {
    const a = when(desk, 'when did the Velmar container terminal reopen');
    expect(a.answer).toMatch(/^May 2023 \(2 articles agree\); another date is given: May 2024/);
    expect(a.items[0]?.date).toBe('2023-05');
    expect(a.items.map((i) => i.date)).toContain('2024-05');
    expect(a.notice).toMatch(/disagree.*May 2023 \(wire-a, wire-b\); May 2024 \(reprint\)/);
  });

  it('a date without a year agrees with the dated ones of the same month', () => {
    const undated = handArticle('Terminal notes\n\nThe Velmar container terminal reopened in May after the rebuild, workers said.', { id: 'notes', published: null });
    const a = when(deskOf(original('wire-a', 'Coastal Wire'), undated), 'when did the Velmar container terminal reopen');
    expect(a.answer).toBe('May 2023 (2 articles agree)');
  });
});
