/**
 * `npx tsx bench/latency-probe.ts <corpus dir> <cache dir> [command]`: starts a Newsdesk from a warm bench cache and
 * prints, per query of the bench's set, the slowest and median of a few runs — to find which queries make the p99.
 */
import { loadCachedCorpus } from '../src/pipeline/build.ts';
import { Newsdesk } from '../src/newsdesk.ts';
import { IndexCache } from '../src/store/cache.ts';
import { QUERIES } from './bench-queries.ts';

const [dir, cacheDir, only] = process.argv.slice(2);
const REPS = Number(process.env.REPS ?? 8);
const cache = new IndexCache(cacheDir);
const cached = await loadCachedCorpus(dir, cache);
if (!cached) throw new Error('latency-probe: the cache is empty');
const desk = await Newsdesk.fromIndexedAsync(cached, { cache });
for (const command of ['ask', 'who', 'when', 'quote', 'autocomplete'] as const) {
  if (only && only !== command) continue;
  for (const q of QUERIES[command]) {
    const times: number[] = [];
    for (let r = 0; r < REPS; r++) {
      const t = performance.now();
      try {
        if (command === 'autocomplete') {
          desk.complete('who', q);
          desk.complete('quote', q);
        } else desk.answer({ command, query: q });
      } catch {
        // an unknown name is still an answer
      }
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${command.padEnd(12)} ${JSON.stringify(q).padEnd(40)} median ${times[times.length >> 1].toFixed(2).padStart(7)}  max ${times[times.length - 1].toFixed(2).padStart(7)}`);
  }
}
