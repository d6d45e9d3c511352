/**
 * Feeds of a workspace: subscribing (the address is fetched and read once, so a page that is no feed is refused at
 * once), and the poller that fetches each feed every interval with conditional requests (If-None-Match /
 * If-Modified-Since; a 304 costs nothing), adds each new item's page as `/add url` does (the feed's own text when
 * the page cannot be had), remembers the items taken (FeedRecord.seen, by guid and by link) and backs a failing feed
 * off exponentially, keeping its last error for `/feed list`. Everything from outside comes through injected
 * functions (a fetch that applies the address rules, the article adder), so tests run it on 127.0.0.1 with fakes.
 */
import { randomBytes } from 'node:crypto';
import { UserInputError } from '../answers/types.ts';
import { parseFeed, httpUrl, type FeedItem, type ParsedFeed } from './feed-parse.ts';
import { errorText, silentLogger, type TaskLogger } from './scheduler.ts';
import type { Actor, FeedRecord, WorkspaceStore } from './store.ts';
import type { FetchedResponse } from '../net/fetch-url.ts';

/** Fetches a URL under the address rules (no private addresses unless allowed), with a timeout and a size cap: fetchUrl. */
export type FetchFn = (url: string, init?: { headers?: Record<string, string> }) => Promise<FetchedResponse>;

export type AddOutcome = { status: 'added' | 'duplicate'; article: string };

/** Where a feed's items go: the workspace's article adder (deduplicating by link and content, as `/add` does). */
export interface FeedItemSink {
  /** Fetches the page and adds it, as `/add url` does; throws when the page cannot be had or is no article. */
  addUrl(url: string, actor: Actor): Promise<AddOutcome>;
  /** Adds the feed's own text of an item (used when its page cannot be had). */
  addText(item: FeedItem & { content: string }, feed: { title: string | null; url: string }, actor: Actor): Promise<AddOutcome>;
  /** Called after a poll that added articles (e.g. to re-index at once). */
  flush?(): Promise<void>;
}

/** One workspace the poller walks. */
export interface FeedWorkspace {
  store: WorkspaceStore;
  sink: FeedItemSink;
}

/** Guids and links remembered per feed (the most recent ones). */
export const MAX_SEEN = 1000;
/** New items taken from one poll at most (the newest); older unseen ones are marked seen and skipped. */
export const MAX_NEW_PER_POLL = 10;
/** Feeds one desk may follow. */
export const MAX_FEEDS = 50;
/** The longest a failing feed waits between tries. */
export const MAX_BACKOFF_MS = 24 * 3600_000;

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1';

/** How long a feed that failed `failures` times in a row waits before the next try. */
export function backoffMs(intervalMs: number, failures: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(intervalMs * 2 ** Math.min(failures, 20), Math.max(intervalMs, MAX_BACKOFF_MS));
}

/** A feed URL as typed, checked: http(s) only, no credentials, at most 2,048 characters. */
export function checkFeedUrl(input: string): string {
  const url = httpUrl(input.trim());
  if (!url) throw new UserInputError('That is not a web address I can follow: give a full http:// or https:// link to the feed.');
  if (new URL(url).username || new URL(url).password) throw new UserInputError('Links with a user name or password in them are not accepted.');
  return url;
}

function readResponse(response: FetchedResponse): ParsedFeed {
  if (response.status < 200 || response.status >= 300) throw new Error(`the feed answered HTTP ${response.status}`);
  return parseFeed(response.body, response.headers['content-type'] ?? null, response.url);
}

/**
 * Subscribes a workspace to a feed: fetches and reads it once (a polite UserInputError when it is unreachable, refused
 * or no feed), stores it to be polled at once, and logs the change. Returns the new record and the items it holds.
 */
export async function subscribeFeed(
  store: WorkspaceStore,
  input: string,
  deps: { fetch: FetchFn; actor: Actor; now: Date },
): Promise<{ feed: FeedRecord; items: number }> {
  const url = checkFeedUrl(input);
  const feeds = await store.listFeeds();
  if (feeds.length >= MAX_FEEDS) throw new UserInputError(`This desk follows ${feeds.length} feeds already, the most it may. Remove one first (\`/feed remove\`).`);
  const existing = feeds.find((f) => f.url === url);
  if (existing) throw new UserInputError(`This desk already follows that feed${existing.title ? ` (${existing.title})` : ''}.`);
  let response: FetchedResponse;
  try {
    response = await deps.fetch(url, { headers: { accept: ACCEPT } });
  } catch (error) {
    throw new UserInputError(`I could not fetch that feed: ${errorText(error)}`);
  }
  let parsed: ParsedFeed;
  try {
    parsed = readResponse(response);
  } catch (error) {
    throw new UserInputError(errorText(error));
  }
  const now = deps.now.toISOString();
  const feed: FeedRecord = {
    id: randomBytes(6).toString('hex'),
    url,
    title: parsed.title,
    addedBy: deps.actor,
    addedAt: now,
    etag: null,
    lastModified: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    failures: 0,
    nextPollAt: now,
    itemsAdded: 0,
    seen: [],
  };
  await store.putFeed(feed);
  await store.appendChange({ at: now, workspace: store.workspace, actor: deps.actor, action: 'feed.add', target: url, ...(parsed.title ? { detail: parsed.title } : {}) });
  return { feed, items: parsed.items.length };
}

/** Unsubscribes; false when there was no such feed. Articles already added stay. */
export async function unsubscribeFeed(store: WorkspaceStore, id: string, deps: { actor: Actor; now: Date }): Promise<FeedRecord | null> {
  const feed = (await store.listFeeds()).find((f) => f.id === id);
  if (!feed || !(await store.removeFeed(id))) return null;
  await store.appendChange({ at: deps.now.toISOString(), workspace: store.workspace, actor: deps.actor, action: 'feed.remove', target: feed.url, ...(feed.title ? { detail: feed.title } : {}) });
  return feed;
}

export interface FeedPollerOptions {
  /** The workspaces whose feeds to poll (the loaded ones; in guild mode every workspace that has feeds). */
  workspaces: () => Promise<Iterable<FeedWorkspace>>;
  fetch: FetchFn;
  /** NEWSDESK_FEED_INTERVAL_S in ms. */
  intervalMs: number;
  now?: () => Date;
  /** How often to look for feeds that are due (default: a minute, or the interval when shorter). */
  tickMs?: number;
  /** Feeds fetched at the same time (default 4): one slow feed does not hold up the others. */
  concurrency?: number;
  logger?: TaskLogger;
}

/** What one poll of one feed did. */
export interface PollResult {
  feed: string;
  status: 'new' | 'unchanged' | 'failed';
  added: number;
  duplicates: number;
  error?: string;
}

export class FeedPoller {
  private readonly now: () => Date;
  private readonly tickMs: number;
  private readonly logger: TaskLogger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PollResult[]> | undefined;
  private stopped = true;
  /** Set by stop(): a poll in progress ends between items. */
  private halting = false;

  constructor(private readonly options: FeedPollerOptions) {
    this.now = options.now ?? (() => new Date());
    this.tickMs = options.tickMs ?? Math.min(60_000, options.intervalMs);
    this.logger = options.logger ?? silentLogger;
  }

  /** Polls every feed that is due, one after another; resolves with what each poll did. */
  tick(): Promise<PollResult[]> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Ticks now, then every `tickMs` until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halting = false;
    this.schedule(0);
  }

  /** Polls soon (a feed was just added), without waiting for the next tick. */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Stops polling and waits for a poll in progress to end (it stops between items). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.tick().finally(() => {
        if (!this.stopped) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => this.schedule(0), this.tickMs);
        }
      });
    }, ms);
  }

  private async runOnce(): Promise<PollResult[]> {
    let workspaces: Iterable<FeedWorkspace>;
    try {
      workspaces = await this.options.workspaces();
    } catch (error) {
      this.logger.error({ err: error }, 'feeds: could not list the workspaces');
      return [];
    }
    const due: Array<{ ws: FeedWorkspace; feed: FeedRecord }> = [];
    for (const ws of workspaces) {
      try {
        for (const feed of await ws.store.listFeeds()) {
          if (!feed.nextPollAt || Date.parse(feed.nextPollAt) <= this.now().getTime()) due.push({ ws, feed });
        }
      } catch (error) {
        this.logger.error({ err: error, workspace: ws.store.workspace }, 'feeds: could not read the feeds');
      }
    }
    const results: PollResult[] = [];
    const worker = async () => {
      for (let next = due.shift(); next && !this.halted(); next = due.shift()) {
        try {
          results.push(await this.poll(next.ws, next.feed));
        } catch (error) {
          this.logger.error({ err: error, workspace: next.ws.store.workspace, feed: next.feed.id }, 'feeds: poll failed unexpectedly');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 4) }, worker));
    return results;
  }

  private halted(): boolean {
    return this.halting;
  }

  /** Polls one feed now and records the outcome on it. */
  async poll(ws: FeedWorkspace, feed: FeedRecord): Promise<PollResult> {
    const headers: Record<string, string> = { accept: ACCEPT };
    if (feed.etag) headers['if-none-match'] = feed.etag;
    if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
    const log = { workspace: ws.store.workspace, feed: feed.id };
    let parsed: ParsedFeed | null = null;
    let response: FetchedResponse;
    try {
      response = await this.options.fetch(feed.url, { headers });
      if (response.status !== 304) parsed = readResponse(response);
    } catch (error) {
      const message = errorText(error);
      const failures = feed.failures + 1;
      const now = this.now();
      await this.save(ws.store, feed.id, (f) => ({
        ...f,
        failures,
        lastError: message,
        lastErrorAt: now.toISOString(),
        nextPollAt: new Date(now.getTime() + backoffMs(this.options.intervalMs, failures)).toISOString(),
      }));
      this.logger.warn({ ...log, err: error, failures }, 'feed poll failed');
      return { feed: feed.id, status: 'failed', added: 0, duplicates: 0, error: message };
    }

    const seen = new Set(feed.seen);
    // Newest first (by date when the items have one, else in the feed's order), so a cap keeps the newest.
    const fresh = (parsed?.items ?? [])
      .filter((i) => !seen.has(i.key) && !(i.link && seen.has(i.link)))
      .map((item, order) => ({ item, order }))
      .sort((a, b) => (b.item.published ?? '').localeCompare(a.item.published ?? '') || a.order - b.order)
      .map((x) => x.item);
    const take = fresh.slice(0, MAX_NEW_PER_POLL);
    const taken: string[] = fresh.slice(MAX_NEW_PER_POLL).flatMap((i) => [i.key, ...(i.link ? [i.link] : [])]);
    let added = 0;
    let duplicates = 0;
    const actor: Actor = { id: `feed:${feed.id}`, name: feed.title ?? feed.url };
    // Oldest first, so the desk's order follows the feed's.
    for (const item of take.reverse()) {
      if (this.halted()) break;
      const outcome = await this.addItem(ws.sink, item, feed, actor);
      taken.push(item.key, ...(item.link ? [item.link] : []));
      if (outcome?.status === 'added') added++;
      else if (outcome?.status === 'duplicate') duplicates++;
    }
    if (added) await ws.sink.flush?.().catch((error: unknown) => this.logger.warn({ ...log, err: error }, 'feeds: re-index after adding failed'));
    const now = this.now();
    await this.save(ws.store, feed.id, (f) => ({
      ...f,
      title: parsed?.title ?? f.title,
      etag: response.headers.etag ?? (response.status === 304 ? f.etag : null),
      lastModified: response.headers['last-modified'] ?? (response.status === 304 ? f.lastModified : null),
      lastSuccessAt: now.toISOString(),
      failures: 0,
      nextPollAt: new Date(now.getTime() + this.options.intervalMs).toISOString(),
      itemsAdded: f.itemsAdded + added,
      seen: [...new Set([...f.seen, ...taken])].slice(-MAX_SEEN),
    }));
    if (added || duplicates) this.logger.info({ ...log, added, duplicates }, 'feed items added');
    return { feed: feed.id, status: response.status === 304 ? 'unchanged' : 'new', added, duplicates };
  }

  /** Adds one item: its page, else the feed's own text; null when neither could be had (logged). */
  private async addItem(sink: FeedItemSink, item: FeedItem, feed: FeedRecord, actor: Actor): Promise<AddOutcome | null> {
    let pageError: unknown = null;
    if (item.link) {
      try {
        return await sink.addUrl(item.link, actor);
      } catch (error) {
        pageError = error;
      }
    }
    if (item.content) {
      try {
        return await sink.addText({ ...item, content: item.content }, { title: feed.title, url: feed.url }, actor);
      } catch (error) {
        this.logger.warn({ feed: feed.id, item: item.key, err: error, pageError }, 'feed item could not be added');
        return null;
      }
    }
    this.logger.warn({ feed: feed.id, item: item.key, err: pageError }, 'feed item has no page that could be had and no text of its own');
    return null;
  }

  /** Updates a feed record from its latest stored state (unless it was removed meanwhile). */
  private async save(store: WorkspaceStore, id: string, change: (f: FeedRecord) => FeedRecord): Promise<void> {
    try {
      const current = (await store.listFeeds()).find((f) => f.id === id);
      if (current) await store.putFeed(change(current));
    } catch (error) {
      this.logger.error({ err: error, workspace: store.workspace, feed: id }, 'feeds: could not record a poll');
    }
  }
}
