/**
 * `npm run bench -- --store postgres --articles N [--json]`: newsdesk over PostgreSQL, on a fresh database created on
 * the server of DATABASE_URL (or TEST_DATABASE_URL) and dropped afterwards. Measured, on the benchmark corpus of N
 * real articles (bench/corpora.ts):
 * - import throughput with 1 and with 2 worker processes (`npm run worker`): files queued as jobs until all are
 *   stored with their extraction, articles per second;
 * - start to answering of a new bot process: the first over a freshly imported database (builds the index segments
 *   from the stored extractions), then another (reads the segments the first stored);
 * - propagation: an article written through the store, until a second, running process answers from it;
 * - command latencies in that process (the hot path is in memory, as with the embedded store).
 * Figures only; nothing here is asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { listCorpusFiles } from '../src/corpus/load.ts';
import { openDatabase } from '../src/pg/database.ts';
import { PgDeskStore } from '../src/pg/desk-store.ts';
import { enqueueIngest, pendingJobs, startJobs, type IngestJob } from '../src/pg/jobs.ts';
import { PROJECT_ROOT } from '../src/store/version.ts';
import { benchCorpus } from './corpora.ts';

const QUERIES = {
  ask: ['oil prices', 'interest rates cut', 'coffee exports Brazil', 'trade deficit with Japan', 'OPEC production quota', 'takeover bid', 'Federal Reserve policy', 'Trump campaign'],
  who: ['James Baker', 'Volcker', 'Hillary Clinton', 'Donald Trump', 'Reagan'],
  when: ['OPEC meeting', 'Louvre accord', 'GATT talks', 'rate cut'],
  quote: ['Baker', 'Volcker', 'Clinton', 'Trump', 'spokesman'],
  autocomplete: ['b', 'ba', 'vol', 'clin', 'tr', 'bank of'],
};

interface ScaleResult {
  store: 'postgres';
  articles: number;
  import: Array<{ workers: number; seconds: number; articles_per_s: number }>;
  first_process: { start_to_answer_ms: number; segments_built: number; extracted: number; rss_mb: number };
  next_process: { start_to_answer_ms: number; segments_loaded: number; extracted: number; rss_mb: number };
  propagation_ms: number[];
  latencies: Record<string, { p50_ms: number; p99_ms: number; n: number }>;
}

function child(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
}

/** The JSON lines a child writes, as they come. */
function lines(p: ChildProcess): AsyncIterator<string> {
  return createInterface({ input: p.stdout! })[Symbol.asyncIterator]();
}

async function nextEvent(it: AsyncIterator<string>, event: string): Promise<Record<string, any>> {
  for (;;) {
    const { value, done } = await it.next();
    if (done) throw new Error(`bench: the process ended before "${event}"`);
    try {
      const o = JSON.parse(value);
      if (o.event === event || (event === 'worker ready' && o.msg === 'worker ready')) return o;
    } catch {
      // not a report
    }
  }
}

async function withDatabase<T>(base: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `newsdesk_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

async function importWith(url: string, dir: string, workers: number, env: NodeJS.ProcessEnv): Promise<{ workers: number; seconds: number; articles_per_s: number }> {
  const db = await openDatabase(url);
  const boss = await startJobs(url, { timeoutSeconds: 300 });
  const procs = Array.from({ length: workers }, () => child('src/worker.ts', { ...env, DATABASE_URL: url, LOG_LEVEL: 'info' }));
  await Promise.all(
    procs.map(async (p) => {
      const it = lines(p);
      await nextEvent(it, 'worker ready');
      // Keep reading its log (one line per job), or the pipe fills and the worker stalls.
      void (async () => {
        while (!(await it.next()).done);
      })();
    }),
  );
  const names = await listCorpusFiles(dir);
  const jobs: IngestJob[] = [];
  for (const name of names) jobs.push({ workspace: 'shared', name: name.split(path.sep).join('/'), content: (await readFile(path.join(dir, name))).toString('base64') });
  const t0 = performance.now();
  for (let i = 0; i < jobs.length; i += 200) await enqueueIngest(boss, jobs.slice(i, i + 200));
  while ((await pendingJobs(db)) > 0) await new Promise((r) => setTimeout(r, 100));
  const seconds = (performance.now() - t0) / 1000;
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => p.once('exit', r))));
  await boss.stop({ graceful: false, wait: true });
  await db.close();
  return { workers, seconds: Number(seconds.toFixed(2)), articles_per_s: Number((names.length / seconds).toFixed(1)) };
}

export async function scaleBench(n: number, json: boolean): Promise<ScaleResult> {
  const base = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('bench --store postgres needs DATABASE_URL (or TEST_DATABASE_URL): a server where it may create a database');
  const { dir } = benchCorpus(n);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const v of ['DISCORD_TOKEN', 'SHARDS', 'SHARD_COUNT']) delete env[v];
  const say = (m: string) => !json && console.error(`bench: ${m}`);
  const imports: ScaleResult['import'] = [];
  let result: ScaleResult | null = null;
  for (const workers of [1, 2]) {
    await withDatabase(base, async (url) => {
      say(`importing ${n} articles with ${workers} worker(s)…`);
      imports.push(await importWith(url, dir, workers, env));
      if (workers !== 2) return;
      const queries = path.join(tmpdir(), `newsdesk-bench-queries-${process.pid}.json`);
      await writeFile(queries, JSON.stringify(QUERIES));
      const probeEnv = { ...env, DATABASE_URL: url, LOG_LEVEL: 'warn' };
      say('first bot process (builds the segments)…');
      const first = child('bench/scale-probe.ts', probeEnv, ['--queries', queries]);
      const firstReady = await nextEvent(lines(first), 'ready');
      first.kill('SIGTERM');
      say('next bot process (reads the segments)…');
      const next = child('bench/scale-probe.ts', probeEnv, ['--queries', queries]);
      const it = lines(next);
      const nextReady = await nextEvent(it, 'ready');
      const latency = await nextEvent(it, 'latency');
      say('propagation to a running process…');
      const db = await openDatabase(url);
      const store = await new PgDeskStore(db).open('shared');
      const propagation: number[] = [];
      for (let k = 0; k < 5; k++) {
        const word = `zyxquorble${k}${randomBytes(2).toString('hex')}`;
        next.stdin!.write(`watch ${word}\n`);
        const t = Date.now();
        await store.writeArticle(`bench-propagation-${word}.txt`, `A ${word} was seen in the harbour on Monday.\n\nOfficials said the ${word} would stay.\n`);
        const seen = await nextEvent(it, 'seen');
        propagation.push(seen.at - t);
      }
      next.kill('SIGTERM');
      await db.close();
      result = {
        store: 'postgres',
        articles: n,
        import: imports,
        first_process: { start_to_answer_ms: firstReady.firstAnswerMs, segments_built: firstReady.segmentsBuilt, extracted: firstReady.extracted, rss_mb: firstReady.rssMb },
        next_process: { start_to_answer_ms: nextReady.firstAnswerMs, segments_loaded: nextReady.segmentsLoaded, extracted: nextReady.extracted, rss_mb: nextReady.rssMb },
        propagation_ms: propagation,
        latencies: latency.latencies,
      };
    });
  }
  return result!;
}

export function printScale(r: ScaleResult): void {
  const lines = [
    `newsdesk over PostgreSQL, ${r.articles} articles`,
    ...r.import.map((i) => `  import with ${i.workers} worker(s): ${i.seconds} s, ${i.articles_per_s} articles/s`),
    `  first bot process: answering ${r.first_process.start_to_answer_ms} ms after start (built ${r.first_process.segments_built} segments, extracted ${r.first_process.extracted}), RSS ${r.first_process.rss_mb} MB`,
    `  next bot process:  answering ${r.next_process.start_to_answer_ms} ms after start (read ${r.next_process.segments_loaded} segments, extracted ${r.next_process.extracted}), RSS ${r.next_process.rss_mb} MB`,
    `  propagation of an added article to a running process: ${r.propagation_ms.join(', ')} ms`,
    '  command latencies (p50 / p99 ms):',
    ...Object.entries(r.latencies).map(([c, l]) => `    ${c.padEnd(13)} ${l.p50_ms} / ${l.p99_ms}  (n=${l.n})`),
  ];
  console.log(lines.join('\n'));
}
