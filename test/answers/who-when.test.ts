import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { answerWho } from '../../src/answers/who.ts';
import { answerWhen } from '../../src/answers/when.ts';

const desk = Newsdesk.fromCorpus(await loadCorpus(new URL('../../corpus/', import.meta.url).pathname));
const who = (query: string) => desk.answer({ command: 'who', query });
const when = (query: string) => desk.answer({ command: 'when', query });

describe('who', () => {
  it('profiles a person from any name form, with roles and citations', () => {
    for (const q of ['Thomas West', 'Tom West', 'west', 'Thomas Wset']) {
      const a = who(q);
      expect(a.answer, q).toMatch(/^Thomas West — /);
    }
    const a = who('Tom West');
    expect(a.items.some((i) => i.role === 'US special envoy to Afghanistan' && i.citation.article.startsWith('001'))).toBe(true);
    expect(a.items.every((i) => i.role !== undefined || i.speaker === 'Thomas West')).toBe(true);
    expect(a.notice).toContain('4 articles');
    expect(a.notice).toContain('Tom West');
  });

  it('states the best role in one line', () => {
    expect(who('Ned Price').answer).toBe('Ned Price — State Department spokesman');
    expect(who('mottaki').answer).toMatch(/^Amir Khan Muttaki — .*Foreign Minister/);
  });

  it('finds groups by abbreviation', () => {
    expect(who('IS-K').answer).toMatch(/^Islamic State in Khorasan/);
  });

  it('says who said a quotation when no name matches', () => {
    const a = who('we are not seriously thinking about this step');
    if (desk.ctx.quotes.length) {
      expect(a.answer).toMatch(/Thomas West/);
      expect(a.items[0].citation.article).toMatch(/^000/);
    }
  });

  it('says when nothing matches, with suggestions', () => {
    const a = who('Blinkenx Antonyx');
    expect(a.items).toEqual([]);
    expect(a.notice).toMatch(/No person/);
    expect(a.suggestions).toContain('Anthony Blinken');
    expect(() => who('\u202e😀 \u0000')).not.toThrow();
    expect(answerWho(desk.ctx, 'x'.repeat(10_000)).items).toEqual([]);
  });
});

describe('when', () => {
  it('dates the first round of talks in Doha to October 2021, from two articles', () => {
    const a = when('when did the first round of talks in Doha take place');
    expect(a.items[0].date).toBe('2021-10');
    expect(a.answer).toMatch(/^October 2021/);
    const octobers = a.items.filter((i) => i.date === '2021-10').map((i) => i.citation.article.slice(0, 3));
    expect(octobers).toEqual(expect.arrayContaining(['000', '002']));
    expect(a.items[0].text).toMatch(/October/);
  });

  it('shows disagreement', () => {
    // Press TV (002) dates the Taliban's return to 2021; the undated-year reprint (004) puts "in August" in 2023.
    const a = when('when did the Taliban return to power');
    expect(a.items.length).toBeGreaterThan(1);
    expect(a.notice).toMatch(/disagree/);
    const years = new Set(a.items.map((i) => i.date?.slice(0, 4)).filter(Boolean));
    expect(years.size).toBeGreaterThan(1);
    expect(new Set(a.items.map((i) => i.citation.article)).size).toBeGreaterThan(1);
  });

  it('handles nothing found and bad input', () => {
    expect(when('when did the zorblax treaty get signed').items).toEqual([]);
    expect(() => answerWhen(desk.ctx, 'when ' + 'x '.repeat(3000))).not.toThrow();
  });
});
