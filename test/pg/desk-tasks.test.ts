/**
 * Feeds and scheduled briefings over PostgreSQL, with two "processes" (each its own connections, LISTEN client,
 * workspace manager, runtime and job queue client) on one database in guild mode: the runtimes find the servers'
 * workspaces through the store's `list()`; a briefing slot is posted once across both; feed passes run as pg-boss jobs
 * (src/pg/feed-jobs.ts) taken by two workers, and each item of the feed is added once.
 */
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeskRuntime, type ChannelPoster, type DeskRuntime } from '../../src/bot/desk-runtime.ts';
import { readSettings, resetSettings } from '../../src/config.ts';
import { subscribeFeed } from '../../src/desk/feeds.ts';
import { openWorkspaces, type OpenedWorkspaces } from '../../src/desk/open-workspaces.ts';
import { silentLogger } from '../../src/desk/scheduler.ts';
import type { ScheduleRecord } from '../../src/desk/store.ts';
import { FEEDS_QUEUE, startFeedJobs } from '../../src/pg/feed-jobs.ts';
import { startJobs } from '../../src/pg/jobs.ts';
import { fetchUrl } from '../../src/net/fetch-url.ts';
import { rss, type TestItem } from '../helpers/feeds.ts';
import { eventually } from '../helpers/processes.ts';
import { describePg, useFreshDatabase } from '../helpers/postgres.ts';
import { articlePage, TestWebServer } from '../helpers/web-server.ts';

const GUILD_A = '400000000000000001';
const GUILD_B = '400000000000000002';
const actor = { id: '300000000000000001', name: 'Ana' };

function schedule(id: string, channelId: string): ScheduleRecord {
  return {
    id,
    every: 'daily 09:00',
    cron: '0 9 * * *',
    timezone: 'UTC',
    channelId,
    topic: null,
    createdBy: actor,
    createdAt: '2026-11-28T12:00:00.000Z',
    lastSlot: null,
    lastRunAt: null,
    lastError: null,
  };
}

describePg('feeds and briefings over PostgreSQL, two processes', () => {
  const fresh = useFreshDatabase();
  const web = new TestWebServer();
  const processes: Array<{ desks: OpenedWorkspaces; runtime: DeskRuntime; boss?: PgBoss; stopAsking?: () => void }> = [];
  const posts: Array<{ process: number; channelId: string; workspace: string }> = [];
  let clock = Date.parse('2026-11-30T09:00:02Z');
  const items: TestItem[] = [];

  beforeAll(async () => {
    await web.start();
    const settings = readSettings({ ...process.env, DATABASE_URL: fresh.url, NEWSDESK_WORKSPACES: 'guild' });
    for (let i = 0; i < 2; i++) {
      const desks = await openWorkspaces(settings, { live: { watch: false } });
      const post: ChannelPoster = async (channelId, workspace) => void posts.push({ process: i, channelId, workspace });
      const runtime = createDeskRuntime(
        desks.manager,
        { fetch: { allowPrivate: true }, feedIntervalMs: 3600_000, timezone: 'UTC', now: () => new Date(clock), pollFeeds: false },
        post,
        silentLogger,
      );
      processes.push({ desks, runtime });
    }
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) {
      p.stopAsking?.();
      await p.boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
      await p.runtime.stop();
      await p.desks.close();
    }
    await web.stop();
    resetSettings();
  });

  it('posts each server’s briefing slot once across both processes, found through the store’s list of workspaces', async () => {
    const [one, two] = processes;
    await (await one!.desks.manager.store.open(GUILD_A)).putSchedule(schedule('sa', '500000000000000001'));
    await (await two!.desks.manager.store.open(GUILD_B)).putSchedule(schedule('sb', '500000000000000002'));
    // Both processes look for due slots at the same moment, several times.
    await Promise.all([one!.runtime.scheduler.tick(), two!.runtime.scheduler.tick(), one!.runtime.scheduler.tick(), two!.runtime.scheduler.tick()]);
    expect(posts.map((p) => `${p.workspace} ${p.channelId}`).sort()).toEqual([`${GUILD_A} 500000000000000001`, `${GUILD_B} 500000000000000002`]);
    // Later the same day: nothing new is due.
    clock += 3600_000;
    await Promise.all([one!.runtime.scheduler.tick(), two!.runtime.scheduler.tick()]);
    expect(posts).toHaveLength(2);
    // The next day's slot: once again.
    clock = Date.parse('2026-12-01T09:00:01Z');
    await Promise.all([two!.runtime.scheduler.tick(), one!.runtime.scheduler.tick()]);
    expect(posts).toHaveLength(4);
    const slots = await (await one!.desks.manager.store.open(GUILD_A)).listSchedules();
    expect(slots[0]!.lastSlot).toBe('2026-12-01T09:00:00.000Z');
  }, 60_000);

  it('polls a server’s feed as jobs taken by two workers: each item is added once, into the database', async () => {
    for (let n = 1; n <= 3; n++) {
      const link = web.url(`/wire/${n}`);
      const title = `Sluice gate report ${n}`;
      const paragraphs = [
        `The canal board of Vennick said on Monday that the sluice gate repairs had reached phase ${n}.`,
        `“We expect the locks to open again before the thaw,” said Maren Oduya, the lock keeper, at the depot.`,
      ];
      web.page(`/wire/${n}`, articlePage({ title, site: 'Canal Wire', published: `2026-11-2${n}T07:00:00Z`, canonical: link, paragraphs }));
      items.push({ id: `urn:canal:${n}`, title, link, published: `2026-11-2${n}T07:00:00Z`, html: paragraphs.map((p) => `<p>${p}</p>`).join('') });
    }
    web.routes.set('/canal.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Canal Wire', items)));
    const storeA = await processes[0]!.desks.manager.store.open(GUILD_A);
    await subscribeFeed(storeA, web.url('/canal.xml'), { fetch: (url, init) => fetchUrl(url, { allowPrivate: true, ...(init?.headers ? { headers: init.headers } : {}) }), actor, now: new Date(clock) });

    for (const p of processes) {
      p.boss = await startJobs(fresh.url, { timeoutSeconds: 30 });
      p.stopAsking = await startFeedJobs(p.boss, p.runtime.poller, { tickMs: 200, timeoutSeconds: 30, logger: silentLogger });
    }
    // A pass ends by recording on the feed what it added.
    await eventually(async () => ((await storeA.listFeeds())[0]?.itemsAdded ?? 0) >= 3, 60_000, 'a pass over the feed has added its items');
    // Several more passes are asked for meanwhile (every 200 ms by each worker): none adds anything again.
    await new Promise((r) => setTimeout(r, 1500));
    const articles = await storeA.listArticles();
    expect(articles).toHaveLength(3);
    expect(new Set(articles.map((a) => a.hash)).size).toBe(3);
    const [feed] = await storeA.listFeeds();
    expect(feed!.itemsAdded).toBe(3);
    expect(await (await processes[1]!.desks.manager.store.open(GUILD_B)).listArticles()).toEqual([]);
    // Passes did run more than once (each worker asked every 200 ms), one at a time.
    const db = new pg.Pool({ connectionString: fresh.url, max: 1 });
    try {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [FEEDS_QUEUE]);
      expect(Number(rows[0]!.n)).toBeGreaterThan(1);
    } finally {
      await db.end();
    }
  }, 90_000);
});
