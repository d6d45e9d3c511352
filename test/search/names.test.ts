import { describe, expect, it } from 'vitest';
import { NameIndex, type NameEntry } from '../../src/search/names.ts';

describe('NameIndex', () => {
  const entries: NameEntry[] = Array.from({ length: 12_000 }, (_, i) => ({ name: `Person ${i}`, value: `Person ${i}`, count: i % 97, forms: [`Person ${i}`, `P. Número ${i}`] }));

  it('built in steps, completes like one built at once', async () => {
    const once = new NameIndex(entries);
    let pauses = 0;
    const steps = await NameIndex.create(entries, async () => void pauses++);
    expect(pauses).toBeGreaterThan(1);
    for (const p of ['', 'p', 'person 11', 'numero 7', 'rson 5']) expect(steps.complete(p, 25)).toEqual(once.complete(p, 25));
  });

  it('folds names and prefixes the one way names are folded: accents off, curly apostrophes straight', () => {
    const index = new NameIndex([
      { name: 'Beto O’Rourke', value: 'Beto O’Rourke', count: 3, forms: ['Beto O’Rourke', 'O’Rourke'] },
      { name: 'José Núñez', value: 'José Núñez', count: 2, forms: ['José Núñez'] },
    ]);
    for (const p of ["o'rou", 'o’rou', "beto o'r"]) expect(index.complete(p).map((e) => e.value)).toEqual(['Beto O’Rourke']);
    for (const p of ['nunez', 'núñ', 'jose n']) expect(index.complete(p).map((e) => e.value)).toEqual(['José Núñez']);
  });
});
