/**
 * What runs beside the answers in a bot process: the services commands that change a desk use (`/feed`,
 * `/schedule`), the feed poller and the briefing scheduler over the workspaces, and the posting of a due briefing
 * into its channel (with Discord's refusals turned into a line kept on the schedule). Started once the gateway is
 * ready; stopped, with a poll or a post in progress finished, before the client closes.
 */
import path from 'node:path';
import { DiscordAPIError, type Client } from 'discord.js';
import type { DeskServices } from '../../commands/index.ts';
import { articleSink } from '../desk/feed-sink.ts';
import { FeedPoller, type FeedItemSink, type FeedWorkspace } from '../desk/feeds.ts';
import { Scheduler, type BriefingRun, type TaskLogger } from '../desk/scheduler.ts';
import { SHARED_WORKSPACE, type DeskStore } from '../desk/store.ts';
import { fetchUrl, type FetchOptions } from '../net/fetch-url.ts';
import { renderScheduledBriefing, type ScheduledBriefingMessage } from '../render/scheduled-brief.ts';
import { articlesSince } from '../desk/schedule-every.ts';
import type { Workspace } from '../desk/workspaces.ts';

/** The workspaces feeds and briefings run over (src/desk/workspaces.ts's WorkspaceManager). */
export interface TaskWorkspaces {
  readonly mode: 'shared' | 'guild';
  readonly store: DeskStore;
  /** The workspace loaded (its store and live index), loading it when needed. */
  open(id: string): Promise<Workspace>;
}

export interface DeskRuntimeOptions {
  /** Fetch policy for feeds and their items (NEWSDESK_ALLOW_PRIVATE_URLS, NEWSDESK_FETCH_TIMEOUT_S). */
  fetch: Pick<FetchOptions, 'allowPrivate' | 'allowAddresses' | 'timeoutMs' | 'maxBytes'>;
  feedIntervalMs: number;
  timezone: string;
  now?: () => Date;
  /** How often the scheduler looks for due slots (default 30 s). */
  scheduleTickMs?: number;
  /**
   * Whether this process polls the feeds (default true). Over PostgreSQL the workers do (src/pg/feed-jobs.ts): the
   * bot processes then only run the briefings, each slot claimed once across them.
   */
  pollFeeds?: boolean;
}

/** Posts a message into a channel of `workspace`'s server; throws an Error whose message is fit for `/schedule list`. */
export type ChannelPoster = (channelId: string, workspace: string, message: ScheduledBriefingMessage) => Promise<void>;

export interface DeskRuntime {
  services: DeskServices;
  poller: FeedPoller;
  scheduler: Scheduler;
  start(): void;
  stop(): Promise<void>;
}

/** Discord's refusal, as a line a server admin can act on. */
export function describePostError(error: unknown, channelId: string): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 403) return `I may not post in that channel (Discord: ${error.message}). Give newsdesk View Channel, Send Messages, Embed Links and Attach Files there.`;
    if (error.status === 404) return `That channel (${channelId}) no longer exists, or I cannot see it.`;
    return `Discord refused the post (${error.status}: ${error.message}).`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A ChannelPoster over the discord.js client: checks the channel is the workspace's server's before posting. */
export function discordPoster(client: Client, mode: 'shared' | 'guild'): ChannelPoster {
  return async (channelId, workspace, message) => {
    try {
      const channel = await client.channels.fetch(channelId);
      if (!channel || !channel.isSendable()) throw new Error(`I cannot post in channel ${channelId}: it is not a text channel I can see.`);
      if (mode === 'guild' && (!('guildId' in channel) || channel.guildId !== workspace)) throw new Error(`Channel ${channelId} is not on this server.`);
      await channel.send({ ...message, allowedMentions: { parse: [] } });
    } catch (error) {
      throw new Error(describePostError(error, channelId), { cause: error });
    }
  };
}

export function createDeskRuntime(workspaces: TaskWorkspaces, options: DeskRuntimeOptions, post: ChannelPoster, logger: TaskLogger): DeskRuntime {
  const now = options.now ?? (() => new Date());
  const fetchPolicy: FetchOptions = { ...options.fetch };

  /** The workspaces whose feeds and schedules run here: the shared one, or every server's that exists. */
  async function taskWorkspaces(): Promise<string[]> {
    if (workspaces.mode === 'shared') return [SHARED_WORKSPACE];
    return (await workspaces.store.list()).filter((w) => w !== SHARED_WORKSPACE);
  }

  /** A sink that loads the workspace (its live index) only when an item is actually to be added. */
  function lazySink(workspace: string): FeedItemSink {
    let sink: Promise<FeedItemSink> | undefined;
    const real = () => (sink ??= workspaces.open(workspace).then((ws) => articleSink(ws, fetchPolicy)));
    return {
      addUrl: async (url, actor) => (await real()).addUrl(url, actor),
      addText: async (item, feed, actor) => (await real()).addText(item, feed, actor),
      flush: async () => {
        if (sink) await (await sink).flush?.();
      },
    };
  }

  const services: DeskServices = {
    fetch: (url, init) => fetchUrl(url, { ...fetchPolicy, ...(init?.headers ? { headers: init.headers } : {}) }),
    now,
    timezone: options.timezone,
    feedIntervalMs: options.feedIntervalMs,
    feedsChanged: () => poller.wake(),
  };

  const poller = new FeedPoller({
    workspaces: async () => {
      const list: FeedWorkspace[] = [];
      for (const w of await taskWorkspaces()) list.push({ store: await workspaces.store.open(w), sink: lazySink(w) });
      return list;
    },
    fetch: services.fetch,
    intervalMs: options.feedIntervalMs,
    now,
    logger,
  });

  async function deliver(run: BriefingRun): Promise<void> {
    const ws = await workspaces.open(run.workspace);
    const since = run.since.getTime();
    const addedFiles = new Set((await ws.store.listArticles()).filter((f) => Date.parse(f.modified) >= since).map((f) => f.name));
    const desk = ws.desk;
    const request = { every: run.schedule.every, timezone: run.schedule.timezone, topic: run.schedule.topic, slot: run.slot, late: run.late, since: run.since };
    const only = articlesSince(desk.ctx.corpus.articles, (a) => addedFiles.has(a.file.split(path.sep).join('/')), request);
    const answer = only.size ? desk.answer({ command: 'brief', query: run.schedule.topic ?? '', options: { onlyArticles: only } }) : null;
    await post(run.schedule.channelId, run.workspace, renderScheduledBriefing(answer, request));
  }

  const scheduler = new Scheduler({
    stores: async () => Promise.all((await taskWorkspaces()).map((w) => workspaces.store.open(w))),
    deliver,
    now,
    ...(options.scheduleTickMs !== undefined ? { tickMs: options.scheduleTickMs } : {}),
    logger,
  });

  return {
    services,
    poller,
    scheduler,
    start() {
      if (options.pollFeeds !== false) poller.start();
      scheduler.start();
    },
    async stop() {
      await Promise.all([poller.stop(), scheduler.stop()]);
    },
  };
}
