import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildLookups, lookupsOf, mergeIndices, LetterBound } from '../../src/answers/lookups.ts';
import { editDistance } from '../../src/knowledge/people/name-forms.ts';
import { Newsdesk } from '../../src/newsdesk.ts';

const desk = Newsdesk.fromCorpus(await loadCorpus(new URL('../../corpus/', import.meta.url).pathname));

describe('lookups', () => {
  it('are built with the Newsdesk and group quotes and dates as a full scan does', () => {
    const ctx = desk.ctx;
    expect(ctx.lookups).toBeDefined();
    const l = lookupsOf(ctx);
    for (const e of ctx.entities) {
      const scan = ctx.quotes.flatMap((q, i) => (q.entityId === e.id ? [i] : []));
      expect(l.quotesByEntity.get(e.id) ?? []).toEqual(scan);
    }
    expect(ctx.dates.length).toBeGreaterThan(0);
    for (const d of ctx.dates) {
      const scan = ctx.dates.filter((x) => x.article === d.article && x.paragraph === d.paragraph);
      const found = l.datesIn(d.article, d.paragraph);
      expect(found.length === scan.length && found.every((x, i) => x === scan[i])).toBe(true);
    }
    // Every date is found in its paragraph, once; captions' dates (a picture's, not an event's) in none.
    const oneEach = new Map(ctx.dates.map((d) => [`${d.article}#${d.paragraph}`, d]));
    expect([...oneEach.values()].reduce((n, d) => n + l.datesIn(d.article, d.paragraph).length, 0)).toBe(ctx.dates.length);
  });

  it('are built on first use for a context made without them', () => {
    const ctx = { entities: [], quotes: [], dates: [], knowledge: new Map() };
    expect(lookupsOf(ctx)).toBe(lookupsOf(ctx));
    expect(buildLookups(ctx).quotesBySpeaker.size).toBe(0);
  });

  it('merge index lists in order, once each', () => {
    expect(mergeIndices([[1, 4, 9], [2, 4], []])).toEqual([1, 2, 4, 9]);
  });

  it('bound the edit distance from below', () => {
    const words = ['baker', 'backer', 'volcker', 'volker', 'clinton', 'clintons', 'reagan', 'regan', 'trump', 'thomas', 'tom', 'a', ''];
    for (const a of words) for (const b of words) expect(new LetterBound(a).of(b)).toBeLessThanOrEqual(editDistance(a, b, 99));
  });
});
