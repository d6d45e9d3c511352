/** Near-duplicate grouping: the fast numeric shingles group exactly as the word-trigram strings they stand for. */
import { describe, expect, it } from 'vitest';
import { groupNearDuplicates, NEAR_DUPLICATE, similarity } from '../../src/answers/similar.ts';

/** The grouping by definition: each text joins the first earlier group it is a near duplicate of. */
function reference(texts: string[], maxGroups = Infinity): Array<{ item: string; folded: string[] }> {
  const groups: Array<{ item: string; folded: string[] }> = [];
  for (const t of texts) {
    const home = groups.find((g) => similarity(g.item, t) >= NEAR_DUPLICATE);
    if (home) home.folded.push(t);
    else if (groups.length < maxGroups) groups.push({ item: t, folded: [] });
  }
  return groups;
}

/** A small deterministic generator, so a failure names the same texts every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

const VOCAB = ['oil', 'prices', 'rose', 'Brazil', 'debt', 'said', 'the', 'bank', 'café', 'Zürich', '𝒳avier', '2024', '3.5', 'pct', "O'Neil", 'co-op'];

describe('groupNearDuplicates', () => {
  it('groups random texts and their edited copies as word-trigram Jaccard does', () => {
    const next = random(7);
    for (let round = 0; round < 60; round++) {
      const originals = Array.from({ length: 4 }, () => Array.from({ length: 1 + Math.floor(next() * 30) }, () => VOCAB[Math.floor(next() * VOCAB.length)]));
      const texts = Array.from({ length: 12 }, () => {
        const words = [...originals[Math.floor(next() * originals.length)]];
        const edits = Math.floor(next() * 8);
        for (let e = 0; e < edits && words.length; e++) words[Math.floor(next() * words.length)] = VOCAB[Math.floor(next() * VOCAB.length)];
        return words.join(next() < 0.5 ? ' ' : ', ').toUpperCase();
      });
      const got = groupNearDuplicates(texts, (t) => t);
      expect(got).toEqual(reference(texts));
      expect(groupNearDuplicates(texts, (t) => t, () => false, 2)).toEqual(reference(texts, 2));
    }
  });

  it('folds a reprint with different punctuation and case, and keeps texts of one or two words apart unless equal', () => {
    const a = 'The central bank raised its key rate by half a point on Tuesday, the first rise in two years.';
    const b = 'THE CENTRAL BANK RAISED ITS KEY RATE BY HALF A POINT ON TUESDAY -- THE FIRST RISE IN TWO YEARS';
    const got = groupNearDuplicates([a, 'Oil', b, 'Oil', 'Oil prices', 'Oil rose', ''], (t) => t);
    expect(got.map((g) => [g.item, g.folded])).toEqual([
      [a, [b]],
      ['Oil', ['Oil']],
      ['Oil prices', []],
      ['Oil rose', []],
      ['', []],
    ]);
  });

  it('never folds two items of one source together', () => {
    const text = 'Exports of coffee from Brazil fell sharply in the third quarter, traders said.';
    const items = [{ src: 'x', text }, { src: 'x', text }, { src: 'y', text }];
    const got = groupNearDuplicates(items, (i) => i.text, (p, q) => p.src === q.src);
    expect(got.map((g) => [g.item.src, g.folded.map((f) => f.src)])).toEqual([
      ['x', ['y']],
      ['x', []],
    ]);
  });
});
