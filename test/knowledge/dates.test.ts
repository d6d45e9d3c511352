import { handArticle } from '../helpers/article.ts';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.ts';
import { articleFromText } from '../../src/corpus/load.ts';
import { extractDates } from '../../src/knowledge/dates/dates.ts';
import { readFileSync } from 'node:fs';

/** An article built by hand: paragraphs split on blank lines, norm with straight quotes. */
const article = (text: string, published: string | null, id = 't'): Article => handArticle(text, { id, published });

function valueOf(text: string, published: string | null, expression: string): string | null | undefined {
  const m = extractDates(analyseArticle(article(text, published))).find((d) => d.text.includes(expression) || expression.includes(d.text));
  return m === undefined ? undefined : m.value;
}

describe('extractDates', () => {
  it('keeps months as months, resolved to the published year', () => {
    expect(valueOf('The previous round of talks took place in Doha in October.', '2021-11-08', 'October')).toBe('2021-10');
    const [m] = extractDates(analyseArticle(article('The previous round of talks took place in Doha in October.', '2021-11-08')));
    expect(m.precision).toBe('month');
    expect(m.sentence).toBe('The previous round of talks took place in Doha in October.');
  });

  it('reads relative months and years', () => {
    expect(valueOf('He was appointed to his post last month.', '2021-11-24', 'last month')).toBe('2021-10');
    expect(valueOf('She won the seat last year.', '2016-09-08', 'last year')).toBe('2015');
    expect(valueOf('Congress will decide next year.', '2016-09-22', 'next year')).toBe('2017');
  });

  it('puts weekdays in the past unless the text says otherwise', () => {
    expect(valueOf('Ned Price said on Tuesday.', '2021-11-24', 'Tuesday')).toBe('2021-11-23');
    expect(valueOf('This was stated on Monday by the envoy.', '2021-11-08', 'Monday')).toBe('2021-11-08');
    expect(valueOf('The envoy said on Friday that talks would go on.', '2021-11-24', 'Friday')).toBe('2021-11-19');
    expect(valueOf('Bill Clinton will travel to North Florida Friday.', '2016-09-28', 'Friday')).toBe('2016-09-30');
    expect(valueOf('They will meet next Monday.', '2016-09-28', 'Monday')).toBe('2016-10-03');
  });

  it('gives weeks as ISO weeks', () => {
    expect(valueOf('Talks resume next week in Doha.', '2021-11-24', 'next week')).toBe('2021-W48');
    expect(valueOf('The UN warned this week of a catastrophe.', '2021-11-24', 'this week')).toBe('2021-W47');
    expect(valueOf('Trump said last week that he was smart.', '2016-10-04', 'last week')).toBe('2016-W39');
  });

  it('moves a past month before the published date into the previous year', () => {
    expect(valueOf('The nations of the world reached an agreement in Paris in December.', '2016-09-20', 'December')).toBe('2015-12');
    expect(valueOf('Democrats hope to win the White House in November.', '2016-09-08', 'November')).toBe('2016-11');
    expect(valueOf('Last October, Doha hosted the first meeting.', '2021-11-08', 'Last October')).toBe('2021-10');
    expect(valueOf('Last October, Doha hosted the first meeting.', '2021-10-20', 'Last October')).toBe('2020-10');
  });

  it('marks approximate expressions and spans', () => {
    const [m] = extractDates(analyseArticle(article('Since the Taliban returned to power nearly two months ago, aid is frozen.', '2021-11-08')));
    expect(m.text).toBe('nearly two months ago');
    expect(m.value).toBe('2021-09');
    expect(m.approximate).toBe(true);
    const [d] = extractDates(analyseArticle(article('Islamabad has accepted 3.5 million Afghans over the past three decades.', '2021-11-24')));
    expect(d.text).toContain('past three decades');
    expect(d.value).toBe('1991');
    expect(d.approximate).toBe(true);
  });

  it('reads explicit dates and bare years', () => {
    expect(valueOf('A parade in Kandahar on November 8, 2021.', '2021-11-24', 'November 8, 2021')).toBe('2021-11-08');
    expect(valueOf('They have not voted since 2008, officials said.', '2016-09-25', '2008')).toBe('2008');
    expect(valueOf('He committed suicide in June 2015 after prison.', '2016-10-07', 'June 2015')).toBe('2015-06');
  });

  it('never uses the current date when the article is undated', () => {
    const ds = extractDates(analyseArticle(article('He was appointed last month. Last October, Doha hosted talks. On Monday he spoke. In 2016 he ran.', null)));
    expect(ds.map((d) => [d.text, d.value])).toEqual([
      ['last month', null],
      ['Last October', null],
      ['On Monday', null],
      ['2016', '2016'],
    ]);
  });

  it('resolves what it can when only month and day are known', () => {
    expect(valueOf('The meeting was held on September 8.', '--09-09', 'September 8')).toBe('--09-08');
    expect(valueOf('The minister spoke yesterday.', '--09-09', 'yesterday')).toBe('--09-08');
    expect(valueOf('The minister spoke on Monday.', '--09-09', 'Monday')).toBeNull();
    expect(valueOf('The talks took place in October.', '--09-09', 'October')).toBeNull();
  });

  it('ignores durations, relative-to-event phrases and non-dates', () => {
    const ds = extractDates(analyseArticle(article('A delegation will be in Doha for two weeks. It came 20 years after the invasion. You may go. On Fox News Sunday he spoke.', '2021-11-24')));
    expect(ds.map((d) => d.text)).toEqual([]);
  });

  it('maps offsets into the raw text', () => {
    const a = articleFromText('seed', readFileSync(new URL('../../corpus/002_623ccbdca21ca097.txt', import.meta.url), 'utf8'));
    const ds = extractDates(analyseArticle(a));
    expect(ds.length).toBeGreaterThan(5);
    for (const d of ds) expect(a.raw.slice(d.start, d.end)).toBe(d.text);
    expect(ds.find((d) => d.text === 'October')?.value).toBe('2021-10');
  });

  it('survives bad input', () => {
    expect(extractDates(analyseArticle(article('', '2021-11-08')))).toEqual([]);
    expect(extractDates(analyseArticle(article('No dates here at all, only words.', '2021-11-08')))).toEqual([]);
    const long = 'word '.repeat(2000) + 'on Monday ' + 'more '.repeat(2000);
    const ds = extractDates(analyseArticle(article(long, '2021-11-08')));
    expect(ds.map((d) => d.value)).toEqual(['2021-11-08']);
    expect(() => extractDates(analyseArticle(article('\u202e\u0000 Ω≈ç√ 😀 on 🎉 Tuesday \ud800 in Octo\u0301ber', '2021-11-08')))).not.toThrow();
    expect(() => extractDates(analyseArticle(article('On Monday.', 'garbage')))).not.toThrow();
  });
});
