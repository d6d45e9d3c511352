/**
 * An in-memory WorkspaceStore for unit tests of the feed poller and the scheduler: the same contract as the
 * embedded store (claimSlot takes a slot once; a later slot supersedes), nothing on disk. Several MemoryStores can
 * share one `MemoryState` to play "a new process over the same store".
 */
import type { ArticleFileInfo, ChangeEntry, FeedRecord, ScheduleRecord, WorkspaceStore } from '../../src/desk/store.ts';

export interface MemoryState {
  articles: Map<string, Buffer>;
  feeds: Map<string, FeedRecord>;
  schedules: Map<string, ScheduleRecord>;
  changes: ChangeEntry[];
}

export function memoryState(): MemoryState {
  return { articles: new Map(), feeds: new Map(), schedules: new Map(), changes: [] };
}

const copy = <T>(x: T): T => structuredClone(x);

export class MemoryStore implements WorkspaceStore {
  constructor(
    readonly workspace: string,
    readonly state: MemoryState = memoryState(),
  ) {}

  async listArticles(): Promise<ArticleFileInfo[]> {
    return [...this.state.articles].map(([name, b]) => ({ name, hash: String(b.length), size: b.length, modified: new Date(0).toISOString() }));
  }
  async readArticle(name: string): Promise<Buffer> {
    const b = this.state.articles.get(name);
    if (!b) throw new Error(`no article ${name}`);
    return b;
  }
  async writeArticle(name: string, content: string | Buffer): Promise<void> {
    if (this.state.articles.has(name)) throw new Error(`${name} exists`);
    this.state.articles.set(name, Buffer.from(content));
  }
  async trashArticle(name: string): Promise<void> {
    this.state.articles.delete(name);
  }
  async restoreArticle(): Promise<void> {}
  async listTrash(): Promise<ArticleFileInfo[]> {
    return [];
  }
  async readTrashed(name: string): Promise<Buffer> {
    throw new Error(`no trashed article ${name}`);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return [...this.state.feeds.values()].map(copy);
  }
  async putFeed(feed: FeedRecord): Promise<void> {
    this.state.feeds.set(feed.id, copy(feed));
  }
  async removeFeed(id: string): Promise<boolean> {
    return this.state.feeds.delete(id);
  }

  async listSchedules(): Promise<ScheduleRecord[]> {
    return [...this.state.schedules.values()].map(copy);
  }
  async putSchedule(schedule: ScheduleRecord): Promise<void> {
    this.state.schedules.set(schedule.id, copy(schedule));
  }
  async removeSchedule(id: string): Promise<boolean> {
    return this.state.schedules.delete(id);
  }
  async claimSlot(scheduleId: string, slot: string): Promise<boolean> {
    const s = this.state.schedules.get(scheduleId);
    if (!s || (s.lastSlot && s.lastSlot >= slot)) return false;
    s.lastSlot = slot;
    return true;
  }

  async appendChange(entry: ChangeEntry): Promise<void> {
    this.state.changes.push(copy(entry));
  }
  async recentChanges(limit: number): Promise<ChangeEntry[]> {
    return this.state.changes.slice(-limit).reverse();
  }
}
