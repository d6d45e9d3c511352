/**
 * `npm run worker`: takes newsdesk's jobs from PostgreSQL (`DATABASE_URL`) — files to ingest, and passes over the
 * workspaces' feeds (src/pg/feed-jobs.ts) — and runs them, one batch at a time, until
 * SIGINT/SIGTERM (the batch in hand is finished first). Run as many as you like, on any machine.
 */
import { createLogger } from './bot/logger.ts';
import { settings } from './config.ts';
import { openDatabase, passwordOf } from './pg/database.ts';
import { PgIndexCache, pruneIndexCache } from './pg/index-cache.ts';
import { INGEST_QUEUE, runIngest, startJobs, type IngestJob } from './pg/jobs.ts';
import { FEEDS_QUEUE, startFeedJobs } from './pg/feed-jobs.ts';
import { createDeskRuntime } from './bot/desk-runtime.ts';
import { openWorkspaces } from './desk/open-workspaces.ts';
import { closeSharedPool } from './pipeline/pool.ts';

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

// Feed polling: the workspaces' feeds, one pass at a time across every worker; their items are added as /add does,
// into the database (every bot process re-indexes on the notification).
const desks = await openWorkspaces(config, {
  live: { onError: (err) => log.warn({ err }, 'a workspace index failed to rebuild') },
  onDatabaseError: (err) => log.warn({ err }, 'database connection problem; retrying'),
});
const runtime = createDeskRuntime(
  desks.manager,
  {
    fetch: { allowPrivate: config.allowPrivateUrls, timeoutMs: config.fetchTimeoutMs, maxBytes: config.maxFileBytes },
    feedIntervalMs: config.feedIntervalMs,
    timezone: config.timezone,
  },
  async () => {
    throw new Error('workers do not post briefings (the bot processes do)');
  },
  log,
);
const stopAsking = await startFeedJobs(boss, runtime.poller, { tickMs: Math.min(60_000, config.feedIntervalMs), timeoutSeconds: config.jobTimeoutSeconds, logger: log });
log.info({ queues: [INGEST_QUEUE, FEEDS_QUEUE] }, 'worker ready');

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
  stopAsking();
  await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => undefined);
  await runtime.poller.stop();
  await desks.close().catch(() => undefined);
  await closeSharedPool();
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
