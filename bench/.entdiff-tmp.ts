import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { articleFromText } from '../src/corpus/load.ts';
import { extractEntities } from '../src/knowledge/people/entities.ts';
const dir = '/work/shared/polnear/train/text';
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, Number(process.argv[2] ?? 200));
const out: string[] = [];
for (const f of files) {
  const a = articleFromText(f, readFileSync(path.join(dir, f), 'utf8'));
  for (const e of extractEntities(a)) out.push(`${f}\t${e.kind}\t${e.canonical}\t${e.variants.sort().join('|')}\t${e.roles.map((r) => r.text).join('|')}`);
}
writeFileSync(process.argv[3], out.join('\n') + '\n');
