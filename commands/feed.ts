/**
 * `/feed add url`, `/feed list`, `/feed remove feed`: the news feeds (RSS, Atom, JSON Feed) this desk follows. New items
 * are added by the feed poller (src/desk/feeds.ts) as `/add url` would add them. For server managers only.
 */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { UserInputError } from '../src/answers/types.ts';
import { subscribeFeed, unsubscribeFeed } from '../src/desk/feeds.ts';
import type { FeedRecord } from '../src/desk/store.ts';
import { escapeText } from '../src/render/discord.ts';
import { plainLink, renderFeedList } from '../src/render/desk-lists.ts';
import { MANAGE_SERVER, privateOption, type CommandMessage, type DeskAction, type Focused, type SubcommandArgs } from './index.ts';
import type { Completion } from '../src/newsdesk.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'feed',
  description: 'Follow news feeds (RSS, Atom, JSON Feed): their new items are added to this desk.',
  default_member_permissions: MANAGE_SERVER,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Follow a feed: its new items are added to this desk.',
      options: [{ type: ApplicationCommandOptionType.String, name: 'url', description: 'The feed’s address (RSS, Atom or JSON Feed), http or https.', required: true, max_length: 2048 }, privateOption],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The feeds this desk follows: last success, last error, articles added.', options: [privateOption] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Stop following a feed (the articles it brought stay).',
      options: [{ type: ApplicationCommandOptionType.String, name: 'feed', description: 'The feed to stop following.', required: true, autocomplete: true, max_length: 2048 }, privateOption],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Only members with Manage Server may use it (checked again by the dispatcher from the interaction). */
export const manage = true;

const minutes = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${Math.round(ms / 1000)} seconds`);

function nameOf(feed: FeedRecord): string {
  return feed.title ?? new URL(feed.url).host;
}

/** The feed meant by `/feed remove feed`: an id from autocomplete, or the URL or title typed out. */
function findFeed(feeds: FeedRecord[], given: string): FeedRecord {
  const text = given.trim();
  const found = feeds.find((f) => f.id === text) ?? feeds.find((f) => f.url === text) ?? feeds.find((f) => f.title?.toLowerCase() === text.toLowerCase());
  if (!found) throw new UserInputError('This desk follows no such feed. Pick one from the list (`/feed list` shows them all).');
  return found;
}

export async function run(action: DeskAction, args: SubcommandArgs<typeof data>): Promise<CommandMessage> {
  const { services, actor } = action;
  const store = action.workspace.store;
  switch (args.subcommand) {
    case 'add': {
      const { feed, items } = await subscribeFeed(store, args.url, { fetch: services.fetch, actor, now: services.now() });
      services.feedsChanged();
      return {
        components: [],
        embeds: [],
        content:
          `Following **${escapeText(nameOf(feed))}** (${plainLink(feed.url)}): ${items} item${items === 1 ? '' : 's'} in it now. ` +
          `Its newest items are being added to this desk; after that it is checked every ${minutes(services.feedIntervalMs)}. See \`/feed list\`.`,
      };
    }
    case 'list':
      return { components: [], content: '', embeds: [renderFeedList(await store.listFeeds())] };
    case 'remove': {
      const feed = findFeed(await store.listFeeds(), args.feed);
      const removed = await unsubscribeFeed(store, feed.id, { actor, now: services.now() });
      if (!removed) throw new UserInputError('That feed was removed meanwhile.');
      return { components: [], embeds: [], content: `No longer following **${escapeText(nameOf(removed))}**. The ${removed.itemsAdded} article${removed.itemsAdded === 1 ? '' : 's'} it brought stay in the desk.` };
    }
  }
}

/** The desk's feeds matching what is typed, for `/feed remove feed`. */
export async function suggest(action: DeskAction, focused: Focused): Promise<Completion[]> {
  const store = action.workspace.store;
  const typed = focused.value.trim().toLowerCase();
  return (await store.listFeeds())
    .filter((f) => !typed || f.url.toLowerCase().includes(typed) || (f.title ?? '').toLowerCase().includes(typed))
    .map((f) => ({ name: `${nameOf(f)} — ${f.url}`, value: f.id, count: f.itemsAdded }));
}
