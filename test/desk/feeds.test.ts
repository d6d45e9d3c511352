import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/answers/types.ts';
import { backoffMs, FeedPoller, subscribeFeed, unsubscribeFeed, type FeedItemSink, type FetchFn } from '../../src/desk/feeds.ts';
import type { Actor } from '../../src/desk/store.ts';
import { atom, jsonFeed, rss, type TestItem } from '../helpers/feeds.ts';
import { MemoryStore } from '../helpers/memory-store.ts';
import { conditional } from '../helpers/feeds.ts';
import { TestWebServer, type Route } from '../helpers/web-server.ts';
import { fetchUrl } from '../../src/net/fetch-url.ts';

/** The real safe fetcher, allowed to reach the test server on 127.0.0.1 (as NEWSDESK_ALLOW_PRIVATE_URLS=true does). */
const testFetch: FetchFn = (url, init) => fetchUrl(url, { ...init, allowPrivate: true });

function page(html: string): Route {
  return (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

/** Request headers the server saw, by path. */
const seenHeaders: Array<{ path: string; headers: Record<string, unknown> }> = [];

/** A sink that keeps added articles in the store, deduplicating by link and by content as /add does. */
function memorySink(store: MemoryStore): FeedItemSink & { added: Array<{ via: 'page' | 'feed'; url: string; text: string }> } {
  const added: Array<{ via: 'page' | 'feed'; url: string; text: string }> = [];
  const hashes = new Map<string, string>();
  async function keep(via: 'page' | 'feed', url: string, text: string) {
    const already = added.find((a) => a.url === url);
    if (already) return { status: 'duplicate' as const, article: already.url };
    const hash = createHash('sha256').update(text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).digest('hex');
    const same = hashes.get(hash);
    if (same) return { status: 'duplicate' as const, article: same };
    hashes.set(hash, url);
    added.push({ via, url, text });
    await store.writeArticle(`${added.length}.html`, text);
    return { status: 'added' as const, article: url };
  }
  return {
    added,
    async addUrl(url) {
      const r = await testFetch(url);
      if (r.status !== 200) throw new Error(`the page answered HTTP ${r.status}`);
      return keep('page', url, r.body.toString('utf8'));
    },
    async addText(item) {
      return keep('feed', item.link ?? item.key, item.content);
    },
  };
}

const actor: Actor = { id: '200000000000000001', name: 'editor' };
const HOUR = 3600_000;

function item(n: number, server: TestWebServer, extra: Partial<TestItem> = {}): TestItem {
  return {
    id: `urn:item:${n}`,
    title: `Harbour report number ${n}`,
    link: server.url(`/news/${n}`),
    published: new Date(Date.UTC(2026, 10, 20 + n, 8)).toISOString(),
    html: `<p>Report ${n}: the harbour authority counted ${n * 7} ships on the quay, a spokesman said.</p>`,
    ...extra,
  };
}

function articlePage(it: TestItem): string {
  return `<!doctype html><html><head><title>${it.title}</title></head><body><article><h1>${it.title}</h1>${it.html}<p>Page version.</p></article></body></html>`;
}

describe('feeds', () => {
  let server: TestWebServer;
  let clock = Date.parse('2026-11-29T10:00:00Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    server = await new TestWebServer().start();
  });
  afterAll(() => server.stop());

  function serve(items: TestItem[]) {
    for (const i of items) server.routes.set(new URL(i.link).pathname, page(articlePage(i)));
  }

  it.each([
    ['RSS 2.0', '/rss.xml', 'application/rss+xml', rss],
    ['Atom', '/atom.xml', 'application/atom+xml', atom],
    ['JSON Feed', '/feed.json', 'application/feed+json', jsonFeed],
  ] as const)('subscribes to a %s feed and adds its items’ pages', async (_kind, path, type, render) => {
    const items = [1, 2, 3].map((n) => item(n, server, { id: `${path}#${n}`, link: server.url(`${path}/news/${n}`) }));
    serve(items);
    server.routes.set(path, (_req, res) => res.writeHead(200, { 'content-type': type }).end(render(`Test ${_kind}`, items)));
    const store = new MemoryStore('shared');
    const sink = memorySink(store);
    const { feed, items: count } = await subscribeFeed(store, server.url(path), { fetch: testFetch, actor, now: now() });
    expect(count).toBe(3);
    expect(feed.title).toBe(`Test ${_kind}`);
    const poller = new FeedPoller({ workspaces: async () => [{ store, sink }], fetch: testFetch, intervalMs: HOUR, now });
    const [result] = await poller.tick();
    expect(result).toMatchObject({ status: 'new', added: 3 });
    expect(sink.added.map((a) => a.via)).toEqual(['page', 'page', 'page']);
    // Oldest first, by the items' dates.
    expect(sink.added.map((a) => a.url)).toEqual([1, 2, 3].map((n) => server.url(`${path}/news/${n}`)));
    const [saved] = await store.listFeeds();
    expect(saved!.itemsAdded).toBe(3);
    expect(saved!.lastSuccessAt).toBe(now().toISOString());
    expect(saved!.seen).toEqual(expect.arrayContaining(items.map((i) => i.id)));
    expect(store.state.changes.map((c) => [c.action, c.target, c.actor.id])).toEqual([['feed.add', server.url(path), actor.id]]);
    // Not due again before the interval.
    expect(await poller.tick()).toEqual([]);
  });

  it('takes only the new item of a feed that gains one, with conditional requests answered 304 in between', async () => {
    const items = [item(11, server), item(12, server)];
    serve(items);
    let version = 1;
    const growing = conditional(() => ({ body: rss('Growing', items), type: 'application/rss+xml', etag: `"v${version}"`, modified: new Date(Date.UTC(2026, 10, version)).toUTCString() }));
    server.routes.set('/growing.xml', (req, res) => {
      seenHeaders.push({ path: '/growing.xml', headers: req.headers });
      growing(req, res);
    });
    const store = new MemoryStore('shared');
    const sink = memorySink(store);
    await subscribeFeed(store, server.url('/growing.xml'), { fetch: testFetch, actor, now: now() });
    const poller = new FeedPoller({ workspaces: async () => [{ store, sink }], fetch: testFetch, intervalMs: HOUR, now });
    expect((await poller.tick())[0]).toMatchObject({ status: 'new', added: 2 });

    clock += HOUR;
    const before = seenHeaders.length;
    expect((await poller.tick())[0]).toMatchObject({ status: 'unchanged', added: 0 });
    const asked = seenHeaders[before]!;
    expect(asked.headers['if-none-match']).toBe('"v1"');
    expect(asked.headers['if-modified-since']).toBe(new Date(Date.UTC(2026, 10, 1)).toUTCString());

    // The feed gains an item; the page of it is gone, so the feed's own text is used.
    const gained = item(13, server, { link: server.url('/news/missing-13') });
    items.unshift(gained);
    version = 2;
    clock += HOUR;
    expect((await poller.tick())[0]).toMatchObject({ status: 'new', added: 1 });
    expect(sink.added.map((a) => a.via)).toEqual(['page', 'page', 'feed']);
    expect(sink.added[2]!.text).toContain('counted 91 ships');
    const [saved] = await store.listFeeds();
    expect(saved).toMatchObject({ itemsAdded: 3, etag: '"v2"', failures: 0 });
  });

  it('an item whose content is already in the desk under another link is a duplicate, not a new article', async () => {
    const a = item(21, server);
    const b = item(22, server, { id: 'urn:item:22', link: server.url('/mirror/21'), html: a.html, title: a.title });
    server.routes.set('/news/21', page(articlePage(a)));
    server.routes.set('/mirror/21', page(articlePage(a)));
    server.routes.set('/dupes.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Dupes', [a, b])));
    const store = new MemoryStore('shared');
    const sink = memorySink(store);
    await subscribeFeed(store, server.url('/dupes.xml'), { fetch: testFetch, actor, now: now() });
    const poller = new FeedPoller({ workspaces: async () => [{ store, sink }], fetch: testFetch, intervalMs: HOUR, now });
    expect((await poller.tick())[0]).toMatchObject({ added: 1, duplicates: 1 });
    expect((await store.listFeeds())[0]!.itemsAdded).toBe(1);
  });

  it('backs a failing feed off exponentially, shows its error, and recovers', async () => {
    let failing = true;
    const good = [item(31, server)];
    serve(good);
    server.routes.set('/flaky.xml', (_q, res) => {
      if (failing) res.writeHead(500, { 'content-type': 'text/plain' }).end('oops');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Flaky', good));
    });
    const store = new MemoryStore('shared');
    failing = false;
    await subscribeFeed(store, server.url('/flaky.xml'), { fetch: testFetch, actor, now: now() });
    failing = true;
    const poller = new FeedPoller({ workspaces: async () => [{ store, sink: memorySink(store) }], fetch: testFetch, intervalMs: HOUR, now });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [r] = await poller.tick();
      expect(r).toMatchObject({ status: 'failed', error: 'the feed answered HTTP 500' });
      const f = (await store.listFeeds())[0]!;
      expect(f.failures).toBe(i + 1);
      expect(f.lastError).toBe('the feed answered HTTP 500');
      waits.push(Date.parse(f.nextPollAt!) - clock);
      // Not retried before its time.
      clock = Date.parse(f.nextPollAt!) - 1000;
      expect(await poller.tick()).toEqual([]);
      clock += 1000;
    }
    expect(waits).toEqual([2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR]);
    expect(backoffMs(HOUR, 30)).toBe(24 * HOUR);
    failing = false;
    expect((await poller.tick())[0]).toMatchObject({ status: 'new', added: 1 });
    const f = (await store.listFeeds())[0]!;
    expect(f).toMatchObject({ failures: 0, lastSuccessAt: now().toISOString(), lastError: 'the feed answered HTTP 500' });
  });

  it('a response that is no feed is a failure with a readable error; hostile fields are bounded', async () => {
    server.routes.set('/not-a-feed', page('<html><body><p>Hello</p></body></html>'));
    const store = new MemoryStore('shared');
    await expect(subscribeFeed(store, server.url('/not-a-feed'), { fetch: testFetch, actor, now: now() })).rejects.toThrow(/not a feed I can read/);
    await expect(subscribeFeed(store, 'file:///etc/passwd', { fetch: testFetch, actor, now: now() })).rejects.toBeInstanceOf(UserInputError);
    await expect(subscribeFeed(store, 'javascript:alert(1)', { fetch: testFetch, actor, now: now() })).rejects.toBeInstanceOf(UserInputError);
    await expect(subscribeFeed(store, server.url('/nothing-here'), { fetch: testFetch, actor, now: now() })).rejects.toThrow(/HTTP 404/);
    // Feed links obey the address rules: without NEWSDESK_ALLOW_PRIVATE_URLS a loopback feed is refused.
    server.routes.set('/private.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Private', [])));
    const strict: FetchFn = (url, init) => fetchUrl(url, { ...init, allowPrivate: false });
    await expect(subscribeFeed(store, server.url('/private.xml'), { fetch: strict, actor, now: now() })).rejects.toThrow(/could not fetch/);
    expect(server.requested).not.toContain('/private.xml');
    // Links that are not http(s) are never followed; an item with neither page nor text is skipped without failing the feed.
    const odd = `<?xml version="1.0"?><rss version="2.0"><channel><title>${'T'.repeat(5000)}</title>
<item><guid>x1</guid><title>Bad link</title><link>file:///etc/passwd</link></item></channel></rss>`;
    server.routes.set('/odd.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(odd));
    const sink = memorySink(store);
    const { feed } = await subscribeFeed(store, server.url('/odd.xml'), { fetch: testFetch, actor, now: now() });
    expect(feed.title!.length).toBeLessThanOrEqual(300);
    const poller = new FeedPoller({ workspaces: async () => [{ store, sink }], fetch: testFetch, intervalMs: HOUR, now });
    expect((await poller.tick())[0]).toMatchObject({ status: 'new', added: 0 });
    expect(server.requested).not.toContain('/etc/passwd');
    expect(sink.added).toEqual([]);
  });

  it('refuses a feed already followed, and unsubscribes with a change logged', async () => {
    server.routes.set('/once.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Once', [])));
    const store = new MemoryStore('shared');
    const { feed } = await subscribeFeed(store, server.url('/once.xml'), { fetch: testFetch, actor, now: now() });
    await expect(subscribeFeed(store, server.url('/once.xml'), { fetch: testFetch, actor, now: now() })).rejects.toThrow(/already follows/);
    expect(await unsubscribeFeed(store, feed.id, { actor, now: now() })).toMatchObject({ id: feed.id });
    expect(await unsubscribeFeed(store, feed.id, { actor, now: now() })).toBeNull();
    expect(store.state.changes.map((c) => c.action)).toEqual(['feed.add', 'feed.remove']);
  });

  it('stops cleanly between items', async () => {
    const many = [41, 42, 43, 44].map((n) => item(n, server));
    serve(many);
    server.routes.set('/many.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Many', many)));
    const store = new MemoryStore('shared');
    const inner = memorySink(store);
    let poller!: FeedPoller;
    let stopCalled!: (stopping: Promise<void>) => void;
    const stopping = new Promise<Promise<void>>((resolve) => (stopCalled = resolve));
    const sink: FeedItemSink = {
      addUrl: async (url, a) => {
        const r = await inner.addUrl(url, a);
        stopCalled(poller.stop());
        return r;
      },
      addText: inner.addText,
    };
    await subscribeFeed(store, server.url('/many.xml'), { fetch: testFetch, actor, now: now() });
    poller = new FeedPoller({ workspaces: async () => [{ store, sink }], fetch: testFetch, intervalMs: HOUR, now });
    poller.start();
    await (await stopping);
    expect(inner.added).toHaveLength(1);
    // What was taken is remembered; the rest comes next time.
    expect((await store.listFeeds())[0]!.seen).toHaveLength(2);
  });
});
