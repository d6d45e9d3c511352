/**
 * `npm run import -- DIR [--workspace ID] [--no-wait | --inline]`: loads a folder of articles into the database
 * (`DATABASE_URL`). Each file becomes an ingest job that `npm run worker` processes take (extraction included); the
 * command waits until the queue is drained, printing progress, unless `--no-wait`. `--inline` stores everything in
 * this process instead, without workers. Importing the same folder again stores nothing twice.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { settings } from './config.ts';
import { formatOf, listCorpusFiles } from './corpus/load.ts';
import { isWorkspaceId, SHARED_WORKSPACE } from './desk/store.ts';
import { openDatabase } from './pg/database.ts';
import { PgIndexCache } from './pg/index-cache.ts';
import { enqueueIngest, pendingJobs, runIngest, startJobs, type IngestJob } from './pg/jobs.ts';

const USAGE = 'usage: npm run import -- DIR [--workspace ID] [--no-wait | --inline]';
const BATCH = 100;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ allowPositionals: true, options: { workspace: { type: 'string' }, 'no-wait': { type: 'boolean' }, inline: { type: 'boolean' } } });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const dir = args.positionals[0];
if (!dir || args.positionals.length > 1) fail(USAGE);
const workspace = args.values.workspace ?? SHARED_WORKSPACE;
if (!isWorkspaceId(workspace)) fail(`--workspace must be "shared" or a Discord server id, not "${workspace.slice(0, 40)}".`);
let config;
try {
  config = settings();
} catch (error) {
  fail((error as Error).message);
}
if (!config.databaseUrl) fail('npm run import needs DATABASE_URL (a postgres:// URL): it loads the folder into that database.');

let names: string[];
try {
  names = await listCorpusFiles(path.resolve(dir));
} catch (error) {
  fail(`Cannot read the folder ${dir}: ${(error as Error).message}`);
}

const db = await openDatabase(config.databaseUrl).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
const boss = args.values.inline ? null : await startJobs(config.databaseUrl, { timeoutSeconds: config.jobTimeoutSeconds });
const cache = new PgIndexCache(db);
const started = performance.now();
const counts = { queued: 0, inserted: 0, duplicate: 0, taken: 0, skipped: 0 };
let batch: IngestJob[] = [];
for (const name of names) {
  const full = path.join(path.resolve(dir), name);
  const rel = name.split(path.sep).join('/');
  if (!formatOf(rel)) {
    process.stderr.write(`warning: ${rel}: skipped: unsupported file type (use .txt, .md or .html)\n`);
    counts.skipped++;
    continue;
  }
  if ((await stat(full)).size > config.maxFileBytes) {
    process.stderr.write(`warning: ${rel}: skipped: over the ${config.maxFileBytes / 1048576} MB limit for one article\n`);
    counts.skipped++;
    continue;
  }
  const job: IngestJob = { workspace, name: rel, content: (await readFile(full)).toString('base64') };
  if (!boss) {
    const { outcome, warning } = await runIngest({ db, cache, maxFileBytes: config.maxFileBytes }, job);
    counts[outcome]++;
    if (warning) process.stderr.write(`warning: ${rel}: ${warning}\n`);
    continue;
  }
  batch.push(job);
  if (batch.length >= BATCH) {
    counts.queued += await enqueueIngest(boss, batch);
    batch = [];
  }
}
if (boss) counts.queued += await enqueueIngest(boss, batch);

if (boss && !args.values['no-wait'] && counts.queued) {
  process.stderr.write(`queued ${counts.queued} files; waiting for workers (npm run worker) to store them…\n`);
  let last = -1;
  for (;;) {
    const pending = await pendingJobs(db);
    if (pending !== last) process.stderr.write(`  ${pending} to go\n`);
    last = pending;
    if (!pending) break;
    await new Promise((r) => setTimeout(r, 500));
  }
}
const stored = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM articles WHERE workspace = $1 AND trashed_at IS NULL', [workspace])).rows[0].n);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  boss
    ? `workspace ${workspace}: ${counts.queued} files queued, ${counts.skipped} skipped; ${stored} articles stored (${seconds.toFixed(1)} s)\n`
    : `workspace ${workspace}: ${counts.inserted} added, ${counts.duplicate} already there, ${counts.taken} names taken by other content, ${counts.skipped} skipped; ${stored} articles stored (${seconds.toFixed(1)} s)\n`,
);
await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
await db.close();
