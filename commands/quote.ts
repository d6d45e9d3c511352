/** `/quote speaker [about]`: what someone said, word for word, with the article and paragraph it is in. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import { privateOption, type Args, type Focused } from './index.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'quote',
  description: 'What did someone say? Their quotes, word for word, with sources.',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'speaker',
      description: 'Who said it (suggestions show how many quotes each speaker has).',
      required: true,
      max_length: MAX_QUERY,
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'about',
      description: 'Only quotes about this topic.',
      required: false,
      max_length: MAX_QUERY,
    },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function execute(desk: Newsdesk, args: Args<typeof data>) {
  return desk.answer({ command: 'quote', query: args.speaker, options: args.about ? { about: args.about } : {} });
}

/** Speakers whose names contain what is typed, with their quote counts, most-quoted first. */
export function autocomplete(desk: Newsdesk, focused: Focused) {
  return focused.name === 'speaker' ? desk.complete('quote', focused.value) : [];
}
