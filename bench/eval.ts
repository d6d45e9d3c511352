/**
 * `npm run eval`: answer quality, measured. Quote extraction and speaker attribution against PolNeAR dev,
 * date value accuracy on the labelled date set, and `ask` ranking on the labelled questions.
 */
import { evalAsk } from './eval-ask.ts';

type Row = [string, string];

function table(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

const pct = (x: number | undefined | null) => (typeof x === 'number' ? x.toFixed(3) : 'n/a');

for (const s of await evalAsk()) {
  table(`ask ranking (${s.corpus}, ${s.questions} labelled questions)`, [
    ['hit@1', pct(s.hitAt1)],
    ['hit@3', pct(s.hitAt3)],
    ['MRR', pct(s.mrr)],
  ]);
}

try {
  const { evalDates } = (await import('./eval-dates.ts')) as { evalDates: () => Promise<Record<string, unknown>> };
  const d = await evalDates();
  table('dates (labelled expressions)', Object.entries(d).filter(([, v]) => typeof v !== 'object').map(([k, v]) => [k, typeof v === 'number' && v <= 1 ? pct(v) : String(v)]));
} catch (error) {
  console.log(`\ndates: not measured (${(error as Error).message})`);
}

try {
  const { evalQuotes, formatQuoteEval } = await import('./eval-quotes.ts');
  const { POLNEAR_DIR } = await import('./eval-ask.ts');
  const q = await evalQuotes(POLNEAR_DIR, { split: 'dev' });
  if (!q) console.log(`\nquotes: PolNeAR not found at ${POLNEAR_DIR}; skipped.`);
  else console.log(`\n${formatQuoteEval(q)}`);
} catch (error) {
  console.log(`\nquotes: not measured (${(error as Error).message})`);
}
