/**
 * The worker pool the pipeline runs its heavy steps in (piscina): reading and cleaning files, extraction, and index
 * segment building happen in worker threads, so the main thread keeps answering while files are added. One pool of
 * as many threads as there are cores; a build chooses how many it keeps busy (`parallelism`): every core for a cold
 * bulk build, one less (at least one) for an incremental build while the bot is answering.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { ArticleKnowledge } from '../knowledge/types.ts';
import type { Article } from '../corpus/types.ts';
import type { LoadedFile } from '../corpus/load.ts';
import type { PackedIndexInput } from './tasks.ts';

/** Cores this process may use. */
export function availableCores(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Workers kept busy: every core for a cold bulk build, one less (at least one) when answers are being served. */
export function parallelism(cold: boolean, cores = availableCores()): number {
  return cold ? cores : Math.max(1, cores - 1);
}

/** Idle workers exit after this long (the extraction stack costs a worker a few seconds to load). */
const IDLE_MS = 5 * 60_000;

/** What the tasks of tasks.ts answer with, one per file or article. */
export type ExtractResult = { knowledge: ArticleKnowledge } | { error: string };

export class PipelinePool {
  readonly threads: number;
  private pool: Piscina | null = null;
  private closed = false;

  constructor(threads = availableCores()) {
    this.threads = Math.max(1, threads);
  }

  private get piscina(): Piscina {
    if (this.closed) throw new Error('newsdesk: the worker pool is closed');
    // The entry is plain JavaScript that loads the TypeScript tasks (worker threads do not inherit tsx's loader).
    this.pool ??= new Piscina({ filename: new URL('./worker.mjs', import.meta.url).href, minThreads: 0, maxThreads: this.threads, idleTimeout: IDLE_MS });
    return this.pool;
  }

  /** Reads, decodes and cleans files of `dir` (corpus/load.ts `loadFile`), in the order given. */
  read(dir: string, files: string[], maxBytes: number, signal?: AbortSignal): Promise<LoadedFile[]> {
    return this.piscina.run({ dir, files, maxBytes }, { name: 'read', signal });
  }

  /** `extractArticle` of each article; a failure is reported per article, never thrown. */
  extract(articles: Article[], signal?: AbortSignal): Promise<ExtractResult[]> {
    return this.piscina.run({ articles }, { name: 'extract', signal });
  }

  /** An index segment over the articles, encoded (search/segment.ts `encodeSegment`); its buffer is transferred, not copied. */
  index(packed: PackedIndexInput, signal?: AbortSignal): Promise<Uint8Array> {
    return this.piscina.run({ packed }, { name: 'index', signal });
  }

  /** Stops the workers at once (tasks in flight are abandoned). */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}

let shared: PipelinePool | null = null;

/** The process's pool (created on first use). */
export function sharedPool(): PipelinePool {
  shared ??= new PipelinePool();
  return shared;
}

/** Stops the process's pool, if it was started (shutdown). */
export async function closeSharedPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}

/** `fn` over `items`, at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}
