import { describe, expect, it } from 'vitest';
import { Newsdesk } from '../../src/newsdesk.ts';
import type { Answer, AnswerItem } from '../../src/answers/types.ts';
import { handArticle } from '../helpers/article.ts';

// Two outlets on an invented harbour strike, with photo captions of three kinds.
const A = handArticle(
  [
    'GDANSK (Baltic Wire) - Dock workers in Gdansk walked out on Monday, halting cargo traffic at the harbour for the first time in a decade.',
    'Union leader Marta Kowalczyk and port director Henrik Olsen met on Tuesday to discuss the pay dispute behind the harbour strike.',
    '"We will not unload a single ship until the pay offer is doubled," Kowalczyk told reporters outside the harbour gates.',
    'Olsen said the port authority could not afford the union demand and warned that shipping lines would divert cargo to Gdynia.',
    'Dock workers sit on idle cranes during the harbour strike in Gdansk on March 3, 2022.',
    'Photo: Marta Kowalczyk addresses strikers at the harbour gates.',
    'The harbour strike has already cost exporters millions, according to the chamber of commerce in Gdansk.',
  ].join('\n\n'),
  { id: 'a_wire', published: '2022-03-04' },
);
const B = handArticle(
  [
    'Dock workers at the Gdansk harbour stopped work on Monday in a strike over pay, and cargo traffic came to a halt.',
    'Union leader Marta Kowalczyk and port director Henrik Olsen met on Tuesday to discuss the pay dispute behind the harbour strike.',
    'Strikers block the entrance to the harbour in Gdansk on March 3, 2022. (AFP)',
    'Shipping lines said they were ready to divert cargo to Gdynia if the harbour strike lasted into next week.',
  ].join('\n\n'),
  { id: 'b_daily', published: '2022-03-04' },
);
const desk = Newsdesk.fromCorpus({ dir: 'test', articles: [A, B], warnings: [] });
const brief = (query: string): Answer => desk.answer({ command: 'brief', query });
const CAPTIONS = [/sit on idle cranes/, /^Photo:/, /Strikers block the entrance/, /\(AFP\)/];

/** Every excerpt the briefing shows (pointers aside), with where it is shown. */
function excerpts(a: Answer): Array<{ text: string; section: string; item: AnswerItem }> {
  return (a.sections ?? []).flatMap((s) => s.items.filter((i) => !i.shownIn).map((item) => ({ text: item.text, section: s.kind, item })));
}

describe('a briefing shows each sentence once', () => {
  for (const q of ['harbour strike', 'Gdansk', 'Kowalczyk', '']) {
    it(`never repeats a sentence (${q || 'whole corpus'})`, () => {
      const a = brief(q);
      expect(a.sections?.length).toBeGreaterThan(0);
      const shown = excerpts(a);
      // No excerpt holds another one (same sentence, or a sentence inside a joined key point).
      for (const x of shown) for (const y of shown) if (x !== y) expect(x.text.includes(y.text), `${x.section} "${x.text}" repeats ${y.section} "${y.text}"`).toBe(false);
    });
  }

  it('points a person at the key point that shows their sentence, and gives two people two lines', () => {
    const a = brief('Kowalczyk Olsen pay dispute');
    const keys = a.sections!.find((s) => s.kind === 'keyPoints')!.items;
    const people = a.sections!.find((s) => s.kind === 'people')!.items;
    const names = people.map((p) => p.speaker);
    expect(names).toEqual(expect.arrayContaining(['Marta Kowalczyk', 'Henrik Olsen']));
    const lines = people.filter((p) => !p.shownIn).map((p) => p.text);
    expect(new Set(lines).size).toBe(lines.length);
    for (const p of people) {
      if (!p.shownIn) {
        expect(p.text).toContain(p.speaker!.split(' ').pop()!);
        continue;
      }
      const target = a.sections!.find((s) => s.kind === p.shownIn!.section)!.items[p.shownIn.index];
      expect(target.text).toContain(p.speaker!.split(' ').pop()!);
      expect(p.text).toMatch(/^See (key point \d+|.+'s (line|quote) above)\.$/);
      if (p.shownIn.section === 'keyPoints') expect(p.text).toBe(`See key point ${p.shownIn.index + 1}.`);
    }
    // The shared meeting sentence, when a key point, is shown there only.
    const meeting = keys.findIndex((k) => /met on Tuesday/.test(k.text));
    if (meeting >= 0) expect(people.filter((p) => /met on Tuesday/.test(p.text))).toEqual([]);
  });
});

describe('photo captions', () => {
  it('are no key points, quotes or timeline events', () => {
    for (const q of ['harbour strike', 'Gdansk', 'cranes', 'Kowalczyk', '']) {
      const a = brief(q);
      for (const { text } of excerpts(a)) for (const c of CAPTIONS) expect(text, q).not.toMatch(c);
      const timeline = a.sections?.find((s) => s.kind === 'timeline')?.items ?? [];
      expect(timeline.some((i) => i.date === '2022-03-03'), q).toBe(false);
    }
  });

  it('are flagged at extraction and yield no event date or quote', () => {
    const k = desk.ctx.knowledge.get('a_wire')!;
    expect(k.statements!.filter((s) => s.caption).map((s) => s.paragraph)).toEqual([5, 6]);
    expect(k.dates.filter((d) => d.value === '2022-03-03').every((d) => d.caption)).toBe(true);
    expect(desk.ctx.dates.some((d) => d.value === '2022-03-03')).toBe(false);
    expect(new Set(desk.ctx.knowledge.get('b_daily')!.statements!.filter((s) => s.caption).map((s) => s.paragraph))).toEqual(new Set([3]));
    expect(desk.ctx.quotes.every((q) => !/addresses strikers/.test(q.text))).toBe(true);
  });
});
