/**
 * The re-index scenario of the bench: a warm corpus of `base` articles is serving answers when `added` new files land
 * in its folder. While the live host re-indexes, a `/quote` interaction arrives every `everyMs` (on a wall-clock
 * schedule, as Discord would send them whatever the process is doing); each is answered as the dispatcher would,
 * as soon as the event loop gets to it. Figures: the longest event-loop stall during the re-index, and how many
 * interactions got their first response later than Discord's 3 s (waiting for the loop plus answering).
 */
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LiveNewsdesk } from '../src/pipeline/live.ts';
import { benchCorpus, OUT, sourceArticles } from './corpora.ts';

export interface ReindexResult {
  reindex_base_articles: number;
  reindex_added_files: number;
  /** From the files written to the new index answering. */
  reindex_ms: number;
  /** Longest event-loop stall while re-indexing, not counting the time spent answering the interactions themselves. */
  reindex_max_stall_ms: number;
  /** The longest single `/quote` answer during the re-index (part of every response time, not of the stall). */
  reindex_max_answer_ms: number;
  reindex_interactions: number;
  /** Interactions whose first response would have come after Discord's 3 s. */
  reindex_late_interactions: number;
  reindex_worst_response_ms: number;
}

/** Discord's deadline for an interaction's first response. */
const DEADLINE_MS = 3000;

export async function reindexScenario(base: number, added: number, cacheDir: string, everyMs = 100): Promise<ReindexResult> {
  const { dir: baseDir } = benchCorpus(base);
  const dir = path.join(OUT, `reindex-${base}-${Date.now()}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(baseDir, dir, { recursive: true });
  const names = new Set(readdirSync(dir));
  // New articles: real ones the base corpus does not hold (from the end of the source list), else copies under new names.
  const sources = sourceArticles();
  const fresh = sources.slice(-added).filter((s) => !names.has(`${s.name}.md`) && !names.has(`${s.name}.txt`));
  // Watching the folder as the bot does (its events cost the event loop too); the rebuild itself is started below.
  const live = await LiveNewsdesk.open({ corpusDir: dir, cacheDir, debounceMs: 3_600_000 });
  await live.refresh();
  const articlesBefore = live.desk.ctx.corpus.articles.length;

  const t0 = performance.now();
  // A line unique to this run, so that no cache holds the new articles from an earlier run.
  const run = `<!-- bench run ${Date.now()} -->\n`;
  for (let i = 0; i < added; i++) {
    const s = fresh[i] ?? sources[i % sources.length];
    writeFileSync(path.join(dir, `${fresh[i] ? '' : 'added-'}${s.name}.md`), s.text + run);
  }
  // The stall monitor: a 5 ms ticker; a gap between ticks, minus the time answering in it, is the re-index's stall.
  let answering = 0;
  let maxAnswer = 0;
  let stall = 0;
  let lastTick = performance.now();
  let answeringAtTick = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - lastTick - (answering - answeringAtTick));
    lastTick = now;
    answeringAtTick = answering;
  }, 5);
  const responses: number[] = [];
  let done = false;
  const speakers = ['Baker', 'Volcker', 'Yeutter', 'Clinton', 'Trump', 'spokesman', 'analysts', 'Reagan'];
  const start = performance.now();
  let next = 0;
  // Whenever the event loop gets to it, every interaction due by now is answered (as gateway messages queued in the
  // socket would be), each one's response time counted from when it was due.
  const serve = () => {
    if (done) return;
    while (start + next * everyMs <= performance.now()) {
      const due = start + next * everyMs;
      const a0 = performance.now();
      try {
        live.desk.answer({ command: 'quote', query: speakers[next % speakers.length] });
      } catch {
        // A user error is still an answer.
      }
      const a1 = performance.now();
      answering += a1 - a0;
      maxAnswer = Math.max(maxAnswer, a1 - a0);
      responses.push(a1 - due);
      next++;
    }
    setTimeout(serve, Math.max(0, start + next * everyMs - performance.now()));
  };
  serve();
  await live.refresh();
  const reindexMs = performance.now() - t0;
  done = true;
  clearInterval(ticker);
  const articlesAfter = live.desk.ctx.corpus.articles.length;
  await live.close();
  if (articlesAfter <= articlesBefore) throw new Error(`bench: the re-index found no new articles (${articlesBefore} → ${articlesAfter})`);
  rmSync(dir, { recursive: true, force: true });
  return {
    reindex_base_articles: articlesBefore,
    reindex_added_files: added,
    reindex_ms: Math.round(reindexMs),
    reindex_max_stall_ms: Math.round(stall),
    reindex_max_answer_ms: Math.round(maxAnswer),
    reindex_interactions: responses.length,
    reindex_late_interactions: responses.filter((r) => r > DEADLINE_MS).length,
    reindex_worst_response_ms: Math.round(Math.max(0, ...responses)),
  };
}
