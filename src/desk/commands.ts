/**
 * The desk verbs of the console and the CLI — `add <path or url>`, `remove <article id>`, `restore <article id>`,
 * `changes` — parsed from a typed line and run against a workspace, with a plain-data result for `--json`.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserInputError } from '../answers/types.ts';
import { addToWorkspace, removeFromWorkspace, restoreInWorkspace, type AddReport } from './operations.ts';
import type { Actor, ChangeEntry } from './store.ts';
import type { Workspace } from './workspaces.ts';

export const DESK_VERBS = ['add', 'remove', 'restore', 'changes'] as const;
export type DeskVerb = (typeof DESK_VERBS)[number];

export function isDeskVerb(word: string): word is DeskVerb {
  return (DESK_VERBS as readonly string[]).includes(word);
}

export type DeskResult =
  | { command: 'add'; query: string; workspace: string; results: AddReport[] }
  | { command: 'remove'; query: string; workspace: string; removed: { id: string; title: string | null; file: string } }
  | { command: 'restore'; query: string; workspace: string; restored: { id: string; title: string | null } }
  | { command: 'changes'; query: string; workspace: string; changes: ChangeEntry[] };

/** Who acts from a terminal: the local user, marked as console or CLI. */
export function localActor(surface: 'console' | 'cli'): Actor {
  let user = 'local user';
  try {
    user = os.userInfo().username || user;
  } catch {
    // No user name (some containers): keep the generic one.
  }
  return { id: surface, name: `${user} (${surface})` };
}

/** Runs one desk verb. `rest` is the rest of the line (a path, a URL, an article id). Paths are relative to `cwd`. */
export async function runDeskVerb(ws: Workspace, verb: DeskVerb, rest: string, actor: Actor, cwd = process.cwd()): Promise<DeskResult> {
  const arg = rest.trim();
  const base = { query: arg, workspace: ws.id };
  switch (verb) {
    case 'add': {
      if (!arg) throw new UserInputError('Say what to add: add <path to a .txt/.md/.html file> or add <http(s) link>.');
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return { command: 'add', ...base, results: await addToWorkspace(ws, { url: arg }, actor) };
      const file = path.resolve(cwd, arg);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new UserInputError(`Cannot read ${arg}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      return { command: 'add', ...base, results: await addToWorkspace(ws, { file: { name: path.basename(file), bytes } }, actor) };
    }
    case 'remove':
      if (!arg) throw new UserInputError('Say which article: remove <article id> (see `sources`).');
      return { command: 'remove', ...base, removed: await removeFromWorkspace(ws, arg, actor) };
    case 'restore': {
      if (!arg) throw new UserInputError('Say which article: restore <article id> (one removed before).');
      const trashed = (await ws.store.listTrash()).find((t) => t.name === arg || path.posix.basename(t.name, path.posix.extname(t.name)) === arg);
      if (!trashed) throw new UserInputError(`There is no removed article "${arg.slice(0, 80)}" in the trash.`);
      return { command: 'restore', ...base, restored: await restoreInWorkspace(ws, trashed.name, actor) };
    }
    case 'changes':
      return { command: 'changes', ...base, changes: await ws.store.recentChanges(Number(arg) > 0 ? Math.min(Number(arg), 500) : 25) };
  }
}
