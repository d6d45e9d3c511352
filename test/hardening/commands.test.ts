/** Arbitrary input through every command, the core and the Discord renderer: nothing escapes, nothing is too long, nothing pings. */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { UserInputError, type Answer, type AnswerOptions, type CommandName } from '../../src/answers/types.ts';
import { encodeRef, renderAnswer, renderNotice, toChoices } from '../../src/render/discord.ts';
import { limitProblems } from './limits.ts';

const root = path.resolve(import.meta.dirname, '../..');
const COMMANDS: CommandName[] = ['ask', 'sources', 'who', 'when', 'quote', 'brief'];
const RUNS = Number(process.env.HARDENING_RUNS ?? 40);

/** Pieces that have broken chat bots: markdown, mentions, invisible and right-to-left characters, regex syntax, lone surrogates. */
const NASTY = [
  '**', '__', '~~', '`', '```', '||', '> ', '# ', '[x](http://evil.example)', '@everyone', '@here', '<@123456789012345678>', '<@&1>', '<#1>',
  '\u200b', '\u200d', '\ufeff', '\u202e', '\u2066', 'שלום', 'مرحبا', '.*+?()[]{}|\\^$', '(?<x>a)', '\ud800', '\udfff', '\u0000', '\n', '\r\n', '\t',
  '🇺🇳', 'é', 'e\u0301', 'ﬁ', 'Taliban', 'Moscow', 'Muttaqi', 'talks', 'said', 'since 2021', 'http://x.example/a?b=c', '"', '“', '’', ' ',
];

const nastyText = fc.array(fc.constantFrom(...NASTY), { maxLength: 120 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  { weight: 3, arbitrary: nastyText },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 600 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6000 }) },
  { weight: 1, arbitrary: fc.tuple(nastyText, fc.string({ unit: 'grapheme', maxLength: 200 })).map(([a, b]) => a + b) },
);
const options: fc.Arbitrary<AnswerOptions> = fc.record(
  {
    about: anyText,
    since: fc.oneof(anyText, fc.constantFrom('2021', '2021-10', '2021-10-09', 'last week', '1987-02-30')),
    until: fc.oneof(anyText, fc.constantFrom('2022', '2021-11', 'yesterday')),
    limit: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 50, 1e9, Number.NaN)),
  },
  { requiredKeys: [] },
);

let desk: Newsdesk;
beforeAll(async () => {
  desk = Newsdesk.fromCorpus(await loadCorpus(path.join(root, 'corpus')));
}, 60_000);

/** What the bot would send: the answer rendered, or the polite notice of a user error. */
function reply(command: CommandName, query: string, opts: AnswerOptions, page: number, isPrivate: boolean): { answer?: Answer; message: ReturnType<typeof renderAnswer> } {
  let answer: Answer;
  try {
    answer = desk.answer({ command, query, options: opts });
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    return { message: renderNotice(error.message) };
  }
  return { answer, message: renderAnswer(answer, { page, private: isPrivate, ref: encodeRef(command, [query.slice(0, 60)]), content: isPrivate ? undefined : query.slice(0, 3000) }) };
}

describe('hardening: every command with arbitrary input', () => {
  for (const command of COMMANDS) {
    it(`${command}: only polite errors, replies within Discord's limits, no pings`, () => {
      fc.assert(
        fc.property(anyText, options, fc.nat(20), fc.boolean(), (query, opts, page, isPrivate) => {
          const { answer, message } = reply(command, query, opts, page, isPrivate);
          expect(limitProblems(message)).toEqual([]);
          if (answer) {
            expect(answer.command).toBe(command);
            for (const item of answer.items) expect(typeof item.text).toBe('string');
          }
        }),
        { numRuns: RUNS },
      );
    }, 60_000);
  }

  it('autocomplete: never throws, at most 25 choices, names and values within 100 characters', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('who', 'quote') as fc.Arbitrary<'who' | 'quote'>, fc.integer({ min: -5, max: 200 }), (prefix, kind, limit) => {
        const rows = desk.complete(kind, prefix, limit);
        expect(rows.length).toBeLessThanOrEqual(25);
        const choices = toChoices(rows);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('search and suggestions take any text', () => {
    fc.assert(
      fc.property(anyText, fc.double({ min: -1, max: 2, noNaN: true }), fc.integer({ min: -3, max: 600 }), (query, minCoverage, limit) => {
        const hits = desk.ctx.passages.search(query, { minCoverage, limit });
        expect(hits.length).toBeLessThanOrEqual(Math.max(0, limit));
        for (const h of hits) expect(h.coverage).toBeGreaterThanOrEqual(minCoverage);
        expect(desk.ctx.passages.suggest(query, 5).length).toBeLessThanOrEqual(5);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('context takes any article id and paragraph', () => {
    fc.assert(
      fc.property(anyText, fc.integer(), fc.integer({ min: -2, max: 5 }), (id, n, radius) => {
        const ctx = desk.context(id, n, radius);
        if (ctx) expect(ctx.paragraphs.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});
