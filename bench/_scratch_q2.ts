import { readFileSync } from 'node:fs';
import { articleFromText } from '../src/corpus/load.ts';
import { extractQuotes } from '../src/knowledge/quotes.ts';
const [name, para] = process.argv.slice(2);
const text = readFileSync(`/work/shared/polnear/${process.env.SPLIT ?? "train"}/text/${name}.txt`, 'utf8');
const a = articleFromText(name, text);
const p = Number(para);
for (const pp of a.paragraphs.filter(x => Math.abs(x.n - p) <= 1)) console.log(`[${pp.n}] ${pp.text}`);
for (const q of extractQuotes(a, []).filter(q => Math.abs(q.paragraph - p) <= 1)) console.log(`  p${q.paragraph} ${q.partial?'PARTIAL ':''}[${q.speaker} | ${q.speakerKind} | ${q.speakerMention} | ${q.cue}] ${q.text.slice(0,50)}`);
