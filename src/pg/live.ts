/**
 * A workspace of the database as a live Newsdesk: built from the database's segments and extractions (a new process
 * rebuilds nothing that another one built), and rebuilt incrementally when any process notifies a change of it.
 */
import { LiveNewsdesk, type LiveOptions } from '../pipeline/live.ts';
import type { Database } from './database.ts';
import { PgIndexCache } from './index-cache.ts';
import type { ChangeListener } from './listen.ts';
import { workspaceCorpusId, workspaceSource } from './source.ts';

export type PgLiveOptions = Pick<LiveOptions, 'onUpdate' | 'onError' | 'onSearchable' | 'extract'>;

export async function openWorkspaceDesk(db: Database, listener: ChangeListener, workspace: string, options: PgLiveOptions = {}): Promise<LiveNewsdesk> {
  return LiveNewsdesk.open({
    ...options,
    corpusDir: workspaceCorpusId(workspace),
    source: workspaceSource(db, workspace),
    cache: new PgIndexCache(db),
    watch: false,
    subscribe: (changed) => listener.on(workspace, changed),
  });
}
