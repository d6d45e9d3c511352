/** British and American spellings meet in search, by rule; a question that finds nothing tries a fuzzier reading. */
import { describe, expect, it } from 'vitest';
import { unifiedSpelling } from '../../src/search/spelling.ts';
import { processTerm } from '../../src/search/text.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { LOOSE_NOTICE } from '../../src/answers/search.ts';
import { handArticle } from '../helpers/article.ts';

const PAIRS: Array<[string, string]> = [
  ['recognise', 'recognize'], ['recognised', 'recognized'], ['organisation', 'organization'], ['organisations', 'organizations'],
  ['criticising', 'criticizing'], ['defence', 'defense'], ['offences', 'offenses'], ['licence', 'license'],
  ['centre', 'center'], ['centres', 'centers'], ['centred', 'centered'], ['theatre', 'theater'], ['metres', 'meters'],
  ['fibre', 'fiber'], ['programme', 'program'], ['programmes', 'programs'], ['travelled', 'traveled'],
  ['travelling', 'traveling'], ['traveller', 'traveler'], ['cancelled', 'canceled'], ['modelling', 'modeling'],
  ['labelled', 'labeled'], ['colour', 'color'], ['harbours', 'harbors'], ['favourite', 'favorite'], ['behaviour', 'behavior'],
  ['honourable', 'honorable'], ['analyse', 'analyze'], ['paralysed', 'paralyzed'], ['catalogue', 'catalog'],
  ['dialogues', 'dialogs'], ['paediatric', 'pediatric'], ['anaemia', 'anemia'], ['manoeuvre', 'maneuver'],
];

describe('one spelling by rule', () => {
  it('British and American forms become the same index term', () => {
    for (const [gb, us] of PAIRS) expect(processTerm(gb), `${gb} / ${us}`).toBe(processTerm(us));
  });

  it('leaves short and unrelated words alone, and keeps different words apart', () => {
    for (const w of ['four', 'hour', 'your', 'tour', 'rise', 'wise', 'fence', 'hence', 'rogue', 'vogue', 'string', 'acre', 'genre', 'poet', 'boeing', 'source', 'journal', 'flourish', 'ourselves', 'called', 'spelling']) {
      expect(unifiedSpelling(w), w).toBe(w);
    }
    for (const [a, b] of [['filled', 'filed'], ['filling', 'filing'], ['being', 'boeing'], ['four', 'for'], ['timing', 'timer'], ['hour', 'hor']]) {
      expect(processTerm(a), `${a} ≠ ${b}`).not.toBe(processTerm(b));
    }
  });
});

describe('search across spellings', () => {
  const british = handArticle(
    [
      'The defence ministry said the organisation had been recognised by the harbour authority after months of talks.',
      'A new programme for the town centre will open in the theatre district, and travellers who travelled by ferry were welcomed.',
      'The labour party criticised the licence fees and asked the council to analyse the catalogue of offences.',
    ].join('\n\n'),
    { id: 'gb', published: '2023-02-01' },
  );
  const american = handArticle(
    [
      'The Pentagon said the defense program would be reorganized, and the center of the debate was the harbor budget.',
      'Officials traveled to the theater of operations, where the organization was recognized as a partner.',
    ].join('\n\n'),
    { id: 'us', published: '2023-02-02' },
  );
  const desk = Newsdesk.fromCorpus({ dir: '', warnings: [], articles: [british, american] });
  const cited = (query: string) => new Set(desk.answer({ command: 'ask', query }).items.flatMap((i) => [i.citation.article, ...(i.alsoCitedBy ?? []).map((c) => c.article)]));

  it('an American question finds British text, and a British one American text', () => {
    for (const q of ['defense organization recognized', 'program town center theater', 'travelers traveled ferry', 'labor criticized license', 'analyze catalog offenses']) {
      expect(cited(q).has('gb'), q).toBe(true);
    }
    for (const q of ['defence programme', 'centre harbour budget', 'travelled theatre of operations', 'organisation recognised partner']) {
      expect(cited(q).has('us'), q).toBe(true);
    }
  });

  it('when answers across spellings too', () => {
    const d = Newsdesk.fromCorpus({ dir: '', warnings: [], articles: [handArticle('The new harbour centre was opened in March 2022 by the mayor, after a long programme of works.', { id: 'w', published: '2022-06-01' })] });
    const a = d.answer({ command: 'when', query: 'when did the harbor center open' });
    expect(a.items[0]?.date).toBe('2022-03');
  });
});

describe('a fuzzier reading before "nothing found"', () => {
  const desk = Newsdesk.fromCorpus({
    dir: '',
    warnings: [],
    articles: [handArticle('The ferry to Osei island resumed on Monday after the storm, the port said.\n\nTraffic on the bay was light.', { id: 'ferry', published: '2023-01-09' })],
  });

  it('a misspelt short word finds nothing as written, then the passage under the looser reading, saying so', () => {
    expect(desk.ctx.passages.search('fery Osai')).toEqual([]);
    const a = desk.answer({ command: 'ask', query: 'fery Osai' });
    expect(a.items.map((i) => i.citation.article)).toEqual(['ferry']);
    expect(a.notice).toBe(LOOSE_NOTICE);
    const w = desk.answer({ command: 'when', query: 'when did the fery resume' });
    expect(w.items[0]?.date).toBe('2023-01-09');
    expect(w.notice).toContain(LOOSE_NOTICE);
  });

  it('an exact match is answered as before, without the notice, and nonsense still finds nothing', () => {
    expect(desk.answer({ command: 'ask', query: 'ferry island' }).notice).toBeUndefined();
    const none = desk.answer({ command: 'ask', query: 'quantum xylophone' });
    expect(none.items).toEqual([]);
    expect(none.notice).toMatch(/does not cover/);
  });
});
