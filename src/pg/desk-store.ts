/**
 * The workspace store in PostgreSQL (`DATABASE_URL`): the same interface as the embedded folder store
 * (src/desk/store.ts), shared by every process on every machine. Article writes, trash and restore notify
 * `newsdesk_articles` (payload: the workspace id) in the same transaction, so every process re-indexes on commit.
 */
import { hashOf } from '../corpus/article.ts';
import {
  isWorkspaceId,
  type ArticleFileInfo,
  type ChangeEntry,
  type DeskStore,
  type FeedRecord,
  type ScheduleRecord,
  type WorkspaceStore,
} from '../desk/store.ts';
import { inTransaction, type Database } from './database.ts';
import { keepExtraction } from './extraction.ts';
import { PgIndexCache } from './index-cache.ts';

/** The LISTEN/NOTIFY channel of article changes; the payload is the workspace id. */
export const ARTICLES_CHANNEL = 'newsdesk_articles';

/** An article name already taken in a workspace. */
export class ArticleExistsError extends Error {
  constructor(readonly workspace: string, readonly name: string) {
    super(`newsdesk: an article named "${name}" already exists`);
    this.name = 'ArticleExistsError';
  }
}

export class PgDeskStore implements DeskStore {
  private readonly known = new Set<string>();
  constructor(readonly db: Database) {}

  async open(workspace: string): Promise<PgWorkspaceStore> {
    if (!isWorkspaceId(workspace)) throw new Error(`newsdesk: "${workspace.slice(0, 40)}" is not a workspace id`);
    if (!this.known.has(workspace)) {
      await this.db.pool.query('INSERT INTO workspaces (id) VALUES ($1) ON CONFLICT DO NOTHING', [workspace]);
      this.known.add(workspace);
    }
    return new PgWorkspaceStore(this.db, workspace);
  }

  async list(): Promise<string[]> {
    return (await this.db.pool.query<{ id: string }>('SELECT id FROM workspaces ORDER BY id')).rows.map((r) => r.id);
  }

  async close(): Promise<void> {
    // The pool belongs to whoever opened the database.
  }
}

interface ArticleRow {
  name: string;
  hash: string;
  size: number;
  modified: Date;
}

export class PgWorkspaceStore implements WorkspaceStore {
  private readonly cache: PgIndexCache;
  constructor(
    private readonly db: Database,
    readonly workspace: string,
  ) {
    this.cache = new PgIndexCache(db);
  }

  private get pool() {
    return this.db.pool;
  }

  async listArticles(): Promise<ArticleFileInfo[]> {
    const { rows } = await this.pool.query<ArticleRow>(
      'SELECT name, hash, size, modified FROM articles WHERE workspace = $1 AND trashed_at IS NULL ORDER BY name',
      [this.workspace],
    );
    return rows.map((r) => ({ name: r.name, hash: r.hash, size: r.size, modified: r.modified.toISOString() }));
  }

  async readArticle(name: string): Promise<Buffer> {
    const { rows } = await this.pool.query<{ content: Buffer }>(
      'SELECT content FROM articles WHERE workspace = $1 AND name = $2 AND trashed_at IS NULL',
      [this.workspace, name],
    );
    if (!rows.length) throw new Error(`newsdesk: no article named "${name}"`);
    return rows[0].content;
  }

  async writeArticle(name: string, content: string | Buffer): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    // The extraction first: the processes notified of the article then find it ready rather than each redo it.
    await keepExtraction(this.cache, name, bytes);
    const written = await insertArticle(this.db, this.workspace, name, bytes);
    if (written !== 'inserted') throw new ArticleExistsError(this.workspace, name);
  }

  async trashArticle(name: string): Promise<void> {
    await this.moveArticle(name, 'UPDATE articles SET trashed_at = now(), modified = clock_timestamp() WHERE workspace = $1 AND name = $2 AND trashed_at IS NULL');
  }

  async restoreArticle(name: string): Promise<void> {
    await this.moveArticle(name, 'UPDATE articles SET trashed_at = NULL, modified = clock_timestamp() WHERE workspace = $1 AND name = $2 AND trashed_at IS NOT NULL');
  }

  private async moveArticle(name: string, sql: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(sql, [this.workspace, name]);
      if (!rowCount) throw new Error(`newsdesk: no article named "${name}" to move`);
      await client.query('SELECT pg_notify($1, $2)', [ARTICLES_CHANNEL, this.workspace]);
    });
  }

  async listTrash(): Promise<ArticleFileInfo[]> {
    const { rows } = await this.pool.query<ArticleRow>(
      'SELECT name, hash, size, modified FROM articles WHERE workspace = $1 AND trashed_at IS NOT NULL ORDER BY name',
      [this.workspace],
    );
    return rows.map((r) => ({ name: r.name, hash: r.hash, size: r.size, modified: r.modified.toISOString() }));
  }

  async readTrashed(name: string): Promise<Buffer> {
    const { rows } = await this.pool.query<{ content: Buffer }>(
      'SELECT content FROM articles WHERE workspace = $1 AND name = $2 AND trashed_at IS NOT NULL',
      [this.workspace, name],
    );
    if (!rows.length) throw new Error(`newsdesk: no article named "${name}" in the trash`);
    return rows[0].content;
  }

  async listFeeds(): Promise<FeedRecord[]> {
    const { rows } = await this.pool.query<{ data: FeedRecord }>('SELECT data FROM feeds WHERE workspace = $1 ORDER BY id', [this.workspace]);
    return rows.map((r) => r.data);
  }

  async putFeed(feed: FeedRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO feeds (workspace, id, data) VALUES ($1, $2, $3) ON CONFLICT (workspace, id) DO UPDATE SET data = EXCLUDED.data',
      [this.workspace, feed.id, JSON.stringify(feed)],
    );
  }

  async removeFeed(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM feeds WHERE workspace = $1 AND id = $2', [this.workspace, id])).rowCount ?? 0) > 0;
  }

  async listSchedules(): Promise<ScheduleRecord[]> {
    const { rows } = await this.pool.query<{ data: ScheduleRecord; last_slot: Date | null }>(
      'SELECT data, last_slot FROM schedules WHERE workspace = $1 ORDER BY id',
      [this.workspace],
    );
    return rows.map((r) => ({ ...r.data, lastSlot: r.last_slot ? r.last_slot.toISOString() : null }));
  }

  async putSchedule(schedule: ScheduleRecord): Promise<void> {
    // A slot once claimed stays claimed: an older copy of the record never moves `last_slot` back.
    await this.pool.query(
      `INSERT INTO schedules (workspace, id, data, last_slot) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace, id) DO UPDATE SET data = EXCLUDED.data,
         last_slot = GREATEST(schedules.last_slot, EXCLUDED.last_slot)`,
      [this.workspace, schedule.id, JSON.stringify(schedule), schedule.lastSlot],
    );
  }

  async removeSchedule(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM schedules WHERE workspace = $1 AND id = $2', [this.workspace, id])).rowCount ?? 0) > 0;
  }

  async claimSlot(scheduleId: string, slot: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE schedules SET last_slot = $3
       WHERE workspace = $1 AND id = $2 AND (last_slot IS NULL OR last_slot < $3)
       RETURNING id`,
      [this.workspace, scheduleId, slot],
    );
    return (rowCount ?? 0) > 0;
  }

  async appendChange(entry: ChangeEntry): Promise<void> {
    await this.pool.query('INSERT INTO changes (workspace, at, data) VALUES ($1, $2, $3)', [this.workspace, entry.at, JSON.stringify(entry)]);
  }

  async recentChanges(limit: number): Promise<ChangeEntry[]> {
    const { rows } = await this.pool.query<{ data: ChangeEntry }>(
      'SELECT data FROM changes WHERE workspace = $1 ORDER BY id DESC LIMIT $2',
      [this.workspace, Math.max(0, Math.floor(limit))],
    );
    return rows.map((r) => r.data);
  }
}

/**
 * Stores an article once: `inserted`, or `duplicate` when the workspace holds the same content already (under any
 * name), or `taken` when the name holds other content. Notifies the workspace's listeners on insert. Idempotent, so a
 * job that runs again after a crash writes nothing twice.
 */
export async function insertArticle(db: Database, workspace: string, name: string, bytes: Buffer): Promise<'inserted' | 'duplicate' | 'taken'> {
  await db.pool.query('INSERT INTO workspaces (id) VALUES ($1) ON CONFLICT DO NOTHING', [workspace]);
  const hash = hashOf(bytes);
  return inTransaction(db.pool, async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO articles (workspace, name, hash, content, size) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [workspace, name, hash, bytes, bytes.length],
    );
    if (rowCount) {
      await client.query('SELECT pg_notify($1, $2)', [ARTICLES_CHANNEL, workspace]);
      return 'inserted';
    }
    const same = await client.query('SELECT 1 FROM articles WHERE workspace = $1 AND hash = $2 AND trashed_at IS NULL', [workspace, hash]);
    return same.rowCount ? 'duplicate' : 'taken';
  });
}
