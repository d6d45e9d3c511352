/** Computations cut into slices (src/slices.ts) give exactly what the same computations give in one go. */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import { extractArticle } from '../src/knowledge/extract.ts';
import { buildPassageSearch } from '../src/search/passages.ts';
import { Newsdesk } from '../src/newsdesk.ts';
import { runAtOnce, runSliced, sortSteps } from '../src/slices.ts';
import { handArticle } from './helpers/article.ts';

describe('sliced computations', () => {
  it('sorts as Array.prototype.sort does, ties in their first order, yielding along the way', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [0, 1, 2, 3, 17, 1000, 5003]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(random() * 40), name: `n${Math.floor(random() * 9)}`, i }));
      const compare = (a: (typeof items)[number], b: (typeof items)[number]) => a.key - b.key || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      const expected = [...items].sort(compare);
      let pauses = 0;
      const sliced = await runSliced(sortSteps([...items], compare), async () => void pauses++);
      expect(sliced).toEqual(expected);
      expect(runAtOnce(sortSteps([...items], compare))).toEqual(expected);
      if (n >= 1000) expect(pauses).toBeGreaterThan(1);
    }
  });

  it('builds a Newsdesk in slices that answers exactly as one built at once', async () => {
    const seed = await loadCorpus(new URL('../corpus/', import.meta.url).pathname);
    const made = Array.from({ length: 40 }, (_, i) =>
      handArticle(
        `Minister Ana Lopez${i % 3 ? '' : 'z'} said on Monday that the port of Vigo would reopen.\n\n"We will rebuild the quay by March," Lopez said. Harbour master Tom Reyes said repairs cost ${i} million euros.\n\nThe Vigo Port Authority and Reyes met on 4 May 2024.`,
        { id: `made-${i}`, published: `2024-05-${String((i % 28) + 1).padStart(2, '0')}` },
      ),
    );
    const articles = [...seed.articles, ...made];
    const corpus = { dir: seed.dir, warnings: [], articles };
    const knowledge = new Map(articles.map((a) => [a.id, extractArticle(a)]));
    const parts = { corpus, knowledge, passages: buildPassageSearch(articles) };
    const once = Newsdesk.fromIndexed(parts);
    const sliced = await Newsdesk.fromIndexedAsync(parts);
    expect(sliced.ctx.entities).toEqual(once.ctx.entities);
    expect(sliced.ctx.quotes).toEqual(once.ctx.quotes);
    expect(sliced.ctx.dates).toEqual(once.ctx.dates);
    expect(sliced.ctx.entities.length).toBeGreaterThan(5);
    for (const [command, query] of [['who', 'Lopez'], ['quote', 'Reyes'], ['when', 'Vigo'], ['ask', 'port reopen'], ['brief', 'Vigo']] as const) {
      expect(sliced.answer({ command, query })).toEqual(once.answer({ command, query }));
    }
    for (const prefix of ['', 'lo', 'reyes', 't']) {
      expect(sliced.complete('who', prefix)).toEqual(once.complete('who', prefix));
      expect(sliced.complete('quote', prefix)).toEqual(once.complete('quote', prefix));
    }

    // A desk that starts autocomplete over its best-known names only has it whole once warmed.
    const started = await Newsdesk.fromIndexedAsync(parts, { startNames: 2 });
    expect(started.complete('who', '')).toEqual(once.complete('who', '').slice(0, 2));
    expect(started.complete('quote', '').length).toBeLessThanOrEqual(2);
    expect(once.complete('who', '').length).toBeGreaterThan(2);
    expect(started.answer({ command: 'who', query: 'Reyes' })).toEqual(once.answer({ command: 'who', query: 'Reyes' }));
    await started.warm();
    for (const prefix of ['', 'lo', 'reyes', 't']) {
      expect(started.complete('who', prefix)).toEqual(once.complete('who', prefix));
      expect(started.complete('quote', prefix)).toEqual(once.complete('quote', prefix));
    }
  });
});
