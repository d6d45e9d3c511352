/**
 * `/schedule add every [topic] [channel] [timezone]`, `/schedule list`, `/schedule remove schedule`: briefings this desk
 * posts into a channel at the hours it chose (`daily 09:00`, `weekdays 08:30`, `monday 09:00`, or a cron expression).
 * The scheduler (src/desk/scheduler.ts) posts them. For server managers only.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY } from '../src/answers/query.ts';
import { UserInputError } from '../src/answers/types.ts';
import { addSchedule, removeSchedule, withNext } from '../src/desk/schedules.ts';
import type { ScheduleRecord } from '../src/desk/store.ts';
import { escapeText } from '../src/render/discord.ts';
import { discordTime, renderScheduleList } from '../src/render/desk-lists.ts';
import type { Completion } from '../src/newsdesk.ts';
import { MANAGE_SERVER, privateOption, type CommandMessage, type DeskAction, type Focused, type SubcommandArgs } from './index.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'schedule',
  description: 'Briefings posted into a channel at the hours you choose.',
  default_member_permissions: MANAGE_SERVER,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Post a briefing on what is new, at the hours you choose.',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'every', description: 'daily 09:00, weekdays 08:30, monday 09:00, or a cron expression (0 9 * * 1-5).', required: true, max_length: 100 },
        { type: ApplicationCommandOptionType.String, name: 'topic', description: 'Brief on this topic only; leave empty for everything new.', required: false, max_length: MAX_QUERY },
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'Where to post it (default: this channel).',
          required: false,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        { type: ApplicationCommandOptionType.String, name: 'timezone', description: 'The time zone of the hours, e.g. Europe/London (default: the bot’s).', required: false, autocomplete: true, max_length: 64 },
        privateOption,
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The briefings scheduled on this desk, with their next and last run.', options: [privateOption] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Stop a scheduled briefing.',
      options: [{ type: ApplicationCommandOptionType.String, name: 'schedule', description: 'The briefing to stop.', required: true, autocomplete: true, max_length: 100 }, privateOption],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Only members with Manage Server may use it (checked again by the dispatcher from the interaction). */
export const manage = true;

function label(s: ScheduleRecord): string {
  return `${s.every} (${s.timezone})${s.topic ? ` on ${s.topic}` : ''}`;
}

export async function run(action: DeskAction, args: SubcommandArgs<typeof data>): Promise<CommandMessage> {
  const { services, actor } = action;
  const store = action.workspace.store;
  const now = services.now();
  switch (args.subcommand) {
    case 'add': {
      const channelId = args.channel ?? action.channelId;
      if (!channelId) throw new UserInputError('Name the channel to post the briefing in (the `channel` option).');
      const s = await addSchedule(store, { every: args.every, timezone: args.timezone ?? services.timezone, channelId, topic: args.topic }, { actor, now });
      return {
        components: [],
        embeds: [],
        content:
          `Scheduled: a briefing **${escapeText(s.every)}** (${escapeText(s.timezone)}) in <#${s.channelId}>` +
          `${s.topic ? ` on “${escapeText(s.topic)}”` : ' on everything new'}. The first comes ${discordTime(s.next, 'f')}. ` +
          'If I may not post in that channel, `/schedule list` will say so.',
      };
    }
    case 'list':
      return { components: [], content: '', embeds: [renderScheduleList((await store.listSchedules()).map((s) => withNext(s, now)))] };
    case 'remove': {
      const schedules = await store.listSchedules();
      const given = args.schedule.trim();
      const found = schedules.find((s) => s.id === given) ?? schedules.find((s) => s.every === given.toLowerCase());
      if (!found) throw new UserInputError('There is no such scheduled briefing on this desk. Pick one from the list (`/schedule list` shows them all).');
      const removed = await removeSchedule(store, found.id, { actor, now });
      if (!removed) throw new UserInputError('That briefing was removed meanwhile.');
      return { components: [], embeds: [], content: `Stopped the briefing **${escapeText(label(removed))}** in <#${removed.channelId}>.` };
    }
  }
}

let zones: string[] | undefined;

/** The desk's briefings for `remove`; IANA time zones for `add timezone`. */
export async function suggest(action: DeskAction, focused: Focused): Promise<Completion[]> {
  const typed = focused.value.trim().toLowerCase();
  if (focused.name === 'timezone') {
    zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
    return zones.filter((z) => z.toLowerCase().includes(typed.replace(/ /g, '_'))).slice(0, 25).map((z) => ({ name: z, value: z, count: 0 }));
  }
  const store = action.workspace.store;
  return (await store.listSchedules())
    .filter((s) => !typed || label(s).toLowerCase().includes(typed))
    .map((s) => ({ name: label(s), value: s.id, count: 0 }));
}
