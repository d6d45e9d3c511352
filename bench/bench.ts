/**
 * `npm run bench -- [--articles N] [--json]`: newsdesk at 1k, 10k and 100k real news articles, against a stock
 * MiniSearch over the same passages, measured in the same run.
 *
 * Per size: a cold build into an empty cache (extraction throughput on distinct articles, index build time, snapshot
 * size), then a fresh process that starts from the cache (time to searchable, longest event-loop stall while loading,
 * heap and RSS), and the latency of each command over a fixed query set, ours and the baseline's:
 * - ask: newsdesk's passage search vs the stock search newsdesk used before (one `new MiniSearch(...)`, every match
 *   scored, a search per query term for IDF) — the same ranking, measured through `Newsdesk.answer` / the index;
 * - who, when, quote: `Newsdesk.answer` vs a stock `MiniSearch.search` of the same query;
 * - autocomplete: `Newsdesk.complete` vs stock `MiniSearch.autoSuggest`.
 * Figures only; nothing here is asserted.
 *
 * Each command's latency rests on at least 200 samples (rounds over its queries after a warm-up round); so that a
 * slow command cannot stall the run, within a time budget (`--budget-ms`, default 30 s per command, warm-up
 * included) that stops it early; the table shows how many samples each figure rests on. `--reuse-cache`
 * keeps an existing cache of the same code version (the "cold" figures then only cover what was missing).
 *
 * Then the re-index scenario (reindex.ts), in a fresh process: `--reindex-files N` new files (default a third of the
 * corpus, at most 1,000; 0 skips it) land in a copy of the warm corpus while `/quote` interactions keep arriving.
 * Alone: `npm run bench -- --phase reindex <articles> <cache dir> <files added>`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { fileURLToPath } from 'node:url';
import { buildIndexedCorpus, loadCachedCorpus } from '../src/pipeline/build.ts';
import { Newsdesk } from '../src/newsdesk.ts';
import { IndexCache } from '../src/store/cache.ts';
import { PASSAGE_INDEX_OPTIONS, buildStockPassageSearch, passageDocs } from './stock.ts';
import { benchCorpus, OUT } from './corpora.ts';
import { reindexScenario, type ReindexResult } from './reindex.ts';
import { QUERIES, type Command } from './bench-queries.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const COMMANDS: Command[] = ['ask', 'who', 'when', 'quote', 'autocomplete'];

interface Latency {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** Samples measured (fewer than rounds × queries when the time budget ran out). */
  n: number;
}

/** Per-command time budget for latency measurement (ms). */
let BUDGET_MS = 30_000;
let REUSE_CACHE = false;
/** Files added in the re-index scenario (0: skip it). */
let REINDEX_FILES = -1;

export interface BenchResult extends Partial<ReindexResult> {
  articles: number;
  unique_articles: number;
  passages: number;
  extract_articles_per_s: number;
  read_ms: number;
  build_ms: number;
  cold_total_ms: number;
  start_ms: number;
  start_max_stall_ms: number;
  /** From the start until all articles and extractions are loaded too. */
  load_all_ms: number;
  /** From the start until the Newsdesk answers every command (entities merged or read from the cache). */
  desk_ready_ms: number;
  /** Longest event-loop stall over the whole start, up to the ready Newsdesk. */
  ready_max_stall_ms: number;
  /** Merging entities in the cold build (then cached). */
  merge_cold_ms: number;
  verify_ms: number;
  /** Building, after the desk is ready, the indexes a first /who or /quote would otherwise build (in slices). */
  warm_ms: number;
  warm_max_stall_ms: number;
  heap_bytes_per_article: number;
  total_heap_bytes_per_article: number;
  /** Entities merged across the corpus, quotes, name lists: the Newsdesk around the index. */
  desk_heap_bytes_per_article: number;
  rss_bytes_per_article: number;
  snapshot_bytes_per_article: number;
  /** `ask_search`: the passage search alone (what `ask` spends outside the index is answer assembly). */
  latency: Record<Command | 'ask_search', Latency>;
  /** Building the Newsdesk from a loaded index (entity merging, name lists). */
  desk_ms: number;
  baseline: Record<Command, Latency> & { build_ms: number; heap_bytes_per_article: number; snapshot_bytes_per_article: number; load_ms: number };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function latencyOf(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { p50_ms: r(percentile(s, 50)), p95_ms: r(percentile(s, 95)), p99_ms: r(percentile(s, 99)), n: s.length };
}

/** Samples each latency figure rests on, at least (the p99 of 200 samples is the second-worst). */
const MIN_SAMPLES = 200;

/**
 * Times `fn` over every query, round after round after one warm-up round, until it has at least `MIN_SAMPLES`
 * samples, within `BUDGET_MS` (warm-up included): when the budget is spent it stops, keeping the samples it has (a
 * warm-up that used it all up is itself the sample set); the table shows how many there are.
 */
function time(queries: string[], fn: (q: string) => unknown): number[] {
  const end = performance.now() + BUDGET_MS;
  const warm: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    fn(q);
    warm.push(performance.now() - t);
    if (performance.now() > end) return warm;
  }
  const samples: number[] = [];
  while (samples.length < MIN_SAMPLES) {
    for (const q of queries) {
      const t = performance.now();
      fn(q);
      samples.push(performance.now() - t);
      if (performance.now() > end) return samples.length >= queries.length ? samples : warm;
    }
  }
  return samples;
}

/** JavaScript heap plus ArrayBuffer backing stores (typed-array postings live outside the V8 heap proper). */
function heapUsed(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(path.join(dir, f));
    if (s.isFile()) total += s.size;
  }
  return total;
}

const safely = (fn: () => unknown) => () => {
  try {
    fn();
  } catch {
    // A user error (e.g. an unknown name) is still a measured answer.
  }
};

function measureDesk(d: Newsdesk): BenchResult['latency'] {
  const latency = {} as BenchResult['latency'];
  latency.ask = latencyOf(time(QUERIES.ask, (q) => safely(() => d.answer({ command: 'ask', query: q }))()));
  latency.ask_search = latencyOf(time(QUERIES.ask, (q) => d.ctx.passages.search(q, { limit: 30 })));
  for (const c of ['who', 'when', 'quote'] as const) latency[c] = latencyOf(time(QUERIES[c], (q) => safely(() => d.answer({ command: c, query: q }))()));
  // One sample per completion: each prefix as `/who` and as `/quote` would ask for it.
  const completions = QUERIES.autocomplete.flatMap((q) => [`who\u0000${q}`, `quote\u0000${q}`]);
  latency.autocomplete = latencyOf(time(completions, (cq) => {
    const [c, q] = cq.split('\u0000') as ['who' | 'quote', string];
    return d.complete(c, q);
  }));
  return latency;
}

/** Phase 2, in a fresh process: start from the cache, then measure memory and latency, ours and the baseline's. */
async function startPhase(dir: string, cacheDir: string, articles: number, version: string): Promise<Partial<BenchResult>> {
  const cache = new IndexCache(cacheDir, version);
  const heap0 = heapUsed();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  let startMs = -1;
  let stall = 0;
  const cached = await loadCachedCorpus(dir, cache, {
    onSearchable: (passages) => {
      passages.search('oil prices');
      startMs = performance.now() - t0;
      stall = delay.max / 1e6;
    },
  });
  if (!cached) throw new Error('bench: the cache is empty');
  const loadAllMs = performance.now() - t0;
  let desk: Newsdesk | null = await Newsdesk.fromIndexedAsync(cached, { cache });
  desk.answer({ command: 'ask', query: 'oil' });
  const readyMs = performance.now() - t0;
  delay.disable();
  const readyStall = delay.max / 1e6;
  const t1 = performance.now();
  const verified = await buildIndexedCorpus(dir, { cache, previous: cached });
  const verifyMs = performance.now() - t1;
  if (verified !== cached) {
    console.error('bench: the cache was stale; rebuilt');
    desk = await Newsdesk.fromIndexedAsync(verified, { cache });
  }
  desk.answer({ command: 'ask', query: 'oil' });
  // The indexes a first /who or /quote would otherwise build (a running desk warms them in the background).
  const warmDelay = monitorEventLoopDelay({ resolution: 5 });
  warmDelay.enable();
  const tw = performance.now();
  await desk.warm();
  const warmMs = performance.now() - tw;
  warmDelay.disable();
  const heapWith = heapUsed();
  const rss = process.memoryUsage().rss;

  const latency = measureDesk(desk);
  const tm = performance.now();
  Newsdesk.fromIndexed(verified);
  const deskMs = performance.now() - tm;

  // The index's own heap: drop the Newsdesk (entities, name lists), then the passage index; keep the articles and their extraction.
  const articlesKept = verified.corpus.articles;
  const deskHeap = heapWith;
  desk = null;
  const heapIndexOnly = heapUsed();
  (verified as { passages: unknown }).passages = null;
  (verified as { segments: unknown }).segments = null;
  (cached as { passages: unknown }).passages = null;
  (cached as { segments: unknown }).segments = null;
  const heapWithout = heapUsed();
  void verified.knowledge.size;

  // Baseline: stock MiniSearch over the same passages.
  const docs = passageDocs(articlesKept);
  const hb0 = heapUsed();
  const tb = performance.now();
  const stockIndex = new MiniSearch(PASSAGE_INDEX_OPTIONS);
  stockIndex.addAll(docs);
  const stockBuild = performance.now() - tb;
  const hb1 = heapUsed();
  const json = JSON.stringify(stockIndex);
  const tl = performance.now();
  MiniSearch.loadJSON(json, PASSAGE_INDEX_OPTIONS);
  const loadMs = performance.now() - tl;
  const stock = buildStockPassageSearch(articlesKept);
  const baseline = { build_ms: Math.round(stockBuild), heap_bytes_per_article: Math.round((hb1 - hb0) / articles), snapshot_bytes_per_article: Math.round(Buffer.byteLength(json) / articles), load_ms: Math.round(loadMs) } as BenchResult['baseline'];
  baseline.ask = latencyOf(time(QUERIES.ask, (q) => stock.search(q, { limit: 30 })));
  for (const c of ['who', 'when', 'quote'] as const) baseline[c] = latencyOf(time(QUERIES[c], (q) => stockIndex.search(q)));
  baseline.autocomplete = latencyOf(time(QUERIES.autocomplete, (q) => stockIndex.autoSuggest(q)));

  return {
    start_ms: Math.round(startMs),
    load_all_ms: Math.round(loadAllMs),
    desk_ready_ms: Math.round(readyMs),
    ready_max_stall_ms: Math.round(readyStall),
    desk_ms: Math.round(deskMs),
    start_max_stall_ms: Math.round(stall),
    verify_ms: Math.round(verifyMs),
    warm_ms: Math.round(warmMs),
    warm_max_stall_ms: Math.round(warmDelay.max / 1e6),
    heap_bytes_per_article: Math.round((heapIndexOnly - heapWithout) / articles),
    desk_heap_bytes_per_article: Math.round((deskHeap - heapIndexOnly) / articles),
    total_heap_bytes_per_article: Math.round((deskHeap - heap0) / articles),
    rss_bytes_per_article: Math.round(rss / articles),
    latency,
    baseline,
  };
}

/** Phase 1: a cold build into an empty cache. */
async function coldPhase(n: number): Promise<BenchResult> {
  const { dir, unique } = benchCorpus(n);
  const cacheDir = path.join(OUT, `cache-${n}`);
  if (!REUSE_CACHE) rmSync(cacheDir, { recursive: true, force: true });
  const cache = new IndexCache(cacheDir);
  const t0 = performance.now();
  const built = await buildIndexedCorpus(dir, { cache });
  const cold = performance.now() - t0;
  // Entities merged once (and cached, as a first start would).
  const tm = performance.now();
  await Newsdesk.fromIndexedAsync(built, { cache });
  const mergeCold = performance.now() - tm;
  const s = built.stats;
  const articles = built.corpus.articles.length;
  const passages = built.passages.size;
  const snapshot = dirBytes(cacheDir);
  const child = execFileSync(process.execPath, ['--max-old-space-size=12000', '--import', 'tsx', fileURLToPath(import.meta.url), '--phase', 'start', dir, cacheDir, String(articles), cache.version, '--budget-ms', String(BUDGET_MS)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = JSON.parse(child.trim().split('\n').pop()!) as Partial<BenchResult>;
  // The re-index scenario, in a fresh process too (a warm corpus of these articles, then files added).
  const added = REINDEX_FILES >= 0 ? REINDEX_FILES : Math.min(1000, Math.ceil(articles / 3));
  const reindex = added
    ? (JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--phase', 'reindex', String(n), cacheDir, String(added)], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
          stdio: ['ignore', 'pipe', 'inherit'],
        }).trim().split('\n').pop()!,
      ) as ReindexResult)
    : {};
  return {
    articles,
    unique_articles: unique,
    passages,
    extract_articles_per_s: Math.round(s.extracted / Math.max(1e-3, s.extractMs / 1000)),
    read_ms: Math.round(s.readMs),
    build_ms: Math.round(s.indexMs),
    cold_total_ms: Math.round(cold),
    merge_cold_ms: Math.round(mergeCold),
    snapshot_bytes_per_article: Math.round(snapshot / articles),
    ...started,
    ...reindex,
  } as BenchResult;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

function printTable(results: BenchResult[]): void {
  const rows: Array<[string, ...string[]]> = [['', ...results.map((r) => `${r.articles.toLocaleString('en')} articles`)]];
  const add = (label: string, f: (r: BenchResult) => string) => rows.push([label, ...results.map(f)]);
  add('distinct articles / passages', (r) => `${r.unique_articles} / ${r.passages}`);
  add('extraction (distinct articles/s)', (r) => `${r.extract_articles_per_s}`);
  add('list + read + clean files (ms)', (r) => `${r.read_ms}`);
  add('index build, wall (ms): ours | stock', (r) => `${r.build_ms} | ${r.baseline.build_ms}`);
  add('cold build total (ms)', (r) => `${r.cold_total_ms}`);
  add('start from cache to searchable index (ms)', (r) => `${r.start_ms} (max stall ${r.start_max_stall_ms} ms) | stock loadJSON ${r.baseline.load_ms}`);
  add('start: + articles loaded (ms)', (r) => `${r.load_all_ms}`);
  add('start: + Newsdesk ready, all commands (ms)', (r) => `${r.desk_ready_ms} (max stall ${r.ready_max_stall_ms} ms)`);
  add('entity merge in cold build (ms, then cached)', (r) => `${r.merge_cold_ms}`);
  add('verify folder after start (ms)', (r) => `${r.verify_ms}`);
  add('warm answer indexes after ready (ms)', (r) => `${r.warm_ms} (max stall ${r.warm_max_stall_ms} ms)`);
  add('index heap / article: ours | stock', (r) => `${kb(r.heap_bytes_per_article)} | ${kb(r.baseline.heap_bytes_per_article)}`);
  add('Newsdesk heap / article (entities, names)', (r) => kb(r.desk_heap_bytes_per_article));
  add('total heap / article (with texts)', (r) => kb(r.total_heap_bytes_per_article));
  add('RSS / article', (r) => kb(r.rss_bytes_per_article));
  add('snapshot / article: ours | stock', (r) => `${kb(r.snapshot_bytes_per_article)} | ${kb(r.baseline.snapshot_bytes_per_article)}`);
  add('Newsdesk.fromIndexed, merge from scratch, sync (ms)', (r) => `${r.desk_ms}`);
  add('ask search only p50/p95/p99 ms (n)', (r) => `${r.latency.ask_search.p50_ms} / ${r.latency.ask_search.p95_ms} / ${r.latency.ask_search.p99_ms} (${r.latency.ask_search.n})`);
  add('re-index: files added to the warm corpus / took (ms)', (r) => (r.reindex_added_files ? `${r.reindex_added_files} / ${r.reindex_ms}` : '-'));
  add('re-index: longest event-loop stall (ms)', (r) => (r.reindex_added_files ? `${r.reindex_max_stall_ms}` : '-'));
  add('re-index: longest single /quote answer (ms)', (r) => (r.reindex_added_files ? `${r.reindex_max_answer_ms}` : '-'));
  add('re-index: /quote interactions late (> 3 s) / all; worst (ms)', (r) => (r.reindex_added_files ? `${r.reindex_late_interactions} / ${r.reindex_interactions}; ${r.reindex_worst_response_ms}` : '-'));
  for (const c of COMMANDS) {
    add(`${c} p50/p95/p99 ms (n): ours`, (r) => `${r.latency[c].p50_ms} / ${r.latency[c].p95_ms} / ${r.latency[c].p99_ms} (${r.latency[c].n})`);
    add(`${c} p50/p95/p99 ms (n): stock`, (r) => `${r.baseline[c].p50_ms} / ${r.baseline[c].p95_ms} / ${r.baseline[c].p99_ms} (${r.baseline[c].n})`);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '));
}

async function main(argv: string[]): Promise<void> {
  const b = argv.indexOf('--budget-ms');
  if (b >= 0) BUDGET_MS = Number(argv[b + 1]);
  REUSE_CACHE = argv.includes('--reuse-cache');
  const r = argv.indexOf('--reindex-files');
  if (r >= 0) REINDEX_FILES = Number(argv[r + 1]);
  if (argv[0] === '--phase' && argv[1] === 'reindex') {
    const [, , n, cacheDir, added] = argv;
    process.stdout.write(JSON.stringify(await reindexScenario(Number(n), Number(added), cacheDir)) + '\n');
    return;
  }
  if (argv[0] === '--phase') {
    const [, , dir, cacheDir, n, version] = argv;
    process.stdout.write(JSON.stringify(await startPhase(dir, cacheDir, Number(n), version)) + '\n');
    return;
  }
  const json = argv.includes('--json');
  const store = argv.indexOf('--store');
  if (store >= 0 && argv[store + 1] !== 'embedded') {
    if (argv[store + 1] !== 'postgres') throw new Error('bench: --store takes postgres or embedded');
    const { scaleBench, printScale } = await import('./scale.ts');
    const a = argv.indexOf('--articles');
    const n = a >= 0 ? Number(argv[a + 1]) : 1_000;
    if (!Number.isInteger(n) || n <= 0) throw new Error('bench: --articles takes a positive whole number');
    const result = await scaleBench(n, json);
    if (json) process.stdout.write(JSON.stringify(result) + '\n');
    else printScale(result);
    return;
  }
  const i = argv.indexOf('--articles');
  const sizes = i >= 0 ? [Number(argv[i + 1])] : [1_000, 10_000, 100_000];
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('bench: --articles takes a positive whole number');
  const results: BenchResult[] = [];
  for (const n of sizes) {
    if (!json) console.error(`bench: ${n} articles…`);
    results.push(await coldPhase(n));
  }
  if (json) process.stdout.write(JSON.stringify(results.length === 1 ? results[0] : results) + '\n');
  else printTable(results);
}

await main(process.argv.slice(2));
