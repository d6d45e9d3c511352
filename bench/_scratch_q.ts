import { readFileSync, readdirSync } from 'node:fs';
import { articleFromText } from '../src/corpus/load.ts';
import { extractQuotes } from '../src/knowledge/quotes.ts';
import { extractEntities } from '../src/knowledge/entities.ts';
for (const f of readdirSync('corpus')) {
  const a = articleFromText(f.slice(0,3), readFileSync('corpus/'+f,'utf8'));
  const es = extractEntities(a);
  console.log('=== ', f, es.filter(e=>e.kind==='person').map(e=>e.canonical+'['+e.variants.join('/')+']').join('; '));
  for (const q of extractQuotes(a, es)) console.log(`p${q.paragraph} ${q.partial?'PARTIAL ':''}[${q.speaker} | ${q.speakerKind} | ${q.speakerMention} | ${q.cue}] ${q.text.slice(0,50)}`);
}
