/**
 * Speed of the article analysis with quote extraction and speaker attribution (analyseArticle + extractQuotes) on PolNeAR articles: the best of a few
 * rounds over the same sample, in articles per second, so that rule changes can be compared before/after on a
 * busy machine. The shared analysis (tokens, quoted spans) and the attribution are timed apart.
 *
 *   npx tsx bench/extract-speed.ts [--split train] [--limit 300] [--rounds 5]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { articleFromText } from '../src/corpus/load.ts';
import { analyseArticle } from '../src/knowledge/analysis/analyse.ts';
import { extractQuotes } from '../src/knowledge/quotes/quotes.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = path.join(process.env.POLNEAR_DIR ?? '/work/shared/polnear', flag('--split', 'train'), 'text');
const limit = Number(flag('--limit', '300'));
const rounds = Number(flag('--rounds', '5'));
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, limit);
const articles = files.map((f) => articleFromText(f.slice(0, -4), readFileSync(path.join(dir, f), 'utf8')));
let bestAnalysis = Infinity;
let bestQuotes = Infinity;
let quotes = 0;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const analyses = articles.map((a) => analyseArticle(a));
  const t1 = performance.now();
  quotes = 0;
  for (const a of analyses) quotes += extractQuotes(a, []).length;
  const t2 = performance.now();
  bestAnalysis = Math.min(bestAnalysis, t1 - t0);
  bestQuotes = Math.min(bestQuotes, t2 - t1);
}
const rate = (ms: number) => ((articles.length * 1000) / ms).toFixed(0);
console.log(
  `${articles.length} articles, ${quotes} quotes, best of ${rounds} rounds: analyseArticle ${bestAnalysis.toFixed(0)} ms (${rate(bestAnalysis)} articles/s), extractQuotes ${bestQuotes.toFixed(0)} ms (${rate(bestQuotes)} articles/s), both ${rate(bestAnalysis + bestQuotes)} articles/s`,
);
