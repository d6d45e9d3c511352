// Single-core extraction speed over PolNeAR train, by CPU time of this process (the machine is shared).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { articleFromText } from '../src/corpus/load.ts';
import { extractArticle } from '../src/knowledge/extract.ts';
const dir = '/work/shared/polnear/train/text';
const limit = Number(process.argv[2] ?? 400);
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, limit);
const articles = files.map((f) => articleFromText(f, readFileSync(path.join(dir, f), 'utf8')));
for (const a of articles.slice(0, 30)) extractArticle(a); // warm-up
for (let round = 0; round < 3; round++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const a of articles) extractArticle(a);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  console.log(`round ${round}: ${articles.length} articles, cpu ${cpu.toFixed(0)} ms = ${(articles.length / cpu * 1000).toFixed(1)} articles/cpu-s (wall ${wall.toFixed(0)} ms)`);
}
