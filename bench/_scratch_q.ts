import nlp from 'compromise';
import { readFileSync, readdirSync } from 'node:fs';
const files = readdirSync('/work/shared/polnear/train/text').slice(0,50).map(f=>readFileSync('/work/shared/polnear/train/text/'+f,'utf8'));
nlp('warm up the parser. He said so.').json();
let t=performance.now(); let chars=0;
for (const f of files) { const d = nlp(f); d.json({offset:true}); chars+=f.length; }
console.log('50 docs', performance.now()-t, 'ms', chars, 'chars');
t=performance.now();
for (const f of files) { const d = nlp(f); d.json({offset:true, terms:{tags:true}}); }
console.log('50 docs tokenize', performance.now()-t);
t=performance.now();
for (const f of files) { const d = nlp.tokenize(f); d.json({offset:true}); }
console.log('50 docs tokenize', performance.now()-t);
const text = readFileSync('corpus/003_07dcabbb3116f795.txt','utf8') + readFileSync('corpus/004_0e8ab7f9404d1008.txt','utf8');
const s = nlp(text).json({offset:true}) as any[];
for (const x of s) console.log(x.terms.filter((t:any)=>t.tags.includes('ProperNoun')||t.tags.includes('Person')).map((t:any)=>t.text+'/'+t.tags.filter((g:string)=>!['Noun','Singular','ProperNoun'].includes(g)).join(',')).join(' '));
