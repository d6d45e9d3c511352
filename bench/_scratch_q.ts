import nlp from 'compromise';
const t = 'He stressed that the US is ready. “qqqqqq “West said. whose apparatus is part.\n\nNext para “qqq”, – stressed the US special envoy. Sen. Ted Cruz (R-Texas) said: “qqq” O’Neill said.';
const j = nlp.tokenize(t).json({offset:true}) as any[];
for (const s of j) console.log(JSON.stringify(s.offset), s.terms.map((x:any)=>`[${x.pre}|${x.text}|${x.post}]@${x.offset.start}`).join(' '));
let tt=performance.now(); for (let i=0;i<200;i++) nlp('Pakistani Foreign Minister Shah Mehmood Qureshi').json(); console.log((performance.now()-tt)/200,'ms/tag');
for (const n of ['Pakistani Foreign Minister Shah Mehmood Qureshi','US Secretary of State Anthony Blinken','Taliban','Mottaki','Hillary Clinton','Sarah Charles','Washington','Assistant Special Envoy Tom West','Sen. Ted Cruz','State Department','Good','Nothing','Mr. Trump','Donald J. Trump','Bakhtar','Donald Trump Jr.'])
 console.log(n, (nlp(n).json() as any[])[0].terms.map((x:any)=>x.text+'/'+x.tags.join(',')).join(' '));
