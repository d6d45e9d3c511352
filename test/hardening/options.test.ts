/** Date options are checked in the core, so the console, the CLI and Discord give the same clear error. */
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/corpus/article.ts';
import { parseCommandLine } from '../../src/answers/parse.ts';
import { UserInputError } from '../../src/answers/types.ts';
import { isCalendarDate } from '../../src/answers/query.ts';
import { Newsdesk } from '../../src/newsdesk.ts';

const desk = Newsdesk.fromCorpus({
  dir: '/nowhere',
  articles: [
    articleFromText('a', '---\ntitle: Port strike ends\npublished: 2021-11-08\n---\nDock workers ended their strike on Monday after a pay deal.', 'md'),
    articleFromText('b', '---\ntitle: Port reopens\npublished: 2022-02-01\n---\nThe port reopened fully in February, the harbour master said.', 'md'),
  ],
  warnings: [],
});

const answerLine = (line: string) => desk.answer(parseCommandLine(line));

describe('date options', () => {
  it('brief --since with an impossible date is a clear error, not "since 99 undefined 2021"', () => {
    for (const bad of ['2021-99-99', '2021-13', '2021-02-30', '2021-00-10']) {
      expect(() => answerLine(`brief --since ${bad}`), bad).toThrow(UserInputError);
      expect(() => answerLine(`brief --since ${bad}`), bad).toThrow(/not a date/);
      expect(() => desk.answer({ command: 'brief', query: '', options: { until: bad } }), bad).toThrow(/--until .*not a date/);
    }
  });

  it('ask --since is refused clearly, never ignored', () => {
    expect(() => answerLine('ask port strike --since 2021-11-01')).toThrow(UserInputError);
    expect(() => answerLine('ask port strike --since 2021-11-01')).toThrow(/only `brief`/);
    expect(() => desk.answer({ command: 'quote', query: 'harbour master', options: { until: '2022' } })).toThrow(/does not take --until/);
  });

  it('a window whose start is after its end is refused; real dates are honoured', () => {
    expect(() => answerLine('brief port --since 2022-01 --until 2021-12-31')).toThrow(/after --until/);
    const only2022 = answerLine('brief port --since 2022-01-01');
    const cited = JSON.stringify(only2022);
    expect(cited).toContain('"b"');
    expect(cited).not.toContain('"article":"a"');
    expect(() => answerLine('brief --since 2021-02-28 --until 2021-11')).not.toThrow();
  });

  it('knows the calendar', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2021')).toBe(true);
    expect(isCalendarDate('2021-1-1')).toBe(false);
  });
});
