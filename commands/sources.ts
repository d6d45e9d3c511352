/** `/sources [filter]`: what the corpus holds — every article with its source, date and size. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import { privateOption, type Args } from './index.ts';

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
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function execute(desk: Newsdesk, args: Args<typeof data>) {
  return desk.answer({ command: 'sources', query: args.filter ?? '' });
}
