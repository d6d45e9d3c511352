/**
 * Date resolution accuracy on the labelled expressions in data/eval/dates.json (seed articles and PolNeAR dev).
 * An expression counts as correct when a DateMention overlaps its offset and has exactly the expected value.
 * Run alone: `npx tsx bench/eval-dates.ts` (POLNEAR_DIR overrides ../shared/polnear).
 */
import { analyseArticle } from '../src/knowledge/analysis/analyse.ts';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleFromText } from '../src/corpus/load.ts';
import type { Article } from '../src/corpus/types.ts';
import { extractDates } from '../src/knowledge/dates/dates.ts';
import type { DateMention } from '../src/knowledge/types.ts';

interface LabelledDate {
  source: 'seed' | 'polnear-dev';
  article: string;
  published: string | null;
  text: string;
  offset: number;
  context: string;
  expected: string | null;
}

export interface DateMiss {
  article: string;
  text: string;
  expected: string | null;
  got: string | null | 'not found';
  context: string;
}

// A type alias (not an interface) so it is assignable to Record<string, unknown> in bench/eval.ts.
export type DateScore = {
  labelled: number;
  /** Labels some mention overlaps. */
  found: number;
  correct: number;
  /** correct / labelled */
  accuracy: number;
  bySource: Record<string, { labelled: number; correct: number }>;
  misses: DateMiss[];
  skipped: number;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POLNEAR_DIR = path.resolve(root, process.env.POLNEAR_DIR ?? '../shared/polnear');

function readArticle(item: LabelledDate): { article: Article; text: string } | null {
  const file =
    item.source === 'seed'
      ? path.join(root, 'corpus', `${item.article}.txt`)
      : path.join(POLNEAR_DIR, 'dev', 'text', `${item.article}.txt`);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  // PolNeAR texts carry no date line: the publication date comes from metadata.tsv (stored with the label).
  const meta = item.source === 'polnear-dev' && item.published ? { published: item.published } : undefined;
  const article = articleFromText(item.article, text, 'txt', { file: path.basename(file), meta });
  return { article, text };
}

export async function evalDates(): Promise<DateScore> {
  const items = (JSON.parse(readFileSync(path.join(root, 'data/eval/dates.json'), 'utf8')) as { items: LabelledDate[] }).items;
  const cache = new Map<string, { mentions: DateMention[]; text: string } | null>();
  const score: DateScore = { labelled: 0, found: 0, correct: 0, accuracy: 0, bySource: {}, misses: [], skipped: 0 };
  for (const item of items) {
    if (!cache.has(item.article)) {
      const read = readArticle(item);
      cache.set(item.article, read ? { mentions: extractDates(analyseArticle(read.article)), text: read.text } : null);
    }
    const got = cache.get(item.article);
    if (!got) {
      score.skipped++;
      continue;
    }
    if (got.text.slice(item.offset, item.offset + item.text.length) !== item.text) {
      throw new Error(`eval-dates: label "${item.text}" does not match ${item.article} at ${item.offset}`);
    }
    score.labelled++;
    const src = (score.bySource[item.source] ??= { labelled: 0, correct: 0 });
    src.labelled++;
    const a = item.offset;
    const b = item.offset + item.text.length;
    let best: DateMention | null = null;
    let bestOverlap = 0;
    for (const m of got.mentions) {
      const overlap = Math.min(b, m.end) - Math.max(a, m.start);
      if (overlap > bestOverlap) {
        best = m;
        bestOverlap = overlap;
      }
    }
    if (best) score.found++;
    if (best && best.value === item.expected) {
      score.correct++;
      src.correct++;
    } else {
      score.misses.push({ article: item.article, text: item.text, expected: item.expected, got: best ? best.value : 'not found', context: item.context });
    }
  }
  score.accuracy = score.labelled ? score.correct / score.labelled : 0;
  return score;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await evalDates();
  console.log(`date value accuracy: ${s.correct}/${s.labelled} = ${s.accuracy.toFixed(3)} (found ${s.found}/${s.labelled}${s.skipped ? `, ${s.skipped} skipped: texts missing` : ''})`);
  for (const [k, v] of Object.entries(s.bySource)) console.log(`  ${k}: ${v.correct}/${v.labelled}`);
  for (const m of s.misses) console.log(`  miss ${m.article.slice(0, 32)} "${m.text}" expected ${m.expected} got ${m.got} | ${m.context}`);
}
