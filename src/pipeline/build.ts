/**
 * From a corpus folder to an indexed corpus, incrementally: files unchanged since the last build (same size and
 * modification time, or same content hash) keep their article, extraction and index segment; only segments whose
 * articles changed are rebuilt, and extraction runs once per distinct file content (copies reuse it). Segments and
 * the manifest are cached on disk (store/cache.ts), so a restart with an unchanged corpus rebuilds nothing.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { listCorpusFiles, loadFile } from '../corpus/load.ts';
import type { Article, Corpus, CorpusWarning } from '../corpus/types.ts';
import { extractArticle } from '../knowledge/extract.ts';
import type { ArticleKnowledge } from '../knowledge/types.ts';
import { SEGMENT_ARTICLES, SegmentedPassageSearch, yieldToEventLoop } from '../search/passages.ts';
import { buildSegmentAsync, type Segment } from '../search/segment.ts';
import { IndexCache, segmentKey, type FileRecord, type Manifest } from '../store/cache.ts';

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
  extractMs: number;
  indexMs: number;
}

export interface BuildOptions {
  /** The cache; null for none. */
  cache?: IndexCache | null;
  /** The previous build of the same folder, to reuse. */
  previous?: IndexedCorpus | null;
  /** Articles per segment. */
  segmentSize?: number;
  /** Extraction (injectable for tests and benchmarks). */
  extract?: (article: Article) => ArticleKnowledge;
}

/** Files stat-ed or read concurrently. */
const IO_BATCH = 64;

/** Extraction of one article relabelled for another article with the same content (a copy under another name). */
export function relabelKnowledge(k: ArticleKnowledge, id: string): ArticleKnowledge {
  if (k.article === id) return k;
  const from = k.article;
  const swap = (a: string) => (a === from ? id : a);
  return {
    ...k,
    article: id,
    quotes: k.quotes.map((q) => ({ ...q, article: swap(q.article), id: q.id.startsWith(`${from}#`) ? `${id}${q.id.slice(from.length)}` : q.id })),
    entities: k.entities.map((e) => ({ ...e, roles: e.roles.map((r) => ({ ...r, article: swap(r.article) })) })),
    dates: k.dates.map((d) => ({ ...d, article: swap(d.article) })),
  };
}

/** Extraction that never throws: a failure leaves the article searchable with nothing extracted. */
function safeExtract(extract: (a: Article) => ArticleKnowledge, a: Article, warnings: CorpusWarning[]): ArticleKnowledge {
  try {
    return extract(a);
  } catch (error) {
    warnings.push({ file: a.file, message: `read, but understanding it failed (${(error as Error).message}); only full-text search covers it` });
    return { article: a.id, quotes: [], entities: [], dates: [] };
  }
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
export async function loadCachedCorpus(dir: string, cache: IndexCache, options: LoadOptions = {}): Promise<IndexedCorpus | null> {
  const manifest = await cache.readManifest(dir);
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
  options.onSearchable?.(passages);
  const segments: SegmentState[] = [];
  for (let i = 0; i < manifest.segments.length; i++) {
    const key = manifest.segments[i];
    const body = await cache.readSegmentBody(key, heads[i].segment, heads[i].bodyAt);
    if (!body) return null;
    segments.push({ key, segment: heads[i].segment, ...body });
  }
  const files = new Map(manifest.files.map((f) => [f.file, f]));
  return assemble(path.resolve(dir), segments, files, manifest.warnings, { filesRead: 0, extracted: 0, segmentsBuilt: 0, segmentsLoaded: segments.length, extractMs: 0, indexMs: 0 }, null, passages);
}

/** True when a build found exactly the previous files (same records) and segments. */
function sameBuild(previous: IndexedCorpus, segments: SegmentState[], files: Map<string, FileRecord>): boolean {
  if (previous.segments.length !== segments.length || previous.files.size !== files.size) return false;
  if (previous.segments.some((s, i) => s.key !== segments[i].key)) return false;
  for (const [file, record] of files) if (previous.files.get(file) !== record) return false;
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
  articles.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { corpus: { dir, articles, warnings }, knowledge, passages, segments, files, stats };
}

/**
 * Builds (or rebuilds) the indexed corpus of a folder. Never throws for bad files (they become warnings); throws
 * only when the folder itself cannot be read.
 */
export async function buildIndexedCorpus(corpusDir: string, options: BuildOptions = {}): Promise<IndexedCorpus> {
  const dir = path.resolve(corpusDir);
  const cache = options.cache ?? null;
  const extract = options.extract ?? extractArticle;
  const segmentSize = options.segmentSize ?? SEGMENT_ARTICLES;
  let previous = options.previous ?? null;
  if (!previous && cache) previous = await loadCachedCorpus(dir, cache).catch(() => null);
  const stats: BuildStats = { filesRead: 0, extracted: 0, segmentsBuilt: 0, segmentsLoaded: previous?.stats.segmentsLoaded ?? 0, extractMs: 0, indexMs: 0 };

  // Previous articles and extractions, by id and by content.
  const oldArticle = new Map<string, Article>();
  const byHash = new Map<string, ArticleKnowledge>();
  for (const s of previous?.segments ?? []) {
    s.articles.forEach((a, i) => {
      oldArticle.set(a.id, a);
      byHash.set(a.hash, s.knowledge[i]);
    });
  }

  // 1. What is in the folder now.
  const names = await listCorpusFiles(dir);
  const files = new Map<string, FileRecord>();
  const current = new Map<string, Article>();
  const warnings: CorpusWarning[] = [];
  for (let i = 0; i < names.length; i += IO_BATCH) {
    const batch = names.slice(i, i + IO_BATCH);
    const seen = await Promise.all(batch.map(async (file) => ({ file, info: await lstat(path.join(dir, file)).catch(() => null) })));
    const loaded = await Promise.all(
      seen.map(async ({ file, info }) => {
        const before = previous?.files.get(file);
        if (info && before && before.size === info.size && before.mtimeMs === info.mtimeMs) {
          const article = before.id ? oldArticle.get(before.id) : undefined;
          if (!before.id || (article && article.hash === before.hash)) return { file, record: before, article };
        }
        const result = await loadFile(dir, file);
        stats.filesRead++;
        const record: FileRecord = { file, size: info?.size ?? -1, mtimeMs: info?.mtimeMs ?? -1, hash: result.article?.hash, id: result.article?.id, warning: result.warning?.message };
        // Same content as before: keep the old article object (its extraction and segment stay valid).
        const old = result.article ? oldArticle.get(result.article.id) : undefined;
        return { file, record, article: old && old.hash === result.article!.hash && old.file === file ? old : result.article };
      }),
    );
    for (const { file, record, article } of loaded) {
      files.set(file, record);
      if (record.warning) warnings.push({ file, message: record.warning });
      if (!article) continue;
      if (current.has(article.id)) {
        warnings.push({ file, message: `skipped: another file already has the id "${article.id}"` });
        continue;
      }
      current.set(article.id, article);
    }
    await yieldToEventLoop();
  }

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
  }
  const newcomers = [...current.values()].filter((a) => !placed.has(a.id)).sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const a of newcomers) {
    let last = groups[groups.length - 1];
    if (!last || last.length >= segmentSize) {
      last = [];
      groups.push(last);
    }
    last.push(a);
  }

  // 3. Reuse segments that did not change; read or build the others.
  const oldByKey = new Map((previous?.segments ?? []).map((s) => [s.key, s]));
  const segments: SegmentState[] = [];
  for (const group of groups) {
    const key = segmentKey(group, cache?.version);
    const reused = oldByKey.get(key);
    if (reused) {
      segments.push(reused);
      continue;
    }
    const cached = cache ? await cache.readSegment(key) : null;
    if (cached) {
      stats.segmentsLoaded++;
      segments.push({ key, ...cached });
      cached.articles.forEach((a, i) => byHash.set(a.hash, cached.knowledge[i]));
      continue;
    }
    const t0 = performance.now();
    const knowledge: ArticleKnowledge[] = [];
    for (let i = 0; i < group.length; i++) {
      const a = group[i];
      let k = byHash.get(a.hash);
      if (!k) {
        k = safeExtract(extract, a, warnings);
        byHash.set(a.hash, k);
        stats.extracted++;
      }
      knowledge.push(relabelKnowledge(k, a.id));
      if (i % 64 === 63) await yieldToEventLoop();
    }
    const t1 = performance.now();
    const segment = await buildSegmentAsync(group);
    const t2 = performance.now();
    stats.extractMs += t1 - t0;
    stats.indexMs += t2 - t1;
    stats.segmentsBuilt++;
    const state = { key, articles: group, knowledge, segment };
    if (cache) await cache.writeSegment(key, state).catch(() => undefined);
    segments.push(state);
    await yieldToEventLoop();
  }

  if (previous && sameBuild(previous, segments, files)) {
    // Nothing changed: keep the previous build (and its Newsdesk) as it is.
    return previous;
  }
  const built = await assemble(dir, segments, files, warnings, stats, previous);
  if (cache) {
    const manifest: Omit<Manifest, 'version'> = { dir, files: [...files.values()], segments: segments.map((s) => s.key), warnings };
    await cache.writeManifest(manifest).catch(() => undefined);
  }
  return built;
}
