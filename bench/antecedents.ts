/**
 * Pronoun and description speakers scored against antecedents labelled by hand, beside the stand-in of
 * bench/eval-quotes.ts (the nearest earlier named gold Source), which PolNeAR's lack of coreference links forces.
 *
 *   npx tsx bench/antecedents.ts tasks --split dev [--sample N --seed S] > tasks.md   (blind: no stand-in, no answer of ours)
 *   npx tsx bench/antecedents.ts score --split dev [--labels bench/antecedents/dev.tsv]
 *
 * A label file has one line per item: `article@offset<TAB>who`, where offset is the gold Source's start and who
 * is the referent as the article names it most fully, or UNCLEAR / NOBODY (not one person or body: not scored).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evalQuotes, matchesLabel, nameKey, readAntecedents, speakerMatchesName } from './eval-quotes.ts';
import type { Quote } from '../src/knowledge/types.ts';

export interface PronounItem {
  id: string;
  article: string;
  text: string;
  at: number;
  mentionEnd: number;
  start: number;
  end: number;
  source: string;
  pred: Quote;
  standIn: string | null;
}

export async function pronounItems(polnearDir: string, split: 'dev' | 'train', half?: 'a' | 'b'): Promise<PronounItem[]> {
  const items: PronounItem[] = [];
  await evalQuotes(polnearDir, { split, half, onPronounItem: (i) => items.push({ ...i, id: `${i.article}@${i.at}` }) });
  return items;
}

export interface HandScore {
  labelled: number;
  scored: number;
  correct: number;
  /** Items the stand-in also scores, and how often it names the labelled referent. */
  standInScored: number;
  standInAgrees: number;
  /** Our accuracy on the items the stand-in scores, by the stand-in and by the labels. */
  byStandIn: number;
  byLabel: number;
}

export function scoreByLabels(items: PronounItem[], labels: Map<string, string>): HandScore {
  const score: HandScore = { labelled: 0, scored: 0, correct: 0, standInScored: 0, standInAgrees: 0, byStandIn: 0, byLabel: 0 };
  for (const item of items) {
    const who = labels.get(item.id);
    if (!who) continue;
    score.labelled++;
    if (/^(UNCLEAR|NOBODY)$/i.test(who)) continue;
    const ok = matchesLabel(item.pred, who, item.text);
    score.scored++;
    if (ok) score.correct++;
    if (item.standIn) {
      score.standInScored++;
      const standKey = nameKey(item.standIn);
      if (standKey && speakerMatchesName({ ...item.pred, speaker: who, speakerKind: 'person' }, standKey)) score.standInAgrees++;
      if (standKey && speakerMatchesName(item.pred, standKey)) score.byStandIn++;
      if (ok) score.byLabel++;
    }
  }
  return score;
}

/** A deterministic shuffle (mulberry32), so that a sample can be drawn again. */
function sample<T>(list: T[], n: number, seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

function task(item: PronounItem): string {
  let from = Math.max(0, item.at - 1500);
  const para = item.text.lastIndexOf('\n', from);
  if (para > 0 && item.at - para < 2500) from = para + 1;
  const to = Math.min(item.text.length, Math.max(item.end, item.mentionEnd) + 250);
  const mark = [
    [item.at, '⟦'],
    [item.mentionEnd, '⟧'],
  ] as const;
  let out = '';
  let pos = from;
  for (const [at, sign] of mark) {
    out += item.text.slice(pos, at) + sign;
    pos = at;
  }
  out += item.text.slice(pos, to);
  return `## ${item.id}\n\nWho is ⟦${item.text.slice(item.at, item.mentionEnd)}⟧?\n\n${out.trim()}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const split = (flag('--split') ?? 'dev') as 'dev' | 'train';
  const dir = process.env.POLNEAR_DIR ?? '/work/shared/polnear';
  const items = await pronounItems(dir, split, flag('--half') as 'a' | 'b' | undefined);
  if (args[0] === 'tasks') {
    const n = Number(flag('--sample') ?? items.length);
    const chosen = sample(items, n, Number(flag('--seed') ?? 1)).sort((a, b) => a.id.localeCompare(b.id));
    console.log(chosen.map(task).join('\n'));
  } else {
    const file = flag('--labels') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'antecedents', `${split}.tsv`);
    if (!existsSync(file)) throw new Error(`no labels at ${file}`);
    const s = scoreByLabels(items, readAntecedents(file));
    console.log(`${split}: ${items.length} pronoun/description items, ${s.labelled} labelled, ${s.scored} naming one referent`);
    console.log(`  ours right by the labels            ${(s.correct / s.scored).toFixed(3)} (${s.correct}/${s.scored})`);
    console.log(`  where the stand-in scores (${s.standInScored}): stand-in names the labelled referent ${(s.standInAgrees / s.standInScored).toFixed(3)}; ours right by stand-in ${s.byStandIn}, by labels ${s.byLabel}`);
  }
}
