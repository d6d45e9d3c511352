/** PgDeskStore: the workspace store over PostgreSQL (articles, trash, feeds, schedules, claimSlot, change log) and the migrations. */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FeedRecord, ScheduleRecord } from '../../src/desk/store.ts';
import { openDatabase, type Database } from '../../src/pg/database.ts';
import { ARTICLES_CHANNEL, ArticleExistsError, insertArticle, PgDeskStore } from '../../src/pg/desk-store.ts';
import { migrate } from '../../src/pg/migrate.ts';
import { describePg, useFreshDatabase } from '../helpers/postgres.ts';

const actor = { id: '111111111111111111', name: 'Ana' };
const WS = '222222222222222222';

describePg('PgDeskStore (PostgreSQL)', () => {
  const fresh = useFreshDatabase();
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(fresh.url);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('migrates idempotently, also when several processes start together', async () => {
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: fresh.url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      expect(applied.flat()).toEqual([]);
      const { rows } = await db.pool.query('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(['001_desks', '002_index_cache']);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('keeps articles once, moves them to the trash and back, and notifies on commit', async () => {
    const store = await new PgDeskStore(db).open(WS);
    const listener = new pg.Client({ connectionString: fresh.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query(`LISTEN ${ARTICLES_CHANNEL}`);
    try {
      await store.writeArticle('a.txt', 'First text.\n\nSecond paragraph.');
      await expect(store.writeArticle('a.txt', 'Other text')).rejects.toBeInstanceOf(ArticleExistsError);
      expect(await insertArticle(db, WS, 'copy.txt', Buffer.from('First text.\n\nSecond paragraph.'))).toBe('duplicate');
      expect((await store.listArticles()).map((a) => a.name)).toEqual(['a.txt']);
      expect((await store.readArticle('a.txt')).toString()).toContain('Second paragraph');
      await store.trashArticle('a.txt');
      expect(await store.listArticles()).toEqual([]);
      expect((await store.listTrash()).map((a) => a.name)).toEqual(['a.txt']);
      expect((await store.readTrashed('a.txt')).toString()).toContain('First text');
      await expect(store.readArticle('a.txt')).rejects.toThrow(/no article/);
      await store.restoreArticle('a.txt');
      expect((await store.listArticles()).map((a) => a.name)).toEqual(['a.txt']);
      const deadline = Date.now() + 5000;
      while (heard.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([WS, WS, WS]);
    } finally {
      await listener.end();
    }
  });

  it('keeps workspaces apart and refuses bad workspace ids', async () => {
    const desk = new PgDeskStore(db);
    const other = await desk.open('333333333333333333');
    expect(await other.listArticles()).toEqual([]);
    await expect(desk.open('../etc')).rejects.toThrow(/not a workspace id/);
    expect(await desk.list()).toEqual(expect.arrayContaining([WS, '333333333333333333']));
  });

  it('stores feeds and schedules; a slot is claimed by exactly one of many concurrent callers', async () => {
    const store = await new PgDeskStore(db).open(WS);
    const feed: FeedRecord = { id: 'f1', url: 'http://127.0.0.1/feed', title: null, addedBy: actor, addedAt: '2026-01-01T00:00:00.000Z', etag: null, lastModified: null, lastSuccessAt: null, lastError: null, lastErrorAt: null, failures: 0, nextPollAt: null, itemsAdded: 0, seen: [] };
    await store.putFeed(feed);
    await store.putFeed({ ...feed, itemsAdded: 2 });
    expect(await store.listFeeds()).toEqual([{ ...feed, itemsAdded: 2 }]);
    expect(await store.removeFeed('f1')).toBe(true);
    expect(await store.removeFeed('f1')).toBe(false);

    const schedule: ScheduleRecord = { id: 's1', every: 'daily 09:00', cron: '0 9 * * *', timezone: 'UTC', channelId: '444444444444444444', topic: null, createdBy: actor, createdAt: '2026-01-01T00:00:00.000Z', lastSlot: null, lastRunAt: null, lastError: null };
    await store.putSchedule(schedule);
    const slot = '2026-01-02T09:00:00.000Z';
    const others = await Promise.all([0, 1, 2, 3].map(async () => (await new PgDeskStore(db).open(WS)).claimSlot('s1', slot)));
    expect(others.filter(Boolean)).toHaveLength(1);
    expect(await store.claimSlot('s1', slot)).toBe(false);
    expect(await store.claimSlot('s1', '2026-01-01T09:00:00.000Z')).toBe(false);
    // Saving an older copy of the record does not give the slot back.
    await store.putSchedule({ ...schedule, lastError: 'Missing Access' });
    const [saved] = await store.listSchedules();
    expect(saved.lastSlot).toBe(slot);
    expect(saved.lastError).toBe('Missing Access');
    expect(await store.claimSlot('s1', '2026-01-03T09:00:00.000Z')).toBe(true);
  });

  it('keeps the change log newest first', async () => {
    const store = await new PgDeskStore(db).open(WS);
    for (const target of ['one', 'two', 'three']) await store.appendChange({ at: new Date().toISOString(), workspace: WS, actor, action: 'article.add', target });
    expect((await store.recentChanges(2)).map((c) => c.target)).toEqual(['three', 'two']);
  });
});
