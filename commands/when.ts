/** `/when event`: dated mentions of an event in the articles, in date order, each cited. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import { privateOption, type Args } from './index.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'when',
  description: 'When did something happen? Dated mentions from the articles, with sources.',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'event',
      description: 'The event, e.g. "talks in Doha" or "assets frozen".',
      required: true,
      max_length: MAX_QUERY,
    },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function execute(desk: Newsdesk, args: Args<typeof data>) {
  return desk.answer({ command: 'when', query: args.event });
}
