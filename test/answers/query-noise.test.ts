/** Queries as people type them: mentions, emoji, markdown and stray punctuation are noise for matching, never for the echo. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchingText } from '../../src/answers/query.ts';
import { UserInputError } from '../../src/answers/types.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { handArticle } from '../helpers/article.ts';

const desk = Newsdesk.fromCorpus({
  dir: '',
  warnings: [],
  articles: [
    handArticle(
      [
        'Harbour Commissioner Mira Castellanos said on Tuesday that the port of Velmar would reopen to container ships next month.',
        '"We will open the northern quay first, and the ferries will follow," Castellanos told reporters at the port authority.',
        'The city council approved the budget for the dredging work after a long debate about the cost of the project.',
      ].join('\n\n'),
      { id: 'velmar-port', published: '2023-03-14' },
    ),
    handArticle(
      [
        'Transport Minister Jonas Albrecht said the rail link to the port would be finished by the end of the year.',
        '"The trains will run on time," Albrecht said, adding that the dredging contract had gone to a local firm.',
      ].join('\n\n'),
      { id: 'velmar-rail', published: '2023-04-02' },
    ),
  ],
});

const NOISE = ['@everyone', '@here', '<@123456789012345678>', '<@!123456789012345678>', '<@&987654321098765432>', '<#112233445566778899>', '<:wave:123456789012345678>', '<a:party:123456789012345678>', '👋', '🇺🇸', '👍🏽', '1️⃣', '**', '||', '~~', '`', '>', '#', '--', '?!', '...', '·', '</who:1234>', '<t:1700000000:R>'];

describe('matchingText', () => {
  it('drops Discord references, pings, emoji, markdown and stray punctuation, and keeps the words', () => {
    expect(matchingText('@everyone Ned Price')).toBe('Ned Price');
    expect(matchingText('<@!123> <@&456> <#789> **Ned** __Price__ <:wave:42> 👋🏽')).toBe('Ned Price');
    expect(matchingText('||How much did the US seize?|| 🇺🇸')).toBe('How much did the US seize');
    expect(matchingText('[Free Nitro](http://evil.example) talks in Doha!!!')).toBe('Free Nitro talks in Doha');
    expect(matchingText('> ## the `port` -- reopening ... ?')).toBe('the port reopening');
    expect(matchingText("O'Neill, Al-Qaeda and the U.S. paid $9.5 billion")).toBe("O'Neill Al-Qaeda and the U.S. paid $9.5 billion");
    expect(matchingText('@here 🙂 <#1> **')).toBe('');
  });
});

describe('noisy queries answer like clean ones, and echo what was typed', () => {
  it('/who @everyone <name> answers for the name', () => {
    const clean = desk.answer({ command: 'who', query: 'Mira Castellanos' });
    expect(clean.answer).toMatch(/^Mira Castellanos/);
    for (const typed of ['@everyone Mira Castellanos', '<@!123456789012345678> **Mira Castellanos** 👋', 'Mira Castellanos <:wave:1234> ?!', '<@&42> __Castellanos__']) {
      const a = desk.answer({ command: 'who', query: typed });
      expect(a.answer, typed).toBe(typed.includes('Mira') ? clean.answer : desk.answer({ command: 'who', query: 'Castellanos' }).answer);
      expect(a.items, typed).toEqual(typed.includes('Mira') ? clean.items : desk.answer({ command: 'who', query: 'Castellanos' }).items);
      expect(a.query).toBe(typed);
    }
  });

  it('ask, when and quote (speaker and --about) ignore the noise too', () => {
    const pairs: Array<[Parameters<Newsdesk['answer']>[0], Parameters<Newsdesk['answer']>[0]]> = [
      [{ command: 'ask', query: 'dredging budget' }, { command: 'ask', query: '@here ||dredging|| **budget** 🚢 <#5>' }],
      [{ command: 'when', query: 'port reopen' }, { command: 'when', query: '<@1> when will the `port` reopen??' }],
      [{ command: 'quote', query: 'Albrecht', options: { about: 'trains' } }, { command: 'quote', query: '<@&7> Albrecht 🚆', options: { about: '**trains** @everyone' } }],
    ];
    for (const [clean, noisy] of pairs) {
      const a = desk.answer(clean);
      const b = desk.answer(noisy);
      expect(a.items.length, noisy.query).toBeGreaterThan(0);
      expect(b.items, noisy.query).toEqual(a.items);
      expect(b.query).toBe(noisy.query);
    }
  });

  it('a query of noise alone matches nothing, politely', () => {
    const a = desk.answer({ command: 'who', query: '@everyone 👋 <#123>' });
    expect(a.items).toEqual([]);
    expect(a.notice).toMatch(/No person/);
    expect(desk.answer({ command: 'ask', query: '** || ?!' }).items).toEqual([]);
  });

  it('any noise around a name, in any order, still finds the person', () => {
    const expected = desk.answer({ command: 'who', query: 'Jonas Albrecht' }).answer;
    expect(expected).toMatch(/^Jonas Albrecht/);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...NOISE), { maxLength: 4 }), fc.array(fc.constantFrom(...NOISE), { maxLength: 4 }), (before, after) => {
        const typed = [...before, 'Jonas', 'Albrecht', ...after].join(' ');
        return desk.answer({ command: 'who', query: typed }).answer === expected;
      }),
      { numRuns: 150 },
    );
  });
});
