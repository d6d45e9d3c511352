/**
 * Lists the quote and speaker misses of bench/eval-quotes.ts on a PolNeAR split (train by default), grouped
 * by what went wrong, with the text around each so that they can be sorted into rule families.
 *
 *   npx tsx bench/attribution-errors.ts [--split train] [--half a|b] [--group speaker|fp|fn|all] [--max N] [--context N] [--list]
 *
 * Groups: `fp` (a quote of ours that is not one), `fn` (a gold quote we missed), and for speakers
 * `<gold class>/<ours>` where ours is `none` (no speaker), `person`, `unnamed` or `organisation`.
 * `--list` prints one line per miss instead (to diff two versions of the rules). Use it on train only: dev is
 * for measurement.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evalQuotes, type EvalMiss } from './eval-quotes.ts';

function group(m: EvalMiss): string {
  if (m.kind !== 'speaker') return m.kind;
  const ours = !m.pred?.speaker ? 'none' : m.pred.speakerKind;
  return `${m.sourceClass}/${ours}`;
}

function show(m: EvalMiss, context: number): string {
  const from = Math.max(0, Math.min(m.start, m.sourceStart ?? m.start) - context);
  const to = Math.min(m.text.length, m.end + 80);
  const window = `${m.text.slice(from, m.start)}⟦${m.text.slice(m.start, m.end)}⟧${m.text.slice(m.end, to)}`.replace(/\s+/g, ' ');
  const lines = [`— ${m.article} @${m.start}`];
  if (m.kind === 'speaker') lines.push(`  gold: ${m.expected}   ours: ${m.pred?.speaker ?? '∅'} (${m.pred?.speakerKind}, mention ${JSON.stringify(m.pred?.speakerMention)}, cue ${m.pred?.cue})`);
  lines.push(`  ${window}`);
  if (m.note) lines.push(`  ⇒ ${m.note}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const split = (flag('--split') ?? 'train') as 'dev' | 'train';
  const only = flag('--group') ?? 'all';
  const max = Number(flag('--max') ?? 40);
  const context = Number(flag('--context') ?? 250);
  const dir = process.env.POLNEAR_DIR ?? '/work/shared/polnear';
  const misses: EvalMiss[] = [];
  const half = flag('--half') as 'a' | 'b' | undefined;
  await evalQuotes(dir, { split, half, onMiss: (m) => misses.push(m) });
  if (args.includes('--list')) {
    for (const m of misses) {
      const where = `${group(m)} ${m.article}@${m.start}`;
      if (m.kind === 'speaker') console.log(`${where} gold[${m.expected}] ours[${m.pred?.speaker} | ${m.pred?.speakerMention} | ${m.pred?.cue}]`);
      else console.log(`${where} ${m.text.slice(m.start, m.start + 60).replace(/\s+/g, ' ')}${m.note ? `  ⇒ ${m.note.replace(/\s+/g, ' ')}` : ''}`);
    }
    process.exit(0);
  }
  const groups = new Map<string, EvalMiss[]>();
  for (const m of misses) {
    const g = group(m);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(m);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  console.log(`${misses.length} misses on ${split}:`);
  for (const [g, list] of sorted) console.log(`  ${g.padEnd(24)} ${list.length}`);
  for (const [g, list] of sorted) {
    if (only !== 'all' && !g.startsWith(only)) continue;
    console.log(`\n=== ${g} (${list.length}) ===`);
    for (const m of list.slice(0, max)) console.log(show(m, context));
  }
}
