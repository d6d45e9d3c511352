/**
 * `npm run worker`: takes newsdesk's jobs from PostgreSQL (`DATABASE_URL`) and runs them, one batch at a time, until
 * SIGINT/SIGTERM (the batch in hand is finished first). Run as many as you like, on any machine.
 */
import { createLogger } from './bot/logger.ts';
import { settings } from './config.ts';
import { openDatabase, passwordOf } from './pg/database.ts';
import { PgIndexCache, pruneIndexCache } from './pg/index-cache.ts';
import { INGEST_QUEUE, runIngest, startJobs, type IngestJob } from './pg/jobs.ts';

const config = (() => {
  try {
    return settings();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
})();
if (!config.databaseUrl) {
  process.stderr.write('npm run worker needs DATABASE_URL (a postgres:// URL): workers take their jobs from PostgreSQL.\n');
  process.exit(1);
}

const log = createLogger({ level: config.logLevel, secrets: [passwordOf(config.databaseUrl)] });
const db = await openDatabase(config.databaseUrl, { onError: (err) => log.warn({ err }, 'database connection lost; reconnecting') }).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
const cache = new PgIndexCache(db);
const boss = await startJobs(config.databaseUrl, { timeoutSeconds: config.jobTimeoutSeconds, onError: (err) => log.warn({ err }, 'job queue error') });

let workerId = '';
workerId = await boss.work<IngestJob>(INGEST_QUEUE, { batchSize: 4, pollingIntervalSeconds: 0.5 }, async (jobs) => {
  for (const job of jobs) {
    const { outcome, warning } = await runIngest({ db, cache, maxFileBytes: config.maxFileBytes }, job.data);
    log.info({ job: job.id, workspace: job.data.workspace, file: job.data.name, outcome, warning }, 'ingested');
  }
  // pg-boss waits out its polling interval after every batch; while there is work, fetch the next one at once.
  if (jobs.length) boss.notifyWorker(workerId);
});
log.info({ queue: INGEST_QUEUE }, 'worker ready');

// Old index segments and results pile up as articles change; any worker clears them now and then (twice is harmless).
const PRUNE_EVERY_MS = 60 * 60_000;
const pruner = setInterval(() => {
  pruneIndexCache(db).then(
    (removed) => removed && log.info({ removed }, 'old index cache entries removed'),
    (err) => log.warn({ err }, 'could not prune the index cache'),
  );
}, PRUNE_EVERY_MS);
pruner.unref();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping: finishing the batch in hand');
  await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
