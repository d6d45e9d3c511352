/**
 * Workspaces of the database as live Newsdesks: a second "process" (its own pool and listener) answers an article
 * added through the first, by NOTIFY; a new process starts from the segments and extractions another one built.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LiveNewsdesk } from '../../src/pipeline/live.ts';
import { openDatabase, type Database } from '../../src/pg/database.ts';
import { PgDeskStore } from '../../src/pg/desk-store.ts';
import { ChangeListener } from '../../src/pg/listen.ts';
import { openWorkspaceDesk } from '../../src/pg/live.ts';
import { newsArticle } from '../helpers/news.ts';
import { describePg, useFreshDatabase } from '../helpers/postgres.ts';

const WS = 'shared';
const cited = (live: LiveNewsdesk, query: string) => [...new Set(live.desk.answer({ command: 'ask', query }).items.map((i) => i.citation.article))];

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describePg('live workspaces over PostgreSQL', () => {
  const fresh = useFreshDatabase();
  const open: Array<{ close(): Promise<void> }> = [];
  async function process(): Promise<{ db: Database; listener: ChangeListener }> {
    const db = await openDatabase(fresh.url);
    const listener = await ChangeListener.start(fresh.url);
    open.push(listener, db);
    return { db, listener };
  }
  afterAll(async () => {
    for (const o of open.reverse()) await o.close();
  });

  let first: { db: Database; listener: ChangeListener };
  beforeAll(async () => {
    first = await process();
    const store = await new PgDeskStore(first.db).open(WS);
    await store.writeArticle('ferry.txt', newsArticle('ferry'));
  });

  it('answers from the database, and an article added by one process is answered by another', async () => {
    const a = await openWorkspaceDesk(first.db, first.listener, WS);
    const second = await process();
    const b = await openWorkspaceDesk(second.db, second.listener, WS);
    open.push(a, b);
    expect(cited(a, 'ferry plans')).toEqual(['ferry']);
    expect(cited(b, 'ferry plans')).toEqual(['ferry']);

    await (await new PgDeskStore(second.db).open(WS)).writeArticle('tunnel.txt', newsArticle('tunnel', 'Jonas Berg'));
    await until(() => cited(a, 'tunnel plans').includes('tunnel') && cited(b, 'tunnel plans').includes('tunnel'));
    const quotes = b.desk.answer({ command: 'quote', query: 'Jonas Berg' }).items;
    expect(quotes.map((q) => q.citation.article)).toContain('tunnel');

    await (await new PgDeskStore(first.db).open(WS)).trashArticle('tunnel.txt');
    await until(() => !cited(b, 'tunnel plans').includes('tunnel'));
  });

  it('a new process starts from the segments and extractions in the database, rebuilding nothing', async () => {
    const third = await process();
    const c = await openWorkspaceDesk(third.db, third.listener, WS);
    open.push(c);
    expect(c.indexed.stats.extracted).toBe(0);
    expect(c.indexed.stats.segmentsBuilt).toBe(0);
    expect(c.indexed.stats.segmentsLoaded).toBeGreaterThan(0);
    expect(cited(c, 'ferry plans')).toEqual(['ferry']);
  });
});

describePg('pruning the index cache in PostgreSQL', () => {
  const fresh = useFreshDatabase();
  it('removes old segments no manifest lists, and keeps the listed ones', async () => {
    const { pruneIndexCache } = await import('../../src/pg/index-cache.ts');
    const db = await openDatabase(fresh.url);
    try {
      await db.pool.query(`INSERT INTO segments (key, data, created_at) VALUES ('listed', '\\x00', now() - interval '3 days'), ('orphan', '\\x00', now() - interval '3 days'), ('young', '\\x00', now())`);
      await db.pool.query(`INSERT INTO manifests (corpus, version, data) VALUES ('pg:shared', 'v', convert_to('{"segments":["listed"]}', 'UTF8'))`);
      expect(await pruneIndexCache(db, 24, 'v')).toBe(1);
      const { rows } = await db.pool.query('SELECT key FROM segments ORDER BY key');
      expect(rows.map((r) => r.key)).toEqual(['listed', 'young']);
    } finally {
      await db.close();
    }
  });
});
