/** `/when event [timeline]`: dated mentions of an event in the articles, each cited; optionally a timeline picture. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import type { Answer } from '../src/answers/types.ts';
import { renderTimelinePng, timelineEventsFromAnswer } from '../src/render/timeline.ts';
import { privateOption, type Args, type CommandFile } from './index.ts';

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
    { type: ApplicationCommandOptionType.Boolean, name: 'timeline', description: 'Attach a picture of these dates on a time axis.', required: false },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function execute(desk: Newsdesk, args: Args<typeof data>) {
  return desk.answer({ command: 'when', query: args.event });
}

/** The timeline picture, when asked for and there are dates to draw. */
export function files(answer: Answer, args: Args<typeof data>): CommandFile[] {
  if (!args.timeline) return [];
  const events = timelineEventsFromAnswer(answer);
  if (!events.length) return [];
  return [{ attachment: renderTimelinePng(events, { title: `When: ${answer.query}` }), name: 'timeline.png', description: 'Dates on a time axis' }];
}
