/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the corpus folder. */
import path from 'node:path';
import { loadDotenv } from './env.ts';
import { LiveNewsdesk } from './pipeline/live.ts';
import { closeSharedPool } from './pipeline/pool.ts';
import { runConsole } from './console.ts';

loadDotenv();

/** Longest a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

if (process.env.DISCORD_TOKEN) {
  const { loadConfig } = await import('./bot/config.ts');
  const { startBot } = await import('./bot/client.ts');
  const { createLogger } = await import('./bot/logger.ts');
  const { installProcessGuards } = await import('./bot/guard.ts');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  let handle: Awaited<ReturnType<typeof startBot>> | undefined;
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
    Promise.all([handle?.stop(), live.then((l) => l.close(), () => undefined), closeSharedPool()]).then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  installProcessGuards({ logger, restart: (reason) => shutdown(reason, 1) });
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // The live host re-indexes when files in the corpus folder change, and keeps serving the old answers meanwhile.
  const live = LiveNewsdesk.open({
    corpusDir: config.corpusDir,
    onRebuild: () => logger.info('rebuilding the index from the corpus folder; the previous index keeps answering'),
    onUpdate: (desk) => logger.info({ articles: desk.ctx.corpus.articles.length, warnings: desk.ctx.corpus.warnings.length }, 'corpus re-indexed'),
    onWarning: (w) => logger.warn({ file: w.file, reason: w.message }, 'file skipped or read with a problem'),
    onError: (error) => logger.error({ err: error }, 'corpus re-index failed; still answering from the previous index'),
  });
  handle = await startBot(config, live, { logger });
  if (stopping) void handle.stop();
} else {
  const corpusDir = path.resolve(process.env.CORPUS_DIR || 'corpus');
  const live = LiveNewsdesk.open({ corpusDir, onWarning: (w) => process.stderr.write(`warning: ${w.file}: ${w.message}\n`) });
  live.catch((error) => {
    process.stderr.write(`Cannot read the corpus folder ${corpusDir}: ${(error as Error).message}\n`);
    process.exit(1);
  });
  await runConsole(live);
  await (await live).close();
  await closeSharedPool();
}
