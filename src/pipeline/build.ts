/**
 * From a corpus folder to an indexed corpus, incrementally: files unchanged since the last build (same size and
 * modification time, or same content hash) keep their article, extraction and index segment; only segments whose
 * articles changed are rebuilt, and extraction runs once per distinct file content (copies reuse it). Segments and
 * the manifest are cached on disk (store/cache.ts), so a restart with an unchanged corpus rebuilds nothing.
 *
 * Reading, extraction and segment indexing run in worker threads (pool.ts) when a pool is given — the default — so
 * the event loop only stats files, groups articles and swaps in the result, in small steps: answers keep flowing
 * during a rebuild. Without a pool (or with an injected `extract`) everything runs here, in slices with pauses.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { listCorpusFiles, loadFile, type LoadedFile } from '../corpus/load.ts';
import { settings } from '../config.ts';
import type { Article, Corpus, CorpusWarning } from '../corpus/types.ts';
import { extractArticle } from '../knowledge/extract.ts';
import type { ArticleKnowledge } from '../knowledge/types.ts';
import { SEGMENT_ARTICLES, SegmentedPassageSearch, yieldToEventLoop } from '../search/passages.ts';
import { buildSegmentAsync, decodeSegment, type Segment } from '../search/segment.ts';
import { segmentKey, type FileRecord, type Manifest, type ManifestHead, type SegmentCache } from '../store/cache.ts';
import { mapLimit, parallelism, sharedPool, type PipelinePool } from './pool.ts';
import { packIndexInput } from './tasks.ts';
import { runSliced, sortSteps } from '../slices.ts';
import { relabelDate } from '../store/stored-date.ts';
import { withParts } from '../store/stored-knowledge.ts';

export interface SegmentState {
  key: string;
  articles: Article[];
  knowledge: ArticleKnowledge[];
  segment: Segment;
}

/** An indexed corpus: everything a Newsdesk is made of, plus what the next incremental build needs. */
export interface IndexedCorpus {
  corpus: Corpus;
  knowledge: Map<string, ArticleKnowledge>;
  passages: SegmentedPassageSearch;
  segments: SegmentState[];
  files: Map<string, FileRecord>;
  /**
   * Set on a corpus loaded from the cache: fills `files` (once) and says whether it could. The file list is only
   * needed to check the folder, so a start reads it after the corpus answers, not before.
   */
  loadFiles?: () => Promise<boolean>;
  stats: BuildStats;
}

export interface BuildStats {
  /** Files read and decoded in this build. */
  filesRead: number;
  /** Articles whose extraction ran (distinct contents). */
  extracted: number;
  /** Segments indexed in this build, and read from the cache. */
  segmentsBuilt: number;
  segmentsLoaded: number;
  /** Listing and reading the files (wall time). */
  readMs: number;
  extractMs: number;
  /** Wall time during which at least one segment was being indexed (it overlaps extraction when pooled). */
  indexMs: number;
}

export interface BuildOptions {
  /** The cache; null for none. */
  cache?: SegmentCache | null;
  /** Where the files come from (default: the folder `corpusDir`). */
  source?: CorpusSource;
  /** The previous build of the same folder, to reuse. */
  previous?: IndexedCorpus | null;
  /** Articles per segment. */
  segmentSize?: number;
  /** A segment of a previous build takes new articles only while it has fewer than this (default TAIL_ARTICLES). */
  tailSize?: number;
  /** Extraction (injectable for tests and benchmarks; an injected one runs on the main thread). */
  extract?: (article: Article) => ArticleKnowledge;
  /** The worker pool for reading, extraction and indexing (default: the process's pool); null to do it all here. */
  pool?: PipelinePool | null;
  /** Aborts the build (shutdown): it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Where a corpus's files come from: a folder (the default), or a workspace of the database (src/pg/source.ts). */
export interface CorpusSource {
  /** Names the corpus in the cache's manifests (a folder's absolute path; `pg:<workspace>`). */
  readonly id: string;
  /** The folder, when the files are one (worker threads then read them themselves). */
  readonly folder?: string;
  /** The files, with a size and modification time that change whenever the content does. */
  list(): Promise<Array<{ file: string; size: number; mtimeMs: number }>>;
  /** Reads one file into an article; never throws (problems are a warning naming the file). */
  load(file: string): Promise<LoadedFile>;
}

/** The files of a folder. */
export function folderSource(corpusDir: string): CorpusSource {
  const dir = path.resolve(corpusDir);
  return {
    id: dir,
    folder: dir,
    async list() {
      const names = await listCorpusFiles(dir);
      const out: Array<{ file: string; size: number; mtimeMs: number }> = [];
      for (let i = 0; i < names.length; i += IO_BATCH) {
        const batch = await Promise.all(names.slice(i, i + IO_BATCH).map(async (file) => ({ file, info: await lstat(path.join(dir, file)).catch(() => null) })));
        for (const { file, info } of batch) out.push({ file, size: info?.size ?? -1, mtimeMs: info?.mtimeMs ?? -1 });
        await yieldToEventLoop();
      }
      return out;
    },
    load: (file) => loadFile(dir, file),
  };
}

/** See `BuildOptions.tailSize`. */
export const TAIL_ARTICLES = 256;

/** Files stat-ed or read concurrently. */
const IO_BATCH = 64;

/** Files one worker task reads, and articles one worker task extracts: small, so results come back in small pieces. */
const TASK_FILES = 16;
const TASK_ARTICLES = 16;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Extraction of one article relabelled for another article with the same content (a copy under another name). */
export function relabelKnowledge(k: ArticleKnowledge, id: string): ArticleKnowledge {
  if (k.article === id) return k;
  const from = k.article;
  const swap = (a: string) => (a === from ? id : a);
  return withParts(k, {
    article: id,
    quotes: k.quotes.map((q) => ({ ...q, article: swap(q.article), id: q.id.startsWith(`${from}#`) ? `${id}${q.id.slice(from.length)}` : q.id })),
    entities: k.entities.map((e) => ({ ...e, roles: e.roles.map((r) => ({ ...r, article: swap(r.article) })) })),
    dates: k.dates.map((d) => relabelDate(d, swap(d.article))),
  });
}

/** Extraction that never throws: a failure leaves the article searchable with nothing extracted. */
function safeExtract(extract: (a: Article) => ArticleKnowledge, a: Article, warnings: CorpusWarning[]): ArticleKnowledge {
  try {
    return extract(a);
  } catch (error) {
    return failedExtraction(a, (error as Error).message, warnings);
  }
}

function failedExtraction(a: Article, message: string, warnings: CorpusWarning[]): ArticleKnowledge {
  warnings.push({ file: a.file, message: `read, but understanding it failed (${message}); only full-text search covers it` });
  return { article: a.id, quotes: [], entities: [], dates: [] };
}

export interface LoadOptions {
  /**
   * Called as soon as the passage index is loaded (before the articles and their extraction are): the corpus is
   * searchable from then on.
   */
  onSearchable?: (passages: SegmentedPassageSearch) => void;
}

/**
 * Reads the cached build of a folder without looking at the folder: fast, possibly stale (verify with
 * `buildIndexedCorpus`). The passage indexes are read first (the front of each segment file) and merged, then the
 * articles and their extraction; every step pauses for the event loop between chunks.
 */
export async function loadCachedCorpus(dir: string, cache: SegmentCache, options: LoadOptions = {}): Promise<IndexedCorpus | null> {
  // The segments first; the file list (long: a record per file) once the corpus is searchable.
  const manifest: ManifestHead | null = cache.readManifestHead ? await cache.readManifestHead(dir) : await cache.readManifest(dir).then((m) => m && { ...m, files: async () => m.files });
  if (!manifest) return null;
  const heads: Array<{ segment: Segment; bodyAt: number }> = [];
  for (let i = 0; i < manifest.segments.length; i += 4) {
    const batch = await Promise.all(manifest.segments.slice(i, i + 4).map((key) => cache.readSegmentIndex(key)));
    for (const head of batch) {
      if (!head) return null;
      heads.push(head);
    }
    await yieldToEventLoop();
  }
  const passages = await SegmentedPassageSearch.createAsync(heads.map((h) => h.segment));
  // (Its first query, in a turn of its own: the index's last step was one.)
  await yieldToEventLoop();
  options.onSearchable?.(passages);
  const segments: SegmentState[] = [];
  const folder = dir.startsWith('pg:') ? undefined : path.resolve(dir);
  for (let i = 0; i < manifest.segments.length; i++) {
    const key = manifest.segments[i];
    const body = await cache.readSegmentBody(key, heads[i].segment, heads[i].bodyAt, folder);
    if (!body) return null;
    segments.push({ key, segment: heads[i].segment, ...body });
  }
  const files = new Map<string, FileRecord>();
  let filled: Promise<boolean> | null = null;
  // Held until the list is read, then let go (it holds the manifest's text).
  let unread: ManifestHead | null = manifest;
  const fill = async (): Promise<boolean> => {
    const head = unread;
    unread = null;
    const records = head ? await head.files().catch(() => null) : null;
    if (!records) return false;
    for (let i = 0; i < records.length; i++) {
      files.set(records[i].file, records[i]);
      if (i % 4096 === 4095) await yieldToEventLoop();
    }
    // A record's strings are its article's (same values): kept once.
    for (const s of indexed.segments ?? []) {
      for (const a of s.articles) {
        const record = files.get(a.file);
        if (!record) continue;
        if (record.hash === a.hash) record.hash = a.hash;
        if (record.id === a.id) record.id = a.id;
      }
      await yieldToEventLoop();
    }
    return true;
  };
  const indexed = await assemble(dir.startsWith('pg:') ? dir : path.resolve(dir), segments, files, manifest.warnings, { filesRead: 0, extracted: 0, segmentsBuilt: 0, segmentsLoaded: segments.length, readMs: 0, extractMs: 0, indexMs: 0 }, null, passages);
  indexed.loadFiles = () => (filled ??= fill());
  return indexed;
}

/** True when a build found exactly the previous files (same records) and segments. */
async function sameBuild(previous: IndexedCorpus, segments: SegmentState[], files: Map<string, FileRecord>): Promise<boolean> {
  if (previous.segments.length !== segments.length || previous.files.size !== files.size) return false;
  if (previous.segments.some((s, i) => s.key !== segments[i].key)) return false;
  let n = 0;
  for (const [file, record] of files) {
    if (previous.files.get(file) !== record) return false;
    if (++n % 4096 === 0) await yieldToEventLoop();
  }
  return true;
}

async function assemble(dir: string, segments: SegmentState[], files: Map<string, FileRecord>, warnings: CorpusWarning[], stats: BuildStats, previous: IndexedCorpus | null, ready?: SegmentedPassageSearch): Promise<IndexedCorpus> {
  const passages = ready ?? (await SegmentedPassageSearch.createAsync(
    segments.map((s) => s.segment),
    previous?.passages,
  ));
  const articles: Article[] = [];
  const knowledge = new Map<string, ArticleKnowledge>();
  for (const s of segments) {
    s.articles.forEach((a, i) => {
      articles.push(a);
      knowledge.set(a.id, s.knowledge[i]);
    });
    await yieldToEventLoop();
  }
  // Segments hold articles in file order unless articles were added later: sorted in slices only then.
  const byFile = (a: Article, b: Article) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  let ordered = true;
  for (let i = 1; i < articles.length && ordered; i++) ordered = byFile(articles[i - 1], articles[i]) <= 0;
  if (!ordered) await runSliced(sortSteps(articles, byFile));
  return { corpus: { dir, articles, warnings }, knowledge, passages, segments, files, stats };
}

/**
 * Builds (or rebuilds) the indexed corpus of a folder. Never throws for bad files (they become warnings); throws
 * only when the folder itself cannot be read.
 */
export async function buildIndexedCorpus(corpusDir: string, options: BuildOptions = {}): Promise<IndexedCorpus> {
  const source = options.source ?? folderSource(corpusDir);
  const dir = source.id;
  const cache = options.cache ?? null;
  const extract = options.extract ?? extractArticle;
  const segmentSize = options.segmentSize ?? SEGMENT_ARTICLES;
  const signal = options.signal;
  // A function cannot cross into a worker: an injected extraction runs here.
  const pool = options.extract ? null : options.pool === undefined ? sharedPool() : options.pool;
  let previous = options.previous ?? null;
  if (!previous && cache) previous = await loadCachedCorpus(dir, cache).catch(() => null);
  // A loaded corpus whose file list cannot be read is no base to check the folder against.
  if (previous?.loadFiles && !(await previous.loadFiles())) previous = null;
  const lanes = parallelism(!previous, pool?.threads);
  const stats: BuildStats = { filesRead: 0, extracted: 0, segmentsBuilt: 0, segmentsLoaded: previous?.stats.segmentsLoaded ?? 0, readMs: 0, extractMs: 0, indexMs: 0 };
  const check = () => signal?.throwIfAborted();

  // Previous articles and extractions, by id and by content.
  const oldArticle = new Map<string, Article>();
  const byHash = new Map<string, ArticleKnowledge>();
  // (Every loop over the whole corpus below pauses for the event loop every few thousand items: at 100k articles
  // a single pass holds it for 100 ms or more, and answers keep flowing during a rebuild.)
  for (const s of previous?.segments ?? []) {
    s.articles.forEach((a, i) => {
      oldArticle.set(a.id, a);
      byHash.set(a.hash, s.knowledge[i]);
    });
    await yieldToEventLoop();
  }

  // 1. What is in the source now: unchanged files keep their record; the others are read (in workers when pooled and
  // the source is a folder).
  const readStart = performance.now();
  const listed = await source.list();
  check();
  const seen: Array<{ file: string; size: number; mtimeMs: number; kept?: { record: FileRecord; article?: Article } }> = [];
  for (let i = 0; i < listed.length; i++) {
    const { file, size, mtimeMs } = listed[i];
    const entry: (typeof seen)[number] = { file, size, mtimeMs };
    const before = previous?.files.get(file);
    if (size >= 0 && before && before.size === size && before.mtimeMs === mtimeMs) {
      const article = before.id ? oldArticle.get(before.id) : undefined;
      if (!before.id || (article && article.hash === before.hash)) entry.kept = { record: before, article };
    }
    seen.push(entry);
    if (i % 1024 === 1023) await yieldToEventLoop();
  }
  const toRead = seen.filter((e) => !e.kept).map((e) => e.file);
  const loaded = new Map<string, LoadedFile>();
  if (pool && source.folder) {
    const folder = source.folder;
    const maxBytes = settings().maxFileBytes;
    await mapLimit(chunks(toRead, TASK_FILES), lanes, async (files) => {
      check();
      const results = await pool.read(folder, files, maxBytes, signal);
      files.forEach((f, k) => loaded.set(f, results[k]));
    });
  } else {
    for (let i = 0; i < toRead.length; i += IO_BATCH) {
      check();
      const batch = toRead.slice(i, i + IO_BATCH);
      const results = await Promise.all(batch.map((file) => source.load(file)));
      batch.forEach((f, k) => loaded.set(f, results[k]));
      await yieldToEventLoop();
    }
  }
  stats.filesRead = toRead.length;
  stats.readMs = performance.now() - readStart;

  const files = new Map<string, FileRecord>();
  const current = new Map<string, Article>();
  const warnings: CorpusWarning[] = [];
  for (let i = 0; i < seen.length; i++) {
    if (i % 2048 === 2047) await yieldToEventLoop();
    const entry = seen[i];
    let record: FileRecord;
    let article: Article | undefined;
    if (entry.kept) {
      ({ record, article } = entry.kept);
    } else {
      const result = loaded.get(entry.file)!;
      record = { file: entry.file, size: entry.size, mtimeMs: entry.mtimeMs, hash: result.article?.hash, id: result.article?.id, warning: result.warning?.message };
      // Same content as before: keep the old article object (its extraction and segment stay valid).
      const old = result.article ? oldArticle.get(result.article.id) : undefined;
      article = old && old.hash === result.article!.hash && old.file === entry.file ? old : result.article;
    }
    files.set(entry.file, record);
    if (record.warning) warnings.push({ file: entry.file, message: record.warning });
    if (!article) continue;
    if (current.has(article.id)) {
      warnings.push({ file: entry.file, message: `skipped: another file already has the id "${article.id}"` });
      continue;
    }
    current.set(article.id, article);
  }
  await yieldToEventLoop();

  // 2. Segment membership: articles stay in their segment; new ones fill the last segments.
  const groups: Article[][] = [];
  const placed = new Set<string>();
  for (const s of previous?.segments ?? []) {
    const group: Article[] = [];
    for (const a of s.articles) {
      const now = current.get(a.id);
      if (now && !placed.has(a.id)) {
        group.push(now);
        placed.add(a.id);
      }
    }
    if (group.length) groups.push(group);
    await yieldToEventLoop();
  }
  const newcomers = [...current.values()].filter((a) => !placed.has(a.id)).sort((a, b) => (a.file < b.file ? -1 : 1));
  // An article added to a built corpus joins the last segment only while that one is small (a tail): adding one
  // article then re-indexes a few hundred articles at most, not a full segment (propagation stays fast).
  const builtGroups = groups.length;
  const tailSize = Math.min(options.tailSize ?? TAIL_ARTICLES, segmentSize);
  for (const a of newcomers) {
    let last = groups[groups.length - 1];
    const limit = groups.length <= builtGroups && previous ? tailSize : segmentSize;
    if (!last || last.length >= limit) {
      last = [];
      groups.push(last);
    }
    last.push(a);
  }

  // 3. Reuse segments that did not change; read or build the others. A segment's index is built (in a worker) while
  // the next segment's articles are extracted.
  const oldByKey = new Map((previous?.segments ?? []).map((s) => [s.key, s]));
  const segments: Array<SegmentState | Promise<SegmentState>> = [];
  const extractGroup = async (group: Article[]): Promise<void> => {
    const needed = new Map<string, Article>();
    for (const a of group) if (!byHash.has(a.hash) && !needed.has(a.hash)) needed.set(a.hash, a);
    if (needed.size && cache?.readExtractions) {
      // Extractions done elsewhere (a worker, another process) are taken as they are.
      const found = await cache.readExtractions([...needed.keys()]).catch(() => new Map<string, ArticleKnowledge>());
      for (const [hash, k] of found) {
        byHash.set(hash, k);
        needed.delete(hash);
      }
    }
    const todo = [...needed.values()];
    if (pool) {
      await mapLimit(chunks(todo, TASK_ARTICLES), lanes, async (batch) => {
        check();
        const results = await pool.extract(batch, signal);
        batch.forEach((a, k) => {
          const r = results[k];
          byHash.set(a.hash, 'knowledge' in r ? r.knowledge : failedExtraction(a, r.error, warnings));
        });
      });
    } else {
      for (let i = 0; i < todo.length; i++) {
        const a = todo[i];
        byHash.set(a.hash, safeExtract(extract, a, warnings));
        if (i % 64 === 63) {
          check();
          await yieldToEventLoop();
        }
      }
    }
    stats.extracted += todo.length;
    if (cache?.writeExtraction) for (const a of todo) await cache.writeExtraction(a.hash, byHash.get(a.hash)!).catch(() => undefined);
  };
  const indexGroup = async (group: Article[]): Promise<{ segment: Segment; encoded?: Uint8Array }> => {
    if (!pool) return { segment: await buildSegmentAsync(group) };
    const encoded = await pool.index(await runSliced(packIndexInput(group)), signal);
    return { segment: decodeSegment(encoded, true), encoded };
  };
  // Segments are indexed concurrently: their time counts once while any is in flight.
  let indexing = 0;
  let indexingSince = 0;
  for (const group of groups) {
    check();
    const key = segmentKey(group, cache?.version);
    const reused = oldByKey.get(key);
    if (reused) {
      segments.push(reused);
      continue;
    }
    const cached = cache ? await cache.readSegment(key, source.folder) : null;
    if (cached) {
      stats.segmentsLoaded++;
      segments.push({ key, ...cached });
      cached.articles.forEach((a, i) => byHash.set(a.hash, cached.knowledge[i]));
      continue;
    }
    const t0 = performance.now();
    await extractGroup(group);
    stats.extractMs += performance.now() - t0;
    const knowledge: ArticleKnowledge[] = [];
    for (let i = 0; i < group.length; i++) {
      knowledge.push(relabelKnowledge(byHash.get(group[i].hash)!, group[i].id));
      if (i % 256 === 255) await yieldToEventLoop();
    }
    segments.push(
      (async () => {
        if (indexing++ === 0) indexingSince = performance.now();
        const { segment, encoded } = await indexGroup(group).finally(() => {
          if (--indexing === 0) stats.indexMs += performance.now() - indexingSince;
        });
        stats.segmentsBuilt++;
        const state = { key, articles: group, knowledge, segment };
        if (cache) await cache.writeSegment(key, state, encoded).catch(() => undefined);
        return state;
      })(),
    );
    // Without a pool, indexing shares this thread: finish it before extracting the next segment.
    if (!pool) await segments[segments.length - 1];
  }
  const done = await Promise.all(segments);
  check();

  if (previous && (await sameBuild(previous, done, files))) {
    // Nothing changed: keep the previous build (and its Newsdesk) as it is.
    return previous;
  }
  const built = await assemble(dir, done, files, warnings, stats, previous);
  if (cache) {
    const manifest: Omit<Manifest, 'version'> = { dir, files: [...files.values()], segments: done.map((s) => s.key), warnings };
    await cache.writeManifest(manifest).catch(() => undefined);
  }
  return built;
}
