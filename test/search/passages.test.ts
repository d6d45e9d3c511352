import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadCorpus } from '../../src/corpus/load.ts';
import { articleFromText } from '../../src/corpus/article.ts';
import { buildPassageSearch, SegmentedPassageSearch, segmentArticles } from '../../src/search/passages.ts';
import { buildSegment, decodeSegment, encodeSegment } from '../../src/search/segment.ts';
import { buildStockPassageSearch } from '../../bench/stock.ts';
import { NameIndex } from '../../src/search/names.ts';

const root = path.resolve(import.meta.dirname, '../..');
const polnearDev = path.resolve(root, '../shared/polnear/dev/text');

const key = (h: { article: string; paragraph: number }) => `${h.article}#${h.paragraph}`;

function tinyCorpus() {
  return [
    articleFromText('a', 'Oil prices rose sharply on Monday after the OPEC meeting.\n\nTraders said the market was calm.', 'txt'),
    articleFromText('b', 'The central bank cut interest rates by half a point.\n\nOil was little changed.', 'txt'),
    articleFromText('c', 'Coffee exports from Brazil fell in March.\n\nThe harvest was poor, growers said.', 'txt'),
  ];
}

describe('passage search', () => {
  it('ranks like the stock MiniSearch search on the seed corpus, in one segment or many', async () => {
    const corpus = await loadCorpus(path.join(root, 'corpus'));
    const stock = buildStockPassageSearch(corpus.articles);
    const one = buildPassageSearch(corpus.articles);
    const many = SegmentedPassageSearch.create(segmentArticles(corpus.articles, 2).map((g) => buildSegment(g)));
    const queries = ['Taliban', 'talks in Moscow', 'who attended the meeting', 'Afghanistan humanitarian aid', 'Taliban foreign minister Muttaqi', 'sanctions', 'Afganistan'];
    for (const q of queries) {
      for (const minCoverage of [0, 0.3, 0.6]) {
        const expected = stock.search(q, { limit: 10, minCoverage }).map(key);
        expect(one.search(q, { limit: 10, minCoverage }).map(key), `${q} @${minCoverage}`).toEqual(expected);
        expect(many.search(q, { limit: 10, minCoverage }).map(key), `${q} @${minCoverage} (segments)`).toEqual(expected);
      }
    }
  });

  it.skipIf(!existsSync(polnearDev))('ranks like the stock search on PolNeAR dev', async () => {
    const corpus = await loadCorpus(polnearDev);
    const stock = buildStockPassageSearch(corpus.articles);
    const fast = SegmentedPassageSearch.create(segmentArticles(corpus.articles, 20).map((g) => buildSegment(g)));
    for (const q of ['Hillary Clinton emails', 'Trump campaign manager', 'presidnt obama', 'tax plan', 'foreign policy speech in Ohio']) {
      const a = fast.search(q, { limit: 10 });
      const b = stock.search(q, { limit: 10 });
      expect(a.map(key), q).toEqual(b.map(key));
      a.forEach((h, i) => {
        expect(h.score).toBeCloseTo(b[i].score, 6);
        expect(h.coverage).toBeCloseTo(b[i].coverage, 9);
        expect([...h.terms].sort()).toEqual([...b[i].terms].sort());
      });
    }
  }, 30_000);

  it('keeps the coverage floor: no passage matching too little of the query', () => {
    const search = buildPassageSearch(tinyCorpus());
    expect(search.search('oil prices', { minCoverage: 0.3 }).map(key)).toContain('a#1');
    for (const hit of search.search('oil prices coffee harvest Brazil', { minCoverage: 0.5 })) expect(hit.coverage).toBeGreaterThanOrEqual(0.5);
    expect(search.search('xylophone', {})).toEqual([]);
    expect(search.search('', {})).toEqual([]);
    expect(search.search('the and of', {})).toEqual([]);
  });

  it('restricts to articles, honours the limit and reports its size', () => {
    const search = buildPassageSearch(tinyCorpus());
    expect(search.size).toBe(6);
    expect(search.search('oil', { articles: new Set(['b']) }).every((h) => h.article === 'b')).toBe(true);
    expect(search.search('oil', { limit: 1 })).toHaveLength(1);
    expect(search.search('oil', { limit: 0 })).toEqual([]);
    expect(buildPassageSearch([]).search('oil')).toEqual([]);
  });

  it('suggests written words close to a misspelling', () => {
    const search = buildPassageSearch(tinyCorpus());
    expect(search.suggest('cofee exprts')).toEqual(expect.arrayContaining(['Coffee']));
    expect(search.suggest('')).toEqual([]);
  });

  it('survives a round trip through its binary form', () => {
    const seg = buildSegment(tinyCorpus());
    const back = decodeSegment(encodeSegment(seg));
    const a = SegmentedPassageSearch.create([seg]);
    const b = SegmentedPassageSearch.create([back]);
    expect(b.search('oil prices').map(key)).toEqual(a.search('oil prices').map(key));
    expect(() => decodeSegment(Buffer.from('not a segment'))).toThrow(/segment/);
    expect(() => decodeSegment(encodeSegment(seg).subarray(0, 200))).toThrow();
  });
});

describe('name completion', () => {
  const index = new NameIndex([
    { name: 'Joe Biden (9 mentions)', value: 'Joe Biden', count: 9, forms: ['Joe Biden', 'Biden'] },
    { name: 'Boris Johnson (4 mentions)', value: 'Boris Johnson', count: 4, forms: ['Boris Johnson', 'Johnson'] },
    { name: 'Jonathan Bidenko (1 mention)', value: 'Jonathan Bidenko', count: 1, forms: ['Jonathan Bidenko'] },
    { name: 'Amir Khan Muttaqi (2 mentions)', value: 'Amir Khan Muttaqi', count: 2, forms: ['Amir Khan Muttaqi', 'Muttaqi'] },
  ]);

  it('matches word starts, best first, and falls back to letters inside a word', () => {
    expect(index.complete('bid').map((e) => e.value)).toEqual(['Joe Biden', 'Jonathan Bidenko']);
    expect(index.complete('jo').map((e) => e.value)).toEqual(['Joe Biden', 'Boris Johnson', 'Jonathan Bidenko']);
    expect(index.complete('').map((e) => e.value)[0]).toBe('Joe Biden');
    expect(index.complete('uttaq').map((e) => e.value)).toEqual(['Amir Khan Muttaqi']);
    expect(index.complete('khan m').map((e) => e.value)).toEqual(['Amir Khan Muttaqi']);
    expect(index.complete('zzz')).toEqual([]);
    expect(index.complete('b', 1)).toHaveLength(1);
  });
});
