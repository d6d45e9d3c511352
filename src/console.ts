/** The local console: type the same commands as in Discord and read cited answers in the terminal. */
import { createInterface, type Interface } from 'node:readline';
import type { Newsdesk } from './newsdesk.ts';
import { COMMANDS, parseCommandLine } from './answers/parse.ts';
import { UserInputError, type Answer } from './answers/types.ts';
import { renderText, safe, ANSI, PLAIN, type TextStyle } from './render/text.ts';
import { isDeskVerb, localActor, runDeskVerb, type DeskResult } from './desk/commands.ts';
import type { Workspace } from './desk/workspaces.ts';
import { addReportsText, changesText } from './render/desk-text.ts';

const HELP = `Commands (a leading / is optional):
  ask <question>                 the best passages for a question
  who <name or phrase>           who a person is, or who said a phrase
  when <event>                   dates of an event, with the passage that says so
  quote <speaker> [--about X]    direct quotations by a speaker
  brief [topic] [--since DATE] [--until DATE]
                                 a briefing: key points, people, quotes, timeline, gaps
  sources [filter]               what the corpus holds
  add <path or url>              add an article from a .txt/.md/.html file or a link
  remove <article id>            move an article to the trash (restore <article id> brings it back)
  changes                        who added or removed what, newest first
  context <n>                    the paragraphs around item n of the last answer
  history                        the commands typed in this session
  help                           this text
  exit                           leave (or Ctrl-D)`;

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  style?: TextStyle;
  /** The workspace behind the desk, for add / remove / restore / changes (without it they are not available). */
  workspace?: Workspace | Promise<Workspace>;
}

/** A desk verb's result as terminal text. */
export function deskResultText(result: DeskResult): string {
  switch (result.command) {
    case 'add':
      return addReportsText(result.results);
    case 'remove':
      return `Removed: ${result.removed.title ?? result.removed.id} [${result.removed.id}] — in the trash (restore ${result.removed.id}).`;
    case 'restore':
      return `Restored: ${result.restored.title ?? result.restored.id} [${result.restored.id}].`;
    case 'changes':
      return changesText(result.changes);
  }
}

/** Runs the console until the input ends or the user types `exit`. */
/** A Newsdesk, or something holding the one answering now (LiveNewsdesk swaps it when the corpus changes). */
export type ConsoleDesk = Newsdesk | { readonly desk: Newsdesk };

export async function runConsole(source: ConsoleDesk | Promise<ConsoleDesk>, options: ConsoleOptions = {}): Promise<void> {
  const output = options.output ?? process.stdout;
  const style = options.style ?? ((output as NodeJS.WriteStream).isTTY ? ANSI : PLAIN);
  const say = (text: string) => output.write(text + '\n');
  const rl: Interface = createInterface({
    input: options.input ?? process.stdin,
    output,
    terminal: (output as NodeJS.WriteStream).isTTY ?? false,
    historySize: 500,
    completer: (line: string) => {
      const hits = [...COMMANDS, 'add', 'remove', 'restore', 'changes', 'help', 'history', 'context', 'exit'].filter((c) => c.startsWith(line.replace(/^\//, '')));
      return [hits, line.replace(/^\//, '')];
    },
  });
  const history: string[] = [];
  let last: Answer | null = null;
  let holder: ConsoleDesk | null = null;

  say(`newsdesk console — type ${style.bold('help')} for commands, ${style.bold('exit')} to leave.`);
  say(style.dim('To run in Discord instead: put DISCORD_TOKEN and DISCORD_CLIENT_ID in .env, run `npm run deploy-commands`, then `npm start`.'));
  rl.setPrompt('newsdesk> ');
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) {
      rl.prompt();
      continue;
    }
    history.push(line);
    const word = line.split(/\s+/)[0].replace(/^\//, '').toLowerCase();
    if (word === 'exit' || word === 'quit') break;
    if (word === 'help' || word === '?') say(HELP);
    else if (word === 'history') history.forEach((h, i) => say(`${String(i + 1).padStart(3)}  ${h}`));
    else {
      holder ??= await source;
      const ready = 'answer' in holder ? holder : holder.desk;
      if (isDeskVerb(word)) {
        if (!options.workspace) say('Adding and removing articles needs a corpus folder (start the console with `npm start`).');
        else {
          try {
            const ws = await options.workspace;
            say(deskResultText(await runDeskVerb(ws, word, line.trim().slice(line.trim().split(/\s+/)[0]!.length), localActor('console'))));
          } catch (error) {
            say(error instanceof UserInputError ? error.message : `Something went wrong: ${(error as Error).message}`);
          }
        }
      } else if (word === 'context') say(contextOf(ready, last, line));
      else {
        try {
          last = ready.answer(parseCommandLine(line));
          say(renderText(last, style));
        } catch (error) {
          say(error instanceof UserInputError ? error.message : `Something went wrong: ${(error as Error).message}`);
        }
      }
    }
    rl.prompt();
  }
  rl.close();
}

function contextOf(desk: Newsdesk, last: Answer | null, line: string): string {
  const n = Number(line.split(/\s+/)[1]);
  const items = last ? [...last.items, ...(last.sections ?? []).flatMap((s) => s.items)] : [];
  const item = items[n - 1];
  if (!item) return items.length ? `Say which item: context 1 to context ${items.length}.` : 'Ask something first; then `context <n>` shows the paragraphs around item n.';
  const ctx = desk.context(item.citation.article, item.citation.paragraph, 1);
  if (!ctx) return 'That article is no longer in the corpus.';
  return ctx.paragraphs.map((p) => `¶${p.n}${p.n === item.citation.paragraph ? ' ▶' : '  '} ${safe(p.text)}`).join('\n\n');
}
