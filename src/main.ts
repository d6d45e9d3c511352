/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the corpus folder. */
import { parseArgs } from 'node:util';
import { loadDotenv } from './env.ts';
import { settings } from './config.ts';
import { closeSharedPool } from './pipeline/pool.ts';
import { runConsole } from './console.ts';
import { FolderDeskStore } from './desk/folder-store.ts';
import { WorkspaceManager } from './desk/workspaces.ts';
import { SHARED_WORKSPACE } from './desk/store.ts';

loadDotenv();

/** Longest a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

if (process.env.DISCORD_TOKEN) {
  const { loadConfig } = await import('./bot/config.ts');
  const { startBot } = await import('./bot/client.ts');
  const { createLogger } = await import('./bot/logger.ts');
  const { installProcessGuards } = await import('./bot/guard.ts');
  let config;
  let s;
  try {
    config = loadConfig();
    s = settings();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  let handle: Awaited<ReturnType<typeof startBot>> | undefined;
  // One live desk per workspace (the shared corpus, or each server's own in guild mode): each re-indexes when its
  // files change and keeps serving the old answers meanwhile.
  const manager = new WorkspaceManager({
    mode: s.workspaces,
    store: new FolderDeskStore(config.corpusDir),
    idleMs: s.workspaceIdleMs,
    maxLoaded: s.maxLoadedWorkspaces,
    ...(s.cacheDir ? { sharedCacheDir: s.cacheDir } : {}),
    live: {
      onRebuild: () => logger.info('rebuilding the index from the corpus folder; the previous index keeps answering'),
      onUpdate: (desk) => logger.info({ articles: desk.ctx.corpus.articles.length, warnings: desk.ctx.corpus.warnings.length }, 'corpus re-indexed'),
      onWarning: (w) => logger.warn({ file: w.file, reason: w.message }, 'file skipped or read with a problem'),
      onError: (error) => logger.error({ err: error }, 'corpus re-index failed; still answering from the previous index'),
    },
    onEvent: (event) => logger.info(event, `workspace ${event.kind}`),
  });
  let stopping = false;
  // Stops taking interactions, finishes the answers in flight and abandons a re-index at once (its workers stop).
  const shutdown = (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down: finishing answers in flight');
    setTimeout(() => {
      logger.error({ reason }, 'shutdown took too long; exiting now');
      process.exit(code || 1);
    }, SHUTDOWN_LIMIT_MS).unref();
    Promise.all([handle?.stop(), manager.close(), closeSharedPool()]).then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  installProcessGuards({ logger, restart: (reason) => shutdown(reason, 1) });
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  handle = await startBot(config, manager, {
    logger,
    // Feeds polled and briefings posted for every workspace (the shared one, or each server's in guild mode).
    tasks: {
      workspaces: manager,
      fetch: { allowPrivate: s.allowPrivateUrls, timeoutMs: s.fetchTimeoutMs, maxBytes: s.maxFileBytes },
      feedIntervalMs: s.feedIntervalMs,
      timezone: s.timezone,
    },
  });
  logger.info({ workspaces: s.workspaces, corpusDir: config.corpusDir }, 'desks ready');
  if (s.workspaces === 'shared') {
    manager.open(SHARED_WORKSPACE).then(
      (ws) => logger.info({ articles: ws.desk.ctx.corpus.articles.length, warnings: ws.desk.ctx.corpus.warnings.length }, 'corpus loaded'),
      (error: unknown) => logger.error({ err: error, corpusDir: config.corpusDir }, 'the corpus failed to load; commands will say so'),
    );
  }
  if (stopping) void handle.stop();
} else {
  // The console, on one workspace: `npm start -- --workspace <server id>` (default: the shared corpus).
  const { values } = parseArgs({ options: { workspace: { type: 'string' } }, strict: false });
  const workspace = typeof values.workspace === 'string' ? values.workspace : SHARED_WORKSPACE;
  const corpusDir = settings().corpusDir;
  // The one workspace of a console session stays loaded for the whole session.
  const manager = new WorkspaceManager({
    mode: workspace === SHARED_WORKSPACE ? 'shared' : 'guild',
    store: new FolderDeskStore(corpusDir),
    idleMs: Infinity,
    live: { onWarning: (w) => process.stderr.write(`warning: ${w.file}: ${w.message}\n`) },
  });
  const ws = manager.open(workspace);
  ws.catch((error: Error) => {
    process.stderr.write(`Cannot read the corpus folder ${corpusDir} (workspace ${workspace}): ${error.message}\n`);
    process.exit(1);
  });
  await runConsole(ws, { workspace: ws });
  await manager.close();
  await closeSharedPool();
}
