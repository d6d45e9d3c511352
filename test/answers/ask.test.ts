import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Newsdesk } from '../../src/newsdesk.ts';
import { UserInputError } from '../../src/answers/types.ts';
import { POLNEAR_DIR, scoreRanking } from '../../bench/eval-ask.ts';
import { articleFromText } from '../../src/corpus/load.ts';

let desk: Newsdesk;
beforeAll(async () => {
  desk = await Newsdesk.open({ corpusDir: 'corpus' });
});

describe('ask over the seeds', () => {
  it('finds the paragraph that answers a plain factual question, cited', () => {
    const a = desk.answer({ command: 'ask', query: 'How much did the US seize?' });
    expect(a.items[0].citation).toMatchObject({ article: '002_623ccbdca21ca097', source: 'Press TV', published: '2021-11-24', paragraph: 8 });
    expect(a.items[0].text).toContain('$9.5 billion');
    const marked = a.items[0].marks!.map(([s, e]) => a.items[0].text.slice(s, e));
    expect(marked).toContain('seized');
  });

  it('ranks the labelled seed questions well (hit@3 ≥ 0.9, MRR ≥ 0.8)', () => {
    const score = scoreRanking(desk, 'seeds');
    expect(score.misses).toEqual([]);
    expect(score.hitAt3).toBeGreaterThanOrEqual(0.9);
    expect(score.mrr).toBeGreaterThanOrEqual(0.8);
  });

  it.skipIf(!existsSync(`${POLNEAR_DIR}/dev/text`))('ranks the labelled PolNeAR dev questions well', async () => {
    const dev = await Newsdesk.open({ corpusDir: `${POLNEAR_DIR}/dev/text` });
    const score = scoreRanking(dev, 'polnear-dev');
    expect(score.hitAt3).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps excerpts to about 300 characters, cut at words', () => {
    for (const q of ['Taliban', 'United States Afghanistan aid', 'humanitarian crisis']) {
      for (const item of desk.answer({ command: 'ask', query: q }).items) {
        expect(item.text.length).toBeLessThanOrEqual(302);
        expect(item.text).toMatch(/^(…|\S)/);
      }
    }
  });

  it('says the corpus does not cover an unrelated question, with close terms, rather than showing noise', () => {
    const a = desk.answer({ command: 'ask', query: 'bitcoin mining difficulty' });
    expect(a.items).toEqual([]);
    expect(a.notice).toMatch(/does not cover/);
    const b = desk.answer({ command: 'ask', query: 'Afganistan embasy' });
    expect(b.items.length).toBeGreaterThan(0);
  });

  it('handles a query of stop words, an empty query and 6,000 characters of punctuation', () => {
    expect(desk.answer({ command: 'ask', query: 'what is the of and' }).notice).toMatch(/only common words/);
    expect(() => desk.answer({ command: 'ask', query: '   ' })).toThrow(UserInputError);
    const junk = '.*+?^${}()|[]\\/'.repeat(400);
    expect(() => desk.answer({ command: 'ask', query: junk })).toThrow(/under 500/);
    const a = desk.answer({ command: 'ask', query: junk.slice(0, 450) });
    expect(a.items).toEqual([]);
  });

  it('collapses the same passage carried by two outlets into one item citing both', () => {
    const text = 'The minister said the border would reopen on Monday after three weeks of closure, officials confirmed to reporters in the capital.';
    const one = articleFromText('outlet-a', `Headline number one here\n\n${text}`);
    const two = articleFromText('outlet-b', `Another headline for it\n\n${text.replace('officials', 'Officials')}`);
    const other = articleFromText('outlet-c', 'Third headline in the set\n\nThe border stays closed, the opposition said.');
    const d = Newsdesk.fromCorpus({ dir: '', articles: [one, two, other], warnings: [] });
    const a = d.answer({ command: 'ask', query: 'when will the border reopen' });
    expect(a.items[0].alsoCitedBy?.map((c) => c.article)).toEqual([a.items[0].citation.article === 'outlet-a' ? 'outlet-b' : 'outlet-a']);
    expect(a.items.filter((i) => i.citation.article !== 'outlet-c')).toHaveLength(1);
  });
});
