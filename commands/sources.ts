/**
 * `/sources [filter] [changes]`: what the corpus holds — every article with its source, date and size — or, with
 * `changes`, the desk's recent changes (who added or removed what, and when).
 */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import { renderChanges } from '../src/render/desk-discord.ts';
import { privateOption, type Args, type DeskAction } from './index.ts';

/** How many changes the "recent changes" view shows. */
const RECENT_CHANGES = 25;

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'sources',
  description: 'List the articles newsdesk answers from: title, source, date and length.',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'filter',
      description: 'Only articles whose title, source or id contains this.',
      required: false,
      max_length: MAX_QUERY,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'changes',
      description: 'Show the recent changes instead: who added or removed what, and when.',
      required: false,
    },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function execute(desk: Newsdesk, args: Args<typeof data>) {
  return desk.answer({ command: 'sources', query: args.filter ?? '' });
}

/** `changes: true` shows the change log instead of the articles. */
export function runs(args: Args<typeof data>) {
  return args.changes === true;
}

export async function run(action: DeskAction, args: Args<typeof data>) {
  void args;
  return renderChanges(await action.workspace.store.recentChanges(RECENT_CHANGES));
}
