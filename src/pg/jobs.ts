/**
 * Work spread over processes, as pg-boss jobs in the same PostgreSQL: `newsdesk-ingest` turns a file into a stored
 * article with its extraction. Any number of `npm run worker` processes on any machine take jobs; a worker that dies
 * mid-job leaves its job active until it expires (`NEWSDESK_JOB_TIMEOUT_S`), then it runs again elsewhere. The job
 * is idempotent (keyed by content: the extraction by hash and code version, the article by workspace and hash), so a
 * second run stores nothing twice.
 */
import PgBoss from 'pg-boss';
import type { Database } from './database.ts';
import { insertArticle } from './desk-store.ts';
import { keepExtraction, type Extract } from './extraction.ts';
import type { PgIndexCache } from './index-cache.ts';

export const INGEST_QUEUE = 'newsdesk-ingest';

/** One file to store: its name in the workspace and its bytes (base64: job data is JSON). */
export interface IngestJob {
  workspace: string;
  name: string;
  content: string;
}

export type IngestOutcome = 'inserted' | 'duplicate' | 'taken' | 'skipped';

export interface JobsOptions {
  /** Seconds a job may run before it counts as abandoned and runs again. */
  timeoutSeconds: number;
  onError?: (error: Error) => void;
}

/** Connects pg-boss (its schema migrates itself) and makes sure newsdesk's queues exist. */
export async function startJobs(url: string, options: JobsOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'newsdesk-jobs',
    max: 4,
    // Abandoned jobs are found by the supervisor, which runs this often (at most once per interval across processes).
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.timeoutSeconds / 2))),
    // Jobs are only created here, never scheduled by cron (schedules are claimed in the desk store).
    schedule: false,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  await ensureQueue(boss, { name: INGEST_QUEUE, retryLimit: 10, retryDelay: 1, retryBackoff: true, expireInSeconds: options.timeoutSeconds });
  return boss;
}

async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(queue.name)) return;
  try {
    await boss.createQueue(queue.name, queue);
  } catch (error) {
    // Another process created it at the same moment.
    if (!(await boss.getQueue(queue.name))) throw error;
  }
}

/** Queues files to store; returns how many were queued. */
export async function enqueueIngest(boss: PgBoss, jobs: IngestJob[]): Promise<number> {
  if (!jobs.length) return 0;
  await boss.insert(jobs.map((data) => ({ name: INGEST_QUEUE, data })));
  return jobs.length;
}

export interface IngestContext {
  db: Database;
  cache: PgIndexCache;
  maxFileBytes: number;
  extract?: Extract;
}

/**
 * Stores one file: its extraction first (so that a process notified of the article finds it ready), then the
 * article, which notifies every process. Running it twice stores nothing twice.
 */
export async function runIngest(ctx: IngestContext, job: IngestJob): Promise<{ outcome: IngestOutcome; warning?: string }> {
  const bytes = Buffer.from(job.content, 'base64');
  if (bytes.length > ctx.maxFileBytes) return { outcome: 'skipped', warning: `over the ${ctx.maxFileBytes / 1048576} MB limit for one article` };
  const { article, warning } = await keepExtraction(ctx.cache, job.name, bytes, ctx.extract);
  if (!article) return { outcome: 'skipped', warning };
  return { outcome: await insertArticle(ctx.db, job.workspace, job.name, bytes), warning };
}

/** Jobs of newsdesk's queues not finished yet (created, retrying or active). */
export async function pendingJobs(db: Database): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
    [INGEST_QUEUE],
  );
  return Number(rows[0].n);
}
