/**
 * A bot-like process for `npm run bench -- --store postgres`: opens the shared workspace from PostgreSQL
 * (DATABASE_URL) as a bot process does, reports how long after its start it answered its first question, then the
 * latency of each command over `--queries FILE` (JSON { ask: [...], who: [...], ... }); then, for each line
 * `watch WORD` on stdin, reports when its index first answers WORD (propagation of an article added elsewhere).
 * One JSON line per report on stdout.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { settings } from '../src/config.ts';
import { openDatabase } from '../src/pg/database.ts';
import { ChangeListener } from '../src/pg/listen.ts';
import { openWorkspaceDesk } from '../src/pg/live.ts';

const started = performance.timeOrigin;
const url = settings().databaseUrl;
if (!url) throw new Error('scale-probe: DATABASE_URL is not set');
const queries = JSON.parse(readFileSync(process.argv[process.argv.indexOf('--queries') + 1]!, 'utf8')) as Record<string, string[]>;
const db = await openDatabase(url);
const listener = await ChangeListener.start(url);
const live = await openWorkspaceDesk(db, listener, 'shared');
live.desk.answer({ command: 'ask', query: queries.ask?.[0] ?? 'news' });
const firstAnswerMs = performance.timeOrigin + performance.now() - started;
const stats = live.indexed.stats;
const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
out({ event: 'ready', firstAnswerMs: Math.round(firstAnswerMs), articles: live.desk.ctx.corpus.articles.length, extracted: stats.extracted, segmentsBuilt: stats.segmentsBuilt, segmentsLoaded: stats.segmentsLoaded, rssMb: Math.round(process.memoryUsage().rss / 1048576) });

const latencies: Record<string, { p50_ms: number; p99_ms: number; n: number }> = {};
for (const [command, list] of Object.entries(queries)) {
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of list) {
      const t = performance.now();
      if (command === 'autocomplete') live.desk.complete('who', query);
      else live.desk.answer({ command: command as 'ask', query });
      samples.push(performance.now() - t);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Number(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2));
  latencies[command] = { p50_ms: at(0.5), p99_ms: at(0.99), n: samples.length };
}
out({ event: 'latency', latencies });

const cites = (word: string) => live.desk.answer({ command: 'ask', query: word }).items.some((i) => i.text.toLowerCase().includes(word));
for await (const line of createInterface({ input: process.stdin })) {
  const word = /^watch (\S+)$/.exec(line.trim())?.[1];
  if (!word) continue;
  while (!cites(word)) await new Promise((r) => setTimeout(r, 2));
  out({ event: 'seen', word, at: Date.now() });
}
await live.close();
await listener.close();
await db.close();
