/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set (over PostgreSQL's desks when DATABASE_URL is set; sharded
 * over processes when Discord recommends more than one shard or NEWSDESK_SHARDS says so), otherwise the local
 * console on the corpus folder.
 */
import path from 'node:path';
import { loadDotenv } from './env.ts';
import { parseArgs } from 'node:util';
import { runConsole } from './console.ts';
import { openWorkspaces } from './desk/open-workspaces.ts';
import { SHARED_WORKSPACE } from './desk/store.ts';
import type { Newsdesk } from './newsdesk.ts';
import { fileURLToPath } from 'node:url';

loadDotenv();

if (process.env.DISCORD_TOKEN) {
  const { loadConfig } = await import('./bot/config.ts');
  const { startBot } = await import('./bot/client.ts');
  const { createLogger } = await import('./bot/logger.ts');
  const { isShardChild, recommendedShards, spawnShards } = await import('./bot/shards.ts');
  const { settings } = await import('./config.ts');
  let config;
  let scale;
  try {
    config = loadConfig();
    scale = settings();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const shardCount = isShardChild() ? 1 : scale.shards === 'auto' ? await recommendedShards(config.apiUrl, config.token).catch(() => 1) : scale.shards;
  if (shardCount > 1) {
    // This process only manages the shard processes (each runs this entry as a whole bot for its shard).
    const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
    const manager = await spawnShards(fileURLToPath(import.meta.url), config.token, shardCount, logger);
    const stopAll = () => {
      for (const shard of manager.shards.values()) shard.kill();
      process.exit(0);
    };
    process.on('SIGINT', stopAll);
    process.on('SIGTERM', stopAll);
  } else {
    // One live desk per workspace (the shared corpus, or each server's own in guild mode): each re-indexes when its
    // articles change (files on this disk, or PostgreSQL's when DATABASE_URL is set: every process sees the same)
    // and keeps serving the old answers meanwhile.
    let log: ((level: 'info' | 'error' | 'warn', fields: object, message: string) => void) | undefined;
    const desks = await openWorkspaces(scale, {
      live: {
        onUpdate: (desk: Newsdesk) => log?.('info', { articles: desk.ctx.corpus.articles.length, warnings: desk.ctx.corpus.warnings.length }, 'corpus re-indexed'),
        onError: (error: Error) => log?.('error', { err: error }, 'corpus re-index failed; still answering from the previous index'),
      },
      onEvent: (event) => log?.('info', event, `workspace ${event.kind}`),
      onDatabaseError: (err) => log?.('warn', { err }, 'database connection problem; retrying'),
    }).catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
    const manager = desks.manager;
    const handle = await startBot(config, manager);
    log = (level, fields, message) => handle.logger[level](fields, message);
    handle.logger.info({ workspaces: scale.workspaces, store: desks.shared ? 'postgresql' : 'folders', corpusDir: config.corpusDir }, 'desks ready');
    if (scale.workspaces === 'shared') {
      manager.open(SHARED_WORKSPACE).then(
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
        .then(() => desks.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  }
} else {
  // The console, on one workspace: `npm start -- --workspace <server id>` (default: the shared corpus).
  const { values } = parseArgs({ options: { workspace: { type: 'string' } }, strict: false });
  const workspace = typeof values.workspace === 'string' ? values.workspace : SHARED_WORKSPACE;
  const { settings } = await import('./config.ts');
  const scale = settings();
  const corpusDir = scale.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : scale.corpusDir;
  // The one workspace of a console session stays loaded for the whole session (PostgreSQL's when DATABASE_URL is set).
  const desks = await openWorkspaces(scale, { mode: workspace === SHARED_WORKSPACE ? 'shared' : 'guild', idleMs: Infinity }).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  const manager = desks.manager;
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
  await desks.close();
}
