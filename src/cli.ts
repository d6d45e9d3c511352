/**
 * The scriptable CLI: `npm run -s cli -- <command> <query...> [--json] [--corpus DIR]`.
 * With --json and no command, reads one command per line from standard input and writes one JSON answer per line.
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { settings } from './config.ts';
import { loadDotenv } from './env.ts';
import { Newsdesk } from './newsdesk.ts';
import { parseArguments, parseCommandLine, isCommand } from './answers/parse.ts';
import { UserInputError, type Answer, type AnswerRequest } from './answers/types.ts';
import { renderText, ANSI, PLAIN } from './render/text.ts';
import { extractCommand } from './extract-command.ts';
import { renderTimelinePng, timelineEventsFromAnswer } from './render/timeline.ts';

interface CliArgs {
  json: boolean;
  /** Where to write the timeline picture of a `when` or `brief` answer. */
  png: string | null;
  corpus: string;
  rest: string[];
}

function parseCliArgs(argv: string[]): CliArgs {
  const rest: string[] = [];
  let json = false;
  let png: string | null = null;
  let corpus = settings().corpusDir;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--corpus') corpus = argv[++i] ?? corpus;
    else if (a === '--png') png = argv[++i] ?? null;
    else if (a.startsWith('--corpus=')) corpus = a.slice('--corpus='.length);
    else rest.push(a);
  }
  return { json, png, corpus: path.resolve(corpus), rest };
}

function errorJson(message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ error: message, ...extra });
}

/** Answers one request; user mistakes become `{ error }`, never an exception. */
export function answerSafely(desk: Newsdesk, request: AnswerRequest): Answer | { error: string } {
  try {
    return desk.answer(request);
  } catch (error) {
    if (error instanceof UserInputError) return { error: error.message };
    return { error: `Internal error: ${(error as Error).message}` };
  }
}

/** Writes the timeline picture of an answer's dated items, or says why there is none. */
function writeTimeline(answer: Answer, file: string): void {
  const events = timelineEventsFromAnswer(answer);
  if (!events.length) {
    process.stderr.write(`No dated events in this answer: no timeline written to ${file}.\n`);
    return;
  }
  writeFileSync(file, renderTimelinePng(events, { title: `${answer.command === 'brief' ? 'Timeline' : 'When'}: ${answer.query || 'the whole corpus'}` }));
  process.stderr.write(`Timeline picture written to ${file}\n`);
}

async function runStdin(desk: Newsdesk): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let out: string;
    try {
      const request = parseCommandLine(line);
      out = JSON.stringify(answerSafely(desk, request));
    } catch (error) {
      out = errorJson(error instanceof UserInputError ? error.message : `Internal error: ${(error as Error).message}`, { line: line.slice(0, 200) });
    }
    process.stdout.write(out + '\n');
  }
}

export async function main(argv: string[]): Promise<number> {
  loadDotenv();
  const args = parseCliArgs(argv);
  const [first, ...words] = args.rest;
  if (first === 'extract') return extractCommand(words, args.corpus);
  if (!first && !args.json) {
    process.stderr.write('Usage: npm run -s cli -- <ask|who|when|quote|brief|sources> <query...> [--json] [--corpus DIR] [--png FILE]\n       npm run -s cli -- --json < commands.txt\n       npm run -s cli -- extract <file or article id> --json\n');
    return 2;
  }
  let desk: Newsdesk;
  try {
    desk = await Newsdesk.open({ corpusDir: args.corpus });
  } catch (error) {
    const message = `Cannot read the corpus folder ${args.corpus}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    if (args.json) process.stdout.write(errorJson(message) + '\n');
    else process.stderr.write(message + '\n');
    return 1;
  }
  for (const w of desk.ctx.corpus.warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
  if (!first) {
    await runStdin(desk);
    return 0;
  }
  const command = first.replace(/^\//, '').toLowerCase();
  if (!isCommand(command)) {
    const message = `Unknown command "${first.slice(0, 40)}". Commands: ask, who, when, quote, brief, sources, extract.`;
    if (args.json) process.stdout.write(errorJson(message) + '\n');
    else process.stderr.write(message + '\n');
    return 2;
  }
  let result: Answer | { error: string };
  try {
    const { query, options } = parseArguments(words);
    result = answerSafely(desk, { command, query, options });
  } catch (error) {
    result = { error: (error as Error).message };
  }
  if (args.png && !('error' in result)) writeTimeline(result, args.png);
  if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
  else if ('error' in result) process.stderr.write(result.error + '\n');
  else process.stdout.write(renderText(result, process.stdout.isTTY ? ANSI : PLAIN) + '\n');
  return 'error' in result ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli.ts')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`newsdesk: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
