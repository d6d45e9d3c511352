/**
 * The workspaces a bot process answers from, by configuration: the folders under CORPUS_DIR (no DATABASE_URL: the
 * embedded default), or PostgreSQL (DATABASE_URL: every process on every machine sees the same desks, each builds
 * its index from the database's segments and follows the others' changes by LISTEN/NOTIFY).
 */
import type { Settings } from '../config.ts';
import type { LiveOptions } from '../pipeline/live.ts';
import { FolderDeskStore } from './folder-store.ts';
import { WorkspaceManager, type ManagerOptions } from './workspaces.ts';

export interface OpenedWorkspaces {
  manager: WorkspaceManager;
  /** Whether the desks are in PostgreSQL. */
  shared: boolean;
  close(): Promise<void>;
}

export interface OpenWorkspacesOptions {
  live?: Omit<LiveOptions, 'corpusDir' | 'cacheDir'>;
  onEvent?: ManagerOptions['onEvent'];
  /** Overrides NEWSDESK_WORKSPACES and the idle time (the console keeps its one workspace loaded). */
  mode?: ManagerOptions['mode'];
  idleMs?: number;
  /** Problems of the database connection (logged; the connection is retried). */
  onDatabaseError?: (error: Error) => void;
}

export async function openWorkspaces(config: Settings, options: OpenWorkspacesOptions = {}): Promise<OpenedWorkspaces> {
  const common = {
    mode: options.mode ?? config.workspaces,
    idleMs: options.idleMs ?? config.workspaceIdleMs,
    maxLoaded: config.maxLoadedWorkspaces,
    live: options.live,
    onEvent: options.onEvent,
  };
  if (!config.databaseUrl) {
    const manager = new WorkspaceManager({ ...common, store: new FolderDeskStore(config.corpusDir), ...(config.cacheDir ? { sharedCacheDir: config.cacheDir } : {}) });
    return { manager, shared: false, close: () => manager.close() };
  }
  // Loaded only with a database: the embedded default needs no PostgreSQL client.
  const { openDatabase } = await import('../pg/database.ts');
  const { PgDeskStore } = await import('../pg/desk-store.ts');
  const { ChangeListener } = await import('../pg/listen.ts');
  const { openWorkspaceDesk } = await import('../pg/live.ts');
  const db = await openDatabase(config.databaseUrl, { onError: options.onDatabaseError });
  const listener = await ChangeListener.start(config.databaseUrl, options.onDatabaseError);
  const manager = new WorkspaceManager({
    ...common,
    store: new PgDeskStore(db),
    openLive: (id, _store, live) => openWorkspaceDesk(db, listener, id, live),
  });
  return {
    manager,
    shared: true,
    async close() {
      await manager.close();
      await listener.close();
      await db.close();
    },
  };
}
