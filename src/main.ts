/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set (over PostgreSQL's desks when DATABASE_URL is set; sharded
 * over processes when Discord recommends more than one shard or NEWSDESK_SHARDS says so), otherwise the local
 * console on the corpus folder.
 */
import { parseArgs } from 'node:util';
import { loadDotenv } from './env.ts';
import { settings } from './config.ts';
import { closeSharedPool } from './pipeline/pool.ts';
import { runConsole } from './console.ts';
import { openWorkspaces } from './desk/open-workspaces.ts';
import { SHARED_WORKSPACE } from './desk/store.ts';
import type { Newsdesk } from './newsdesk.ts';
import { fileURLToPath } from 'node:url';

loadDotenv();

/** Longest a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

if (process.env.DISCORD_TOKEN) {
  const { loadConfig } = await import('./bot/config.ts');
  const { startBot } = await import('./bot/client.ts');
  const { createLogger } = await import('./bot/logger.ts');
  const { isShardChild, recommendedShards, spawnShards } = await import('./bot/shards.ts');
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
  const shardCount = isShardChild() ? 1 : s.shards === 'auto' ? await recommendedShards(config.apiUrl, config.token).catch(() => 1) : s.shards;
  if (shardCount > 1) {
    // This process only manages the shard processes (each runs this entry as a whole bot for its shard).
    const shards = await spawnShards(fileURLToPath(import.meta.url), config.token, shardCount, logger);
    const stopAll = () => {
      for (const shard of shards.shards.values()) shard.kill();
      process.exit(0);
    };
    process.on('SIGINT', stopAll);
    process.on('SIGTERM', stopAll);
  } else {
    let handle: Awaited<ReturnType<typeof startBot>> | undefined;
    // One live desk per workspace (the shared corpus, or each server's own in guild mode): each re-indexes when its
    // articles change (files on this disk, or PostgreSQL's when DATABASE_URL is set: every process sees the same)
    // and keeps serving the old answers meanwhile.
    const desks = await openWorkspaces(s, {
      live: {
        onRebuild: () => logger.info('rebuilding the index from the corpus; the previous index keeps answering'),
        onUpdate: (desk: Newsdesk) => logger.info({ articles: desk.ctx.corpus.articles.length, warnings: desk.ctx.corpus.warnings.length }, 'corpus re-indexed'),
        onWarning: (w) => logger.warn({ file: w.file, reason: w.message }, 'file skipped or read with a problem'),
        onError: (error: Error) => logger.error({ err: error }, 'corpus re-index failed; still answering from the previous index'),
      },
      onEvent: (event) => logger.info(event, `workspace ${event.kind}`),
      onDatabaseError: (err) => logger.warn({ err }, 'database connection problem; retrying'),
    }).catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
    const manager = desks.manager;
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
      Promise.resolve(handle?.stop())
        .then(() => Promise.all([desks.close(), closeSharedPool()]))
        .then(
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
        // Over PostgreSQL the workers poll the feeds (one pass at a time across all of them).
        pollFeeds: !s.databaseUrl,
      },
    });
    logger.info({ workspaces: s.workspaces, store: desks.shared ? 'postgresql' : 'folders', corpusDir: config.corpusDir }, 'desks ready');
    if (s.workspaces === 'shared') {
      manager.open(SHARED_WORKSPACE).then(
        (ws) => logger.info({ articles: ws.desk.ctx.corpus.articles.length, warnings: ws.desk.ctx.corpus.warnings.length }, 'corpus loaded'),
        (error: unknown) => logger.error({ err: error, corpusDir: config.corpusDir }, 'the corpus failed to load; commands will say so'),
      );
    }
    if (stopping) void handle.stop();
  }
} else {
  // The console, on one workspace: `npm start -- --workspace <server id>` (default: the shared corpus).
  const { values } = parseArgs({ options: { workspace: { type: 'string' } }, strict: false });
  const workspace = typeof values.workspace === 'string' ? values.workspace : SHARED_WORKSPACE;
  const s = settings();
  const corpusDir = s.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : s.corpusDir;
  // The one workspace of a console session stays loaded for the whole session (PostgreSQL's when DATABASE_URL is set).
  const desks = await openWorkspaces(s, {
    mode: workspace === SHARED_WORKSPACE ? 'shared' : 'guild',
    idleMs: Infinity,
    live: { onWarning: (w) => process.stderr.write(`warning: ${w.file}: ${w.message}\n`) },
  }).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  const manager = desks.manager;
  const ws = manager.open(workspace);
  ws.catch((error: Error) => {
    process.stderr.write(`Cannot read the corpus folder ${corpusDir} (workspace ${workspace}): ${error.message}\n`);
    process.exit(1);
  });
  await runConsole(ws, { workspace: ws });
  await desks.close();
  await closeSharedPool();
}
