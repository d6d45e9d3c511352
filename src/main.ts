/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the corpus folder. */
import path from 'node:path';
import { loadDotenv } from './env.ts';
import { parseArgs } from 'node:util';
import { runConsole } from './console.ts';
import { FolderDeskStore } from './desk/folder-store.ts';
import { WorkspaceManager } from './desk/workspaces.ts';
import { SHARED_WORKSPACE } from './desk/store.ts';

loadDotenv();

if (process.env.DISCORD_TOKEN) {
  const { loadConfig } = await import('./bot/config.ts');
  const { startBot } = await import('./bot/client.ts');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  // One live desk per workspace (the shared corpus, or each server's own in guild mode): each re-indexes when its
  // files change and keeps serving the old answers meanwhile.
  const { settings } = await import('./config.ts');
  const s = settings();
  let log: ((level: 'info' | 'error', fields: object, message: string) => void) | undefined;
  const manager = new WorkspaceManager({
    mode: s.workspaces,
    store: new FolderDeskStore(config.corpusDir),
    idleMs: s.workspaceIdleMs,
    maxLoaded: s.maxLoadedWorkspaces,
    ...(s.cacheDir ? { sharedCacheDir: s.cacheDir } : {}),
    live: {
      onUpdate: (desk) => log?.('info', { articles: desk.ctx.corpus.articles.length, warnings: desk.ctx.corpus.warnings.length }, 'corpus re-indexed'),
      onError: (error) => log?.('error', { err: error }, 'corpus re-index failed; still answering from the previous index'),
    },
    onEvent: (event) => log?.('info', event, `workspace ${event.kind}`),
  });
  const handle = await startBot(config, manager, {
    // Feeds polled and briefings posted for every workspace (the shared one, or each server's in guild mode).
    tasks: {
      workspaces: manager,
      fetch: { allowPrivate: s.allowPrivateUrls, timeoutMs: s.fetchTimeoutMs, maxBytes: s.maxFileBytes },
      feedIntervalMs: s.feedIntervalMs,
      timezone: s.timezone,
    },
  });
  log = (level, fields, message) => handle.logger[level](fields, message);
  handle.logger.info({ workspaces: s.workspaces, corpusDir: config.corpusDir }, 'desks ready');
  if (s.workspaces === 'shared') {
    manager.open('shared').then(
      (ws) => handle.logger.info({ articles: ws.desk.ctx.corpus.articles.length, warnings: ws.desk.ctx.corpus.warnings.length }, 'corpus loaded'),
      (error: unknown) => handle.logger.error({ err: error, corpusDir: config.corpusDir }, 'the corpus failed to load; commands will say so'),
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    handle.logger.info({ signal }, 'shutting down: finishing answers in flight');
    handle
      .stop()
      .then(() => manager.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} else {
  // The console, on one workspace: `npm start -- --workspace <server id>` (default: the shared corpus).
  const { values } = parseArgs({ options: { workspace: { type: 'string' } }, strict: false });
  const workspace = typeof values.workspace === 'string' ? values.workspace : SHARED_WORKSPACE;
  const corpusDir = path.resolve(process.env.CORPUS_DIR || 'corpus');
  // The one workspace of a console session stays loaded for the whole session.
  const manager = new WorkspaceManager({ mode: workspace === SHARED_WORKSPACE ? 'shared' : 'guild', store: new FolderDeskStore(corpusDir), idleMs: Infinity });
  const ws = manager.open(workspace);
  ws.then(
    (w) => {
      for (const warning of w.desk.ctx.corpus.warnings) process.stderr.write(`warning: ${warning.file}: ${warning.message}\n`);
    },
    (error: Error) => {
      process.stderr.write(`Cannot read the corpus folder ${corpusDir} (workspace ${workspace}): ${error.message}\n`);
      process.exit(1);
    },
  );
  await runConsole(ws, { workspace: ws });
  await manager.close();
}
