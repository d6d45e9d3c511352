/**
 * `/brief [topic] [since] [until] [full] [timeline]`: a stand-up briefing on a topic (or the whole corpus) —
 * key points, people, quotes, timeline, gaps — every line cited. `full` attaches the briefing as Markdown,
 * `timeline` attaches the timeline picture (PNG).
 *
 * `execute` returns the Answer like every command. Rendering a briefing (one embed within the limits, the
 * files, the "Full briefing" / "Timeline picture" buttons) is `message(answer, args)` below, built on
 * src/render/brief-discord.ts; `button(desk, customId)` answers those buttons with the file.
 */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import type { Answer, AnswerOptions } from '../src/answers/types.ts';
import { UserInputError } from '../src/answers/types.ts';
import type { Newsdesk } from '../src/newsdesk.ts';
import { briefMarkdownFile, briefTimelineFile, parseBriefButtonId, renderBriefDiscord, type BriefFile, type BriefMessage } from '../src/render/brief-discord.ts';
import { privateOption, type Args } from './index.ts';

const DATE_HELP = 'a date: 2021, 2021-11 or 2021-11-08';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'brief',
  description: 'A briefing on a topic (or everything): key points, people, quotes, timeline, gaps — all cited.',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'topic', description: 'What to brief on; leave empty for the whole corpus.', required: false, max_length: MAX_QUERY },
    { type: ApplicationCommandOptionType.String, name: 'since', description: `Only articles from this date on (${DATE_HELP}).`, required: false, max_length: 10 },
    { type: ApplicationCommandOptionType.String, name: 'until', description: `Only articles up to this date (${DATE_HELP}).`, required: false, max_length: 10 },
    { type: ApplicationCommandOptionType.Boolean, name: 'full', description: 'Attach the full briefing as a Markdown file to keep.', required: false },
    { type: ApplicationCommandOptionType.Boolean, name: 'timeline', description: 'Attach a picture of the timeline.', required: false },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The date options, checked. */
function windowOf(args: { since?: string; until?: string }): AnswerOptions {
  const options: AnswerOptions = {};
  for (const name of ['since', 'until'] as const) {
    const v = args[name]?.trim();
    if (!v) continue;
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) throw new UserInputError(`\`${name}\` must be ${DATE_HELP}.`);
    options[name] = v;
  }
  return options;
}

export function execute(desk: Newsdesk, args: Args<typeof data>): Answer {
  return desk.answer({ command: 'brief', query: args.topic ?? '', options: windowOf(args) });
}

/** The whole Discord message for a briefing: one embed within the limits, buttons, and the files asked for. */
export function message(answer: Answer, args: Args<typeof data>): BriefMessage {
  return renderBriefDiscord(answer, { full: args.full ?? false, timeline: args.timeline ?? false, request: windowOf(args) });
}

/** Custom ids of this command's buttons start with this. */
export const buttonPrefix = 'brief:';

/** A "Full briefing" or "Timeline picture" button: the same briefing again, as a file (null: not ours / nothing to draw). */
export function button(desk: Newsdesk, customId: string): BriefFile | null {
  const request = parseBriefButtonId(customId);
  if (!request) return null;
  const answer = desk.answer({ command: 'brief', query: request.query, options: request.options });
  return request.kind === 'full' ? briefMarkdownFile(answer) : briefTimelineFile(answer);
}
