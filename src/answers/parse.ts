/** Turning a typed line (`ask How much did the US seize?`, `/quote West --about embassy`) into a request. */
import { UserInputError, type AnswerOptions, type AnswerRequest, type CommandName } from './types.ts';

export const COMMANDS: readonly CommandName[] = ['ask', 'who', 'when', 'quote', 'brief', 'sources'];

const OPTION_NAMES = ['about', 'since', 'until', 'limit'] as const;
type OptionName = (typeof OPTION_NAMES)[number];

export function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** Splits `--about embassy` / `about: embassy` options off the words of a query. */
export function parseArguments(words: string[]): { query: string; options: AnswerOptions } {
  const options: AnswerOptions = {};
  const query: string[] = [];
  let current: OptionName | null = null;
  const values: Partial<Record<OptionName, string[]>> = {};
  for (const word of words) {
    const flag = /^--([a-z]+)(?:=(.*))?$/.exec(word) ?? /^([a-z]+):(.*)$/.exec(word);
    if (flag && (OPTION_NAMES as readonly string[]).includes(flag[1])) {
      current = flag[1] as OptionName;
      values[current] = flag[2] ? [flag[2]] : [];
      continue;
    }
    if (current) values[current]!.push(word);
    else query.push(word);
  }
  for (const name of OPTION_NAMES) {
    const v = values[name]?.join(' ').trim();
    if (v === undefined) continue;
    if (!v) throw new UserInputError(`The option --${name} needs a value.`);
    if (name === 'limit') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 50) throw new UserInputError('--limit must be a whole number from 1 to 50.');
      options.limit = n;
    } else if (name === 'since' || name === 'until') {
      if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) throw new UserInputError(`--${name} must be a date like 2021-11-08, 2021-11 or 2021.`);
      options[name] = v;
    } else {
      options[name] = v;
    }
  }
  return { query: query.join(' '), options };
}

/** Parses one line typed in the console or read from standard input. */
export function parseCommandLine(line: string): AnswerRequest {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const first = (words.shift() ?? '').replace(/^\//, '').toLowerCase();
  if (!first) throw new UserInputError('Empty line: type a command such as `ask <question>`.');
  if (!isCommand(first)) {
    throw new UserInputError(`Unknown command "${first.slice(0, 40)}". Commands: ${COMMANDS.join(', ')}.`);
  }
  const { query, options } = parseArguments(words);
  return { command: first, query, options };
}
