/**
 * A diagnostic, not a figure: the phases of a start from a warm cache, timed, with the heap (after a collection) and
 * RSS after each. `node --expose-gc --import tsx bench/start-probe.ts <corpus dir> <cache dir> [--build | --verify]`
 * (`--build` fills the cache first, as the bench's cold phase does; `--verify` checks the folder after the start, as
 * the bench does before it measures memory).
 */
import { readFileSync } from 'node:fs';
import { buildIndexedCorpus, loadCachedCorpus } from '../src/pipeline/build.ts';
import { Newsdesk } from '../src/newsdesk.ts';
import { IndexCache } from '../src/store/cache.ts';
import { codeVersion } from '../src/store/version.ts';

const [dir, cacheDir] = process.argv.slice(2);
if (!dir || !cacheDir) throw new Error('usage: start-probe <corpus dir> <cache dir> [--build]');
const cache = new IndexCache(cacheDir, codeVersion());
const mb = (n: number) => Math.round(n / 1048576);
if (process.argv.includes('--build')) {
  const tb = performance.now();
  const built = await buildIndexedCorpus(dir, { cache });
  await Newsdesk.fromIndexedAsync(built, { cache });
  console.log(JSON.stringify({ build_ms: Math.round(performance.now() - tb) }));
  process.exit(0);
}
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heap_mb: mb(m.heapUsed), rss_mb: mb(m.rss), array_buffers_mb: mb(m.arrayBuffers) };
};
const t0 = performance.now();
let searchable = 0;
const cached = await loadCachedCorpus(dir, cache, { onSearchable: () => void (searchable = performance.now() - t0) });
if (!cached) throw new Error('start-probe: the cache is empty (run with --build first)');
const loaded = performance.now() - t0;
const afterLoad = memory();
const t1 = performance.now();
const desk = await Newsdesk.fromIndexedAsync(cached, { cache });
desk.answer({ command: 'ask', query: 'oil' });
const deskMs = performance.now() - t1;
const afterDesk = memory();
const threads = () => Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
let afterVerify: object | null = null;
if (process.argv.includes('--verify')) {
  // As the bench does after a start: the folder checked against the cache (it reuses what it loaded).
  await buildIndexedCorpus(dir, { cache, previous: cached });
  afterVerify = { ...memory(), threads: threads() };
}
const t2 = performance.now();
await desk.warm();
const warmMs = performance.now() - t2;
console.log(JSON.stringify({ searchable_ms: Math.round(searchable), loaded_ms: Math.round(loaded), desk_ms: Math.round(deskMs), ready_ms: Math.round(loaded + deskMs), warm_ms: Math.round(warmMs), after_load: afterLoad, after_desk: afterDesk, after_verify: afterVerify, after_warm: { ...memory(), threads: threads() } }));
