/**
 * A Newsdesk that follows its corpus folder. It starts from the cache when it can (answers are possible as soon as
 * the cached index is read), verifies the folder in the background, and watches it: a file added, changed or removed
 * leads to an incremental rebuild (only the segments concerned) and an atomic swap. Until the new build is ready the
 * previous one keeps answering; a broken new file only adds a warning. Reading, extraction and indexing run in the
 * worker pool (pool.ts); after each successful swap the cache drops the segments the corpus no longer uses.
 */
import { Newsdesk } from '../newsdesk.ts';
import type { CorpusWarning } from '../corpus/types.ts';
import { IndexCache, type SegmentCache } from '../store/cache.ts';
import { defaultCacheDir } from '../store/version.ts';
import { watchFolder, type FolderWatcher } from './watch.ts';
import { buildIndexedCorpus, loadCachedCorpus, type BuildOptions, type CorpusSource, type IndexedCorpus, type LoadOptions } from './build.ts';

export interface LiveOptions {
  corpusDir: string;
  /** Cache folder (default: `NEWSDESK_CACHE_DIR` or `.cache/`); false for none. */
  cacheDir?: string | false;
  /** Another cache (PostgreSQL's): wins over `cacheDir`. */
  cache?: SegmentCache;
  /** Where the files come from (default: the folder `corpusDir`); anything but a folder is not watched (call `refresh()`). */
  source?: CorpusSource;
  /** Quiet time after the last change before rebuilding (ms). */
  debounceMs?: number;
  /** Poll the folder every this many ms instead of (or when unable to) `fs.watch`; 0 to rely on `fs.watch` only. */
  pollMs?: number;
  /** Do not watch at all (refresh by calling `refresh()`). */
  watch?: boolean;
  /** Called when a rebuild begins (files changed, or a poll). */
  onRebuild?: () => void;
  /** Called after each swap, and with each failed rebuild. */
  onUpdate?: (desk: Newsdesk, built: IndexedCorpus) => void;
  onError?: (error: Error) => void;
  /** Called once for every skipped or damaged file (its name and why), at the first build and whenever a new one appears. */
  onWarning?: (warning: CorpusWarning) => void;
  /** Called when the cached passage index is loaded at start (before articles and entities are). */
  onSearchable?: LoadOptions['onSearchable'];
  /**
   * Another signal of change (the database's LISTEN/NOTIFY): called once with the function that rebuilds; returns
   * the function that stops it, called on close.
   */
  subscribe?: (changed: () => void) => () => void;
  /** Extraction (injectable for tests). */
  extract?: BuildOptions['extract'];
  /** The worker pool (default: the process's); null to build on the main thread. */
  pool?: BuildOptions['pool'];
}

export class LiveNewsdesk {
  private current: Newsdesk;
  private built: IndexedCorpus;
  private readonly options: LiveOptions;
  private readonly cache: SegmentCache | null;
  private watcher: FolderWatcher | null = null;
  private poller: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** Aborts the build in progress when the host closes. */
  private readonly stopping = new AbortController();
  /** Warnings already reported (file and message). */
  private readonly warned = new Set<string>();
  /** Number of swaps so far (0 = the first build). */
  generation = 0;

  private constructor(built: IndexedCorpus, desk: Newsdesk, options: LiveOptions, cache: SegmentCache | null) {
    this.built = built;
    this.current = desk;
    this.options = options;
    this.cache = cache;
  }

  /**
   * Opens the corpus folder: from the cache at once when there is one (then verified in the background), else
   * built now. Throws when the folder cannot be read and nothing is cached.
   */
  static async open(options: LiveOptions): Promise<LiveNewsdesk> {
    const cache = options.cache ?? (options.cacheDir === false ? null : new IndexCache(options.cacheDir ?? defaultCacheDir()));
    const corpusId = options.source?.id ?? options.corpusDir;
    const cached = cache ? await loadCachedCorpus(corpusId, cache, { onSearchable: options.onSearchable }).catch(() => null) : null;
    const first = cached ?? (await buildIndexedCorpus(options.corpusDir, { cache, source: options.source, extract: options.extract, pool: options.pool }));
    const live = new LiveNewsdesk(first, await Newsdesk.fromIndexedAsync(first, { cache }), options, cache);
    live.reportWarnings(first);
    void live.current.warm(() => live.closed);
    if (options.watch !== false && !options.source) live.startWatching();
    if (options.subscribe) live.unsubscribe = options.subscribe(() => live.schedule(0));
    if (cached) live.schedule(0);
    return live;
  }

  /** The Newsdesk answering now. Take it once per request: a swap never changes a Newsdesk in use. */
  get desk(): Newsdesk {
    return this.current;
  }

  get indexed(): IndexedCorpus {
    return this.built;
  }

  /** Rebuilds now (waiting for a rebuild in progress first); resolves when the new index is in place. */
  async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      await this.running;
      if (this.running) await this.running;
      return;
    }
    this.running = this.rebuild();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    if (this.again && !this.closed) {
      this.again = false;
      await this.refresh();
    }
  }

  private async rebuild(): Promise<void> {
    try {
      this.options.onRebuild?.();
      const built = await buildIndexedCorpus(this.options.corpusDir, {
        cache: this.cache,
        source: this.options.source,
        previous: this.built,
        extract: this.options.extract,
        pool: this.options.pool,
        signal: this.stopping.signal,
      });
      if (this.closed || built === this.built) return;
      // Entities are merged (or read from the cache) in small steps: the previous desk keeps answering meanwhile.
      const desk = await Newsdesk.fromIndexedAsync(built, { cache: this.cache });
      // Its answer indexes too, before it answers: else the first /quote after a swap builds them (200 ms at 100k).
      await desk.warm(() => this.closed);
      if (this.closed) return;
      const before = this.built;
      this.built = built;
      this.current = desk;
      this.generation++;
      this.reportWarnings(built);
      this.options.onUpdate?.(this.current, built);
      // What the previous build used and this one does not is garbage now (other corpora sharing the cache are safe).
      const kept = new Set(built.segments.map((s) => s.key));
      await this.cache?.prune?.({ drop: before.segments.map((s) => s.key).filter((k) => !kept.has(k)) }).catch(() => undefined);
    } catch (error) {
      // Closing aborts the build: not a failure.
      if (this.closed) return;
      // The folder vanished or could not be listed: keep answering from the last good index.
      this.options.onError?.(error as Error);
    }
  }

  private reportWarnings(built: IndexedCorpus): void {
    for (const w of built.corpus.warnings) {
      const key = `${w.file}\u0000${w.message}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      this.options.onWarning?.(w);
    }
  }

  private schedule(delay = this.options.debounceMs ?? 500): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch((error) => this.options.onError?.(error as Error));
    }, delay);
    this.timer.unref?.();
  }

  private startWatching(): void {
    const pollMs = this.options.pollMs ?? 0;
    try {
      this.watcher = watchFolder(
        this.options.corpusDir,
        () => this.schedule(),
        () => {
          this.watcher?.close();
          this.watcher = null;
          this.startPolling(pollMs || 5000);
        },
      );
    } catch {
      this.startPolling(pollMs || 5000);
      return;
    }
    if (pollMs) this.startPolling(pollMs);
  }

  private startPolling(ms: number): void {
    if (this.poller || this.closed) return;
    // A poll is a rebuild that finds nothing changed cheaply (file sizes and times only).
    this.poller = setInterval(() => {
      if (!this.running && !this.timer) this.schedule(0);
    }, ms);
    this.poller.unref?.();
  }

  /** Stops watching and abandons a rebuild in progress (its worker tasks are cancelled); the current desk stays usable. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopping.abort(new Error('newsdesk: the live corpus was closed'));
    this.watcher?.close();
    this.watcher = null;
    if (this.poller) clearInterval(this.poller);
    if (this.timer) clearTimeout(this.timer);
    this.poller = this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
  }
}
