/**
 * The workspace manager: one LiveNewsdesk per workspace, loaded on first use and unloaded when idle, so hundreds of
 * small server desks fit in bounded memory. In `shared` mode every server uses the one `shared` workspace (the
 * corpus folder, as before); in `guild` mode each server has its own, and nothing crosses between them.
 *
 *   const manager = new WorkspaceManager({ mode: 'guild', store: new FolderDeskStore(corpusDir) });
 *   const ws = await manager.open(manager.workspaceFor(interaction.guildId));
 *   ws.desk.answer({ command: 'ask', query: '…' });
 */
import { UserInputError } from '../answers/types.ts';
import type { Newsdesk } from '../newsdesk.ts';
import { LiveNewsdesk, type LiveOptions } from '../pipeline/live.ts';
import { SHARED_WORKSPACE, type DeskStore, type WorkspaceStore } from './store.ts';

/**
 * A workspace store whose articles are files in a local folder (what the corpus reader and its watcher need): the
 * embedded FolderWorkspaceStore, or any store that keeps a local copy of its articles.
 */
export interface LocalWorkspaceStore extends WorkspaceStore {
  /** The folder the workspace's articles are read from. */
  readonly dir: string;
  /** Its own index cache folder. */
  readonly cacheDir: string;
}

export interface LocalDeskStore extends DeskStore {
  open(workspace: string): Promise<LocalWorkspaceStore>;
}

function isLocal(store: WorkspaceStore): store is LocalWorkspaceStore {
  return typeof (store as LocalWorkspaceStore).dir === 'string' && typeof (store as LocalWorkspaceStore).cacheDir === 'string';
}

export type WorkspaceMode = 'shared' | 'guild';

/** One loaded workspace: its store and its live index. */
export class Workspace {
  lastUsed: number;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly store: WorkspaceStore,
    readonly live: LiveNewsdesk,
    now: number,
  ) {
    this.lastUsed = now;
  }

  /** The Newsdesk answering now. */
  get desk(): Newsdesk {
    return this.live.desk;
  }

  /** Re-indexes now (after an add or a remove) rather than waiting for the folder watcher; resolves with the new desk. */
  async refresh(): Promise<Newsdesk> {
    await this.live.refresh();
    return this.live.desk;
  }

  /**
   * Runs changes to this workspace one at a time (an add checks for duplicates against the index, writes, then
   * re-indexes: two adds of the same page at once must not both pass the check).
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export interface ManagerOptions {
  mode: WorkspaceMode;
  /** The folders (FolderDeskStore), or PostgreSQL (src/pg/desk-store.ts) with `openLive`. */
  store: DeskStore;
  /**
   * Opens a workspace's live index (default: over the workspace's folder, for a FolderDeskStore). The PostgreSQL
   * store gives one built from the database that follows other processes' changes.
   */
  openLive?: (id: string, store: WorkspaceStore, live: Omit<LiveOptions, 'corpusDir' | 'cacheDir'>) => Promise<LiveNewsdesk>;
  /** Unload a (guild) workspace unused this long (default 15 minutes). */
  idleMs?: number;
  /** Keep at most this many guild workspaces loaded; the least recently used goes first (default 50). */
  maxLoaded?: number;
  /** The shared workspace's cache folder (default: NEWSDESK_CACHE_DIR or `.cache/`; false for none). Guild workspaces cache in their own folder. */
  sharedCacheDir?: string | false;
  /** Passed to every LiveNewsdesk (debounce, polling, watch, extract, callbacks). */
  live?: Omit<LiveOptions, 'corpusDir' | 'cacheDir'>;
  /** Per-workspace caches off (tests). */
  noCache?: boolean;
  now?: () => number;
  /** Told when a workspace is loaded or unloaded (for the log). */
  onEvent?: (event: { kind: 'loaded' | 'unloaded'; workspace: string; ms?: number; reason?: string }) => void;
}

export class WorkspaceManager {
  readonly mode: WorkspaceMode;
  readonly store: DeskStore;
  private readonly loadedSet = new Map<string, Workspace>();
  private readonly loading = new Map<string, Promise<Workspace>>();
  private readonly failures = new Map<string, Error>();
  private readonly idleMs: number;
  private readonly maxLoaded: number;
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: ManagerOptions) {
    this.mode = options.mode;
    this.store = options.store;
    this.idleMs = options.idleMs ?? 15 * 60_000;
    this.maxLoaded = options.maxLoaded ?? 50;
    this.now = options.now ?? Date.now;
    if (this.mode === 'guild') {
      this.sweeper = setInterval(() => void this.sweep(), Math.max(1000, Math.min(60_000, this.idleMs / 2)));
      this.sweeper.unref?.();
    }
  }

  /**
   * The workspace of an interaction's server: `shared` in shared mode; the server's own in guild mode (where a
   * command outside a server has no desk to answer from).
   */
  workspaceFor(guildId: string | null | undefined): string {
    if (this.mode === 'shared') return SHARED_WORKSPACE;
    if (!guildId) throw new UserInputError('newsdesk answers inside a server: each server has its own desk. Use the command in a server channel.');
    return guildId;
  }

  /** The workspace if it is loaded now (and marks it used), without loading it. */
  loaded(id: string): Workspace | undefined {
    const ws = this.loadedSet.get(id);
    if (ws) this.touch(ws);
    return ws;
  }

  /** Why the last load of `id` failed, if it did. */
  failure(id: string): Error | undefined {
    return this.failures.get(id);
  }

  /** The ids of the workspaces in memory now. */
  loadedIds(): string[] {
    return [...this.loadedSet.keys()];
  }

  /** The workspace, loading it (once, however many ask at the same time) when it is not in memory. */
  open(id: string): Promise<Workspace> {
    if (this.closed) return Promise.reject(new Error('The workspace manager is closed.'));
    const ws = this.loaded(id);
    if (ws) return Promise.resolve(ws);
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  private async load(id: string): Promise<Workspace> {
    const started = this.now();
    try {
      const store = await this.store.open(id);
      const live = this.options.openLive ? await this.options.openLive(id, store, this.options.live ?? {}) : await this.openFolder(id, store);
      const ws = new Workspace(id, store, live, this.now());
      if (this.closed) {
        await live.close();
        throw new Error('The workspace manager is closed.');
      }
      this.loadedSet.set(id, ws);
      this.failures.delete(id);
      this.options.onEvent?.({ kind: 'loaded', workspace: id, ms: this.now() - started });
      await this.evictOverflow();
      return ws;
    } catch (error) {
      this.failures.set(id, error as Error);
      throw error;
    }
  }

  private openFolder(id: string, store: WorkspaceStore): Promise<LiveNewsdesk> {
    if (!isLocal(store)) throw new Error('newsdesk: a workspace store without a local folder needs `openLive`');
    const cacheDir = this.options.noCache ? false : id === SHARED_WORKSPACE ? this.options.sharedCacheDir : store.cacheDir;
    return LiveNewsdesk.open({ ...this.options.live, corpusDir: store.dir, ...(cacheDir !== undefined ? { cacheDir } : {}) });
  }

  private touch(ws: Workspace): void {
    ws.lastUsed = this.now();
    // Map order is the LRU order: most recently used last.
    this.loadedSet.delete(ws.id);
    this.loadedSet.set(ws.id, ws);
  }

  private evictable(ws: Workspace): boolean {
    return !(this.mode === 'shared' && ws.id === SHARED_WORKSPACE);
  }

  private async unload(ws: Workspace, reason: string): Promise<void> {
    if (this.loadedSet.get(ws.id) !== ws) return;
    this.loadedSet.delete(ws.id);
    // A change in progress finishes first (its refresh would otherwise run on a closed host).
    await ws.exclusive(() => ws.live.close());
    this.options.onEvent?.({ kind: 'unloaded', workspace: ws.id, reason });
  }

  private async evictOverflow(): Promise<void> {
    const candidates = [...this.loadedSet.values()].filter((w) => this.evictable(w));
    for (let i = 0; candidates.length - i > this.maxLoaded; i++) await this.unload(candidates[i]!, 'too many loaded');
  }

  /** Unloads the workspaces idle for longer than the idle time; returns how many. */
  async sweep(): Promise<number> {
    const limit = this.now() - this.idleMs;
    const idle = [...this.loadedSet.values()].filter((w) => this.evictable(w) && w.lastUsed <= limit);
    for (const ws of idle) await this.unload(ws, 'idle');
    return idle.length;
  }

  /** Unloads everything (waiting for loads and changes in progress). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled([...this.loading.values()]);
    await Promise.allSettled([...this.loadedSet.values()].map((w) => this.unload(w, 'closing')));
  }
}
