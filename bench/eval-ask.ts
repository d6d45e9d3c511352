/** Ranking quality of `ask` on the labelled questions in data/eval/ask.json: hit@1, hit@3, MRR. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Newsdesk } from '../src/newsdesk.ts';

interface Labelled {
  corpus: 'seeds' | 'polnear-dev';
  question: string;
  article: string;
  contains: string;
}

export interface RankingScore {
  corpus: string;
  questions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  misses: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const POLNEAR_DIR = path.resolve(root, process.env.POLNEAR_DIR ?? '../shared/polnear');

export function labelledQuestions(corpus: Labelled['corpus']): Labelled[] {
  const all = (JSON.parse(readFileSync(path.join(root, 'data/eval/ask.json'), 'utf8')) as { questions: Labelled[] }).questions;
  return all.filter((q) => q.corpus === corpus);
}

export function scoreRanking(desk: Newsdesk, corpus: Labelled['corpus']): RankingScore {
  const questions = labelledQuestions(corpus);
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  const misses: string[] = [];
  for (const q of questions) {
    const answer = desk.answer({ command: 'ask', query: q.question, options: { limit: 10 } });
    const rank = answer.items.findIndex((item) =>
      [item.citation, ...(item.alsoCitedBy ?? [])].some((c) => {
        if (c.article !== q.article) return false;
        const p = desk.ctx.articles.get(c.article)?.paragraphs[c.paragraph - 1];
        return !!p && p.norm.includes(q.contains.replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));
      }),
    );
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) rr += 1 / (rank + 1);
    else misses.push(q.question);
  }
  const n = questions.length || 1;
  return { corpus, questions: questions.length, hitAt1: hit1 / n, hitAt3: hit3 / n, mrr: rr / n, misses };
}

export async function evalAsk(): Promise<RankingScore[]> {
  const scores = [scoreRanking(await Newsdesk.open({ corpusDir: path.join(root, 'corpus') }), 'seeds')];
  const dev = path.join(POLNEAR_DIR, 'dev/text');
  if (existsSync(dev)) scores.push(scoreRanking(await Newsdesk.open({ corpusDir: dev }), 'polnear-dev'));
  return scores;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const s of await evalAsk()) {
    console.log(`${s.corpus.padEnd(12)} n=${s.questions} hit@1=${s.hitAt1.toFixed(2)} hit@3=${s.hitAt3.toFixed(2)} MRR=${s.mrr.toFixed(2)}`);
    for (const m of s.misses) console.log(`   miss: ${m}`);
  }
}
