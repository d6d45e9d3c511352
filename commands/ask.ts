/** `/ask question`: the passages of the articles that best answer a free question, each cited. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import { privateOption, type Args } from './index.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'ask',
  description: 'Ask a question; get the passages of the news articles that answer it, with sources.',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'What you want to know, e.g. "How much did the US seize?"',
      required: true,
      max_length: MAX_QUERY,
    },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function execute(desk: Newsdesk, args: Args<typeof data>) {
  return desk.answer({ command: 'ask', query: args.question });
}
