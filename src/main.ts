/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set (over PostgreSQL's desks when DATABASE_URL is set; sharded
 * over processes when Discord recommends more than one shard or NEWSDESK_SHARDS says so), otherwise the local
 * console on the corpus folder.
 */
import path from 'node:path';
import { loadDotenv } from './env.ts';
import { LiveNewsdesk } from './live/host.ts';
import { runConsole } from './console.ts';
import { openWorkspaces } from './desk/open-workspaces.ts';
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
    let log: ((level: 'info' | 'error' | 'warn', fields: object, message: string) => void) | undefined;
    const onUpdate = (desk: Newsdesk) => log?.('info', { articles: desk.ctx.corpus.articles.length, warnings: desk.ctx.corpus.warnings.length }, 'corpus re-indexed');
    const onError = (error: Error) => log?.('error', { err: error }, 'corpus re-index failed; still answering from the previous index');
    // With a database, the desks are PostgreSQL's (shared by every process); without, the corpus folder as before.
    const desks = scale.databaseUrl
      ? await openWorkspaces(scale, { live: { onUpdate, onError }, onDatabaseError: (err) => log?.('warn', { err }, 'database connection problem; retrying') })
      : null;
    // The live host re-indexes when files in the corpus folder change, and keeps serving the old answers meanwhile.
    const live = desks ? null : LiveNewsdesk.open({ corpusDir: config.corpusDir, onUpdate, onError });
    const handle = await startBot(config, desks ? desks.manager : live!);
    log = (level, fields, message) => handle.logger[level](fields, message);
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      handle.logger.info({ signal }, 'shutting down: finishing answers in flight');
      handle
        .stop()
        .then(() => (desks ? desks.close() : live!.then((l) => l.close(), () => undefined)))
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  }
} else {
  const corpusDir = path.resolve(process.env.CORPUS_DIR || 'corpus');
  const live = LiveNewsdesk.open({ corpusDir });
  live.then(
    (l) => {
      for (const w of l.desk.ctx.corpus.warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
    },
    (error) => {
      process.stderr.write(`Cannot read the corpus folder ${corpusDir}: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
  await runConsole(live);
  await (await live).close();
}
