/** `/who name`: who a person or organisation is, from the articles that mention them. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import { privateOption, type Args, type Focused } from './index.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'who',
  description: 'Who is a person or organisation in the news? Roles and mentions, with sources.',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'name',
      description: 'A person or organisation (suggestions: most-mentioned first).',
      required: true,
      max_length: MAX_QUERY,
      autocomplete: true,
    },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function execute(desk: Newsdesk, args: Args<typeof data>) {
  return desk.answer({ command: 'who', query: args.name });
}

/** People and organisations whose names contain what is typed, most-mentioned first. */
export function autocomplete(desk: Newsdesk, focused: Focused) {
  return desk.complete('who', focused.value);
}
