/**
 * The scriptable CLI: `npm run -s cli -- <command> <query...> [--json] [--corpus DIR] [--workspace ID]`.
 * With --json and no command, reads one command per line from standard input and writes one JSON answer per line.
 * Besides the answer commands, the desk verbs `add <path or url>`, `remove <article id>`, `restore <article id>` and
 * `changes` change the workspace (`shared`, the corpus folder itself, by default; a server id for its desk).
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { settings } from './config.ts';
import { loadDotenv } from './env.ts';
import { Newsdesk } from './newsdesk.ts';
import { COMMANDS, parseArguments, parseCommandLine, isCommand } from './answers/parse.ts';
import { UserInputError, type Answer, type AnswerRequest } from './answers/types.ts';
import { renderText, ANSI, PLAIN } from './render/text.ts';
import { extractCommand, extractResult } from './extract-command.ts';
import { renderTimelinePng, timelineEventsFromAnswer } from './render/timeline.ts';
import { FolderDeskStore } from './desk/folder-store.ts';
import { openWorkspaces } from './desk/open-workspaces.ts';
import { SHARED_WORKSPACE } from './desk/store.ts';
import { WorkspaceManager, type Workspace } from './desk/workspaces.ts';
import { DESK_VERBS, localActor, runDeskVerb, type DeskResult } from './desk/commands.ts';
import { deskResultText } from './console.ts';

interface CliArgs {
  json: boolean;
  /** Where to write the timeline picture of a `when` or `brief` answer. */
  png: string | null;
  corpus: string;
  workspace: string;
  rest: string[];
}

function parseCliArgs(argv: string[]): CliArgs {
  const rest: string[] = [];
  let json = false;
  let png: string | null = null;
  let corpus = settings().corpusDir;
  let workspace = SHARED_WORKSPACE;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--workspace') workspace = argv[++i] ?? workspace;
    else if (a.startsWith('--workspace=')) workspace = a.slice('--workspace='.length);
    else if (a === '--corpus') corpus = argv[++i] ?? corpus;
    else if (a === '--png') png = argv[++i] ?? null;
    else if (a.startsWith('--corpus=')) corpus = a.slice('--corpus='.length);
    else rest.push(a);
  }
  return { json, png, corpus: path.resolve(corpus), workspace, rest };
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

/** What a CLI verb (a command that is not a question to the corpus) gets to work with. */
export interface VerbContext {
  corpusDir: string;
  /** The workspace (`--workspace`, default the shared corpus), opened and verified on first use. */
  workspace: () => Promise<Workspace>;
}

/**
 * The CLI's verbs besides the answer commands: each turns its words into one JSON-able result (`{ error }` for a
 * mistake). The single-command mode and the stdin batch mode both dispatch through this table, so a verb added
 * here works in both. `extract` never indexes anything.
 */
export const CLI_VERBS: Record<string, (words: string[], ctx: VerbContext) => Promise<object>> = {
  extract: (words, ctx) => extractResult(words, ctx.corpusDir),
  ...Object.fromEntries(
    DESK_VERBS.map((verb) => [verb, async (words: string[], ctx: VerbContext) => runDeskVerb(await ctx.workspace(), verb, ' ' + words.join(' '), localActor('cli'))]),
  ),
};

const ALL_COMMANDS = () => [...COMMANDS, ...Object.keys(CLI_VERBS)].join(', ');

function failure(error: unknown): { error: string } {
  return { error: error instanceof UserInputError ? error.message : `Internal error: ${(error as Error).message}` };
}

/** One line of the batch mode → one JSON-able result; a mistake or a fault is `{ error, line }`, never an exception. */
export async function answerLine(line: string, ctx: VerbContext): Promise<object> {
  try {
    const words = line.trim().split(/\s+/).filter(Boolean);
    const verb = (words[0] ?? '').replace(/^\//, '').toLowerCase();
    if (Object.hasOwn(CLI_VERBS, verb)) return await CLI_VERBS[verb]!(words.slice(1), ctx);
    if (verb && !isCommand(verb)) return { error: `Unknown command "${verb.slice(0, 40)}". Commands: ${ALL_COMMANDS()}.`, line: line.slice(0, 200) };
    const request = parseCommandLine(line);
    return answerSafely((await ctx.workspace()).desk, request);
  } catch (error) {
    return { ...failure(error), line: line.slice(0, 200) };
  }
}

async function runStdin(ctx: VerbContext): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    process.stdout.write(JSON.stringify(await answerLine(line, ctx)) + '\n');
  }
}

/** Opens the workspace once, on first use; a folder that cannot be read is a UserInputError naming it. */
function lazyWorkspace(manager: WorkspaceManager, args: CliArgs): () => Promise<Workspace> {
  let opened: Promise<Workspace> | undefined;
  const open = async () => {
    try {
      const ws = await manager.open(args.workspace);
      // A cached index is verified against the folder before answering (files may have changed since).
      await ws.refresh();
      for (const w of ws.desk.ctx.corpus.warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
      return ws;
    } catch (error) {
      if (error instanceof UserInputError) throw error;
      const where = `${args.corpus}${args.workspace === SHARED_WORKSPACE ? '' : ` (workspace ${args.workspace})`}`;
      throw new UserInputError(`Cannot read the corpus folder ${where}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  return () => (opened ??= open());
}

export async function main(argv: string[]): Promise<number> {
  loadDotenv();
  const args = parseCliArgs(argv);
  const [first, ...words] = args.rest;
  if (first === 'extract') return extractCommand(words, args.corpus);
  if (!first && !args.json) {
    process.stderr.write(
      `Usage: npm run -s cli -- <${ALL_COMMANDS().replace(/, /g, '|')}> <query...> [--json] [--corpus DIR] [--workspace ID] [--png FILE]\n` +
        '       npm run -s cli -- --json < commands.txt   (one command per line, any of them)\n' +
        '       npm run -s cli -- extract <file or article id> --json\n',
    );
    return 2;
  }
  const mode = args.workspace === SHARED_WORKSPACE ? 'shared' : 'guild';
  // DATABASE_URL set (and no --corpus folder asked for): the workspaces are PostgreSQL's, as every process sees them.
  const scale = settings();
  if (scale.databaseUrl && !argv.some((a) => a === '--corpus' || a.startsWith('--corpus='))) {
    const desks = await openWorkspaces(scale, { mode, idleMs: Infinity });
    try {
      return await runOn({ corpusDir: args.corpus, workspace: lazyWorkspace(desks.manager, args) }, args, first, words);
    } finally {
      await desks.close();
    }
  }
  const manager = new WorkspaceManager({ mode, store: new FolderDeskStore(args.corpus), idleMs: Infinity, live: { watch: false } });
  try {
    return await runOn({ corpusDir: args.corpus, workspace: lazyWorkspace(manager, args) }, args, first, words);
  } finally {
    await manager.close();
  }
}

async function runOn(ctx: VerbContext, args: CliArgs, first: string | undefined, words: string[]): Promise<number> {
  if (!first) {
    await runStdin(ctx);
    return 0;
  }
  const command = first.replace(/^\//, '').toLowerCase();
  if (Object.hasOwn(CLI_VERBS, command)) {
    const out: object = await CLI_VERBS[command]!(words, ctx).catch(failure);
    if (args.json) process.stdout.write(JSON.stringify(out) + '\n');
    else if ('error' in out) process.stderr.write(`${(out as { error: string }).error}\n`);
    else process.stdout.write(deskResultText(out as DeskResult) + '\n');
    return 'error' in out ? 1 : 0;
  }
  if (!isCommand(command)) {
    const message = `Unknown command "${first.slice(0, 40)}". Commands: ${ALL_COMMANDS()}.`;
    if (args.json) process.stdout.write(errorJson(message) + '\n');
    else process.stderr.write(message + '\n');
    return 2;
  }
  let desk: Newsdesk;
  try {
    desk = (await ctx.workspace()).desk;
  } catch (error) {
    const message = (error as Error).message;
    if (args.json) process.stdout.write(errorJson(message) + '\n');
    else process.stderr.write(message + '\n');
    return 1;
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
