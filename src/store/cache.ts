/**
 * The on-disk cache: per segment, the cleaned articles, their extraction and the frozen passage index; per corpus
 * folder, a manifest of its files (size, modification time, sha256) and segments. Everything is keyed by file
 * content and the code version (version.ts); a start with an unchanged corpus reads these instead of rebuilding.
 * A loaded article keeps only its metadata: its text stays in the segment file until an answer asks for it
 * (corpus/lazy-article.ts), so a desk's memory does not grow with the texts of its corpus.
 *
 * Reading never blocks the event loop for long: files are read asynchronously and parsed in small chunks with
 * `setImmediate` pauses in between. Writes go to a temporary file renamed into place, so a crash leaves no torn file.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstat as fstatCallback, open as openCallback, read as readCallback, readSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { checksum, encodeTexts, LazyArticle, paragraphCount, type ArticleMeta, type TextSource } from '../corpus/lazy-article.ts';
import type { Article, CorpusWarning } from '../corpus/types.ts';
import type { ArticleKnowledge } from '../knowledge/types.ts';
import { decodeSegment, encodeSegment, type Segment } from '../search/segment.ts';
import { decodeApart, decodeKnowledge, encodeApart, encodeKnowledge, type ApartReader } from './stored-knowledge.ts';
import { codeVersion, defaultCacheDir } from './version.ts';
import { runAtOnce, runSliced, slicePause } from '../slices.ts';

/** What one segment holds besides its index. */
export interface SegmentContents {
  segment: Segment;
  articles: Article[];
  knowledge: ArticleKnowledge[];
}

/** One file of the corpus as last seen. */
export interface FileRecord {
  file: string;
  size: number;
  mtimeMs: number;
  /** sha256 of the content, for files that became articles. */
  hash?: string;
  /** The article id, for files that became articles. */
  id?: string;
  warning?: string;
}

export interface Manifest {
  version: string;
  dir: string;
  files: FileRecord[];
  /** Segment keys, in index order. */
  segments: string[];
  warnings: CorpusWarning[];
}

/** Corpus-wide results (merged entities) kept in the cache folder. */
const RESULTS_KEPT = 8;

/** Lines of JSON parsed per chunk before yielding to the event loop. */
const LINES_PER_CHUNK = 150;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Article lines encoded per step when writing (an article line can take a millisecond: slices.ts times the pauses). */
const LINES_PER_WRITE = 8;

/** The key of a segment: the code version and, in order, the id and content hash of each of its articles. */
export function segmentKey(articles: ReadonlyArray<Pick<Article, 'id' | 'hash'>>, version = codeVersion()): string {
  const h = createHash('sha256').update(version);
  for (const a of articles) h.update('\u0000').update(a.id).update('\u0001').update(a.hash);
  return h.digest('hex').slice(0, 32);
}

/** The key of a corpus-wide result (entities merged across articles): its kind, the code version, and every article's id and content hash, in order. */
export function resultKey(kind: string, articles: ReadonlyArray<Pick<Article, 'id' | 'hash'>>, version = codeVersion()): string {
  const h = createHash('sha256').update(kind).update('\u0000').update(version);
  for (const a of articles) h.update('\u0000').update(a.id).update('\u0001').update(a.hash);
  return h.digest('hex').slice(0, 32);
}

/** As `resultKey` (the same key), hashing in chunks with pauses: at 100k articles one call holds the event loop too long. */
export async function resultKeyAsync(kind: string, articles: ReadonlyArray<Pick<Article, 'id' | 'hash'>>, version = codeVersion()): Promise<string> {
  const h = createHash('sha256').update(kind).update('\u0000').update(version);
  const pause = slicePause();
  for (let i = 0; i < articles.length; i += KEY_CHUNK) {
    let chunk = '';
    for (const a of articles.slice(i, i + KEY_CHUNK)) chunk += `\u0000${a.id}\u0001${a.hash}`;
    h.update(chunk);
    await pause();
  }
  return h.digest('hex').slice(0, 32);
}

/** Articles hashed per step by `resultKeyAsync`. */
const KEY_CHUNK = 1024;

// ----- articles ----------------------------------------------------------------------------------------------

/** What a desk keeps of every article, everything but its texts, as a segment file stores it (a row, not named fields). */
function metaRow(a: Article): unknown[] {
  return [a.id, a.file, a.format, a.title, a.source, a.published, a.url, a.author, a.hash];
}

/** The metadata `metaRow` stored; throws when malformed. */
function metaFrom(row: unknown): ArticleMeta {
  if (!Array.isArray(row) || row.length !== 9) throw new Error('newsdesk: segment file metadata is malformed');
  for (let i = 0; i < 9; i++) {
    const v = row[i];
    if (typeof v !== 'string' && (v !== null || i < 3 || i === 8)) throw new Error('newsdesk: segment file metadata is malformed');
  }
  return { id: row[0], file: row[1], format: row[2], title: row[3], source: row[4], published: row[5], url: row[6], author: row[7], hash: row[8] };
}

// ----- segment files ------------------------------------------------------------------------------------------

/**
 * A segment file: u32 length of the index, the index (segment.ts); u32 length of the article lines, one JSON line per
 * article — [metadata, extraction (stored-knowledge.ts), paragraph count, text offset, text length, text checksum,
 * length and checksum of the extraction's part stored apart]; then per article its text (a JSON line, see
 * lazy-article.ts) and that part (entities and statements, see `encodeApart`), which are only read when an answer (or
 * a re-merge) needs them.
 */
function articleParts(a: Article, k: ArticleKnowledge, at: number): { line: string; text: Buffer } {
  const text = encodeTexts(a);
  const apart = Buffer.from(JSON.stringify(encodeApart(a.id, k)), 'utf8');
  return { line: JSON.stringify([metaRow(a), encodeKnowledge(a.id, k), paragraphCount(a), at, text.length, checksum(text), apart.length, checksum(apart)]), text: Buffer.concat([text, apart]) };
}

function assembleFile(index: Uint8Array, lines: string[], texts: Buffer[]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(index.length, 0);
  const meta = Buffer.from(lines.join('\n'), 'utf8');
  const metaHead = Buffer.alloc(4);
  metaHead.writeUInt32LE(meta.length, 0);
  return Buffer.concat([head, index, metaHead, meta, ...texts]);
}

export function encodeSegmentFile(contents: SegmentContents): Buffer {
  return runAtOnce(encodeSteps(contents, encodeSegment(contents.segment)));
}

/**
 * As `encodeSegmentFile`, encoding the article lines in slices (a live rebuild must not stall answers); `encoded` is
 * the segment already encoded (by the worker that built it), not encoded again.
 */
export function encodeSegmentFileAsync(contents: SegmentContents, encoded?: Uint8Array): Promise<Buffer> {
  return runSliced(encodeSteps(contents, encoded ?? encodeSegment(contents.segment)));
}

function* encodeSteps(contents: SegmentContents, index: Uint8Array): Generator<void, Buffer> {
  const lines: string[] = [];
  const texts: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < contents.articles.length; i++) {
    const { line, text } = articleParts(contents.articles[i], contents.knowledge[i], at);
    lines.push(line);
    texts.push(text);
    at += text.length;
    if (i % LINES_PER_WRITE === LINES_PER_WRITE - 1) yield;
  }
  return assembleFile(index, lines, texts);
}

/** Reads a segment file held in memory (its texts stay in a copy of their bytes). Throws when it is malformed. */
export async function decodeSegmentFile(buf: Buffer): Promise<SegmentContents> {
  if (buf.length < 4) throw new Error('newsdesk: segment file is truncated');
  const indexLength = buf.readUInt32LE(0);
  if (4 + indexLength > buf.length) throw new Error('newsdesk: segment file is truncated');
  const segment = decodeSegment(buf.subarray(4, 4 + indexLength));
  await pause();
  return { segment, ...(await decodeSegmentBody(buf.subarray(4 + indexLength), segment)) };
}

/** The articles of a segment file held in memory: everything after its index. */
export async function decodeSegmentBody(buf: Buffer, segment: Segment): Promise<Omit<SegmentContents, 'segment'>> {
  if (buf.length < 4) throw new Error('newsdesk: segment file is truncated');
  const metaLength = buf.readUInt32LE(0);
  if (4 + metaLength > buf.length) throw new Error('newsdesk: segment file is truncated');
  // A copy, so that the article lines' bytes can go once parsed.
  const texts = Buffer.from(buf.subarray(4 + metaLength));
  return decodeArticleLines(buf.subarray(4, 4 + metaLength), segment, { read: (at, length) => texts.subarray(at, at + length) }, texts.length);
}

/**
 * The article lines of a segment file, parsed in chunks with pauses; the articles read their texts from `texts`, a
 * section of `textsLength` bytes that their texts must tile exactly.
 */
export async function decodeArticleLines(buf: Buffer, segment: Segment, texts: TextSource, textsLength: number): Promise<Omit<SegmentContents, 'segment'>> {
  const articles: Article[] = [];
  const knowledge: ArticleKnowledge[] = [];
  let at = 0;
  let n = 0;
  let textEnd = 0;
  while (at < buf.length) {
    let nl = buf.indexOf(10, at);
    if (nl === -1) nl = buf.length;
    const [meta, k, count, textAt, textLength, check, apartLength, apartCheck] = JSON.parse(buf.toString('utf8', at, nl)) as [unknown, unknown, number, number, number, number, number, number];
    if (textAt !== textEnd || !Number.isSafeInteger(apartLength) || apartLength < 0) throw new Error('newsdesk: segment file texts are out of place');
    textEnd += textLength + apartLength;
    const article = new LazyArticle(metaFrom(meta), count, texts, textAt, textLength, check);
    articles.push(article);
    knowledge.push(decodeKnowledge(article, k, apartReader(texts, article.id, textAt + textLength, apartLength, apartCheck)));
    at = nl + 1;
    if (++n % LINES_PER_CHUNK === 0) await pause();
  }
  if (articles.length !== segment.articleIds.length || articles.some((a, i) => a.id !== segment.articleIds[i])) {
    throw new Error('newsdesk: segment file does not match its index');
  }
  if (textEnd !== textsLength) throw new Error('newsdesk: segment file texts are truncated or too long');
  return { articles, knowledge };
}

/** Reads the part of an article's extraction stored apart, from where `articleParts` put it, checked as its text is. */
function apartReader(texts: TextSource, id: string, at: number, length: number, check: number): ApartReader {
  return () => {
    const bytes = texts.read(at, length);
    if (bytes.length !== length || checksum(bytes) !== check) throw new Error(`newsdesk: the stored extraction of article "${id}" changed on disk since it was loaded; restart to rebuild the cache`);
    return decodeApart(id, JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')));
  };
}

/**
 * The texts section of a segment file, read from a descriptor held open: a rebuild that replaces the file (rename) or a
 * prune that removes it leaves these bytes as they were. The descriptor is closed once no article uses it.
 */
class FileTexts implements TextSource {
  constructor(
    private readonly fd: number,
    private readonly base: number,
    readonly corpusDir?: string,
  ) {
    descriptors.register(this, fd, this);
  }

  read(at: number, length: number): Uint8Array {
    const buf = Buffer.allocUnsafe(length);
    const n = readSync(this.fd, buf, 0, length, this.base + at);
    return buf.subarray(0, n);
  }
}

const descriptors = new FinalizationRegistry<number>(closeFd);

function closeFd(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

const openFd = promisify(openCallback);
const readFd = promisify(readCallback);
const fstatFd = promisify(fstatCallback);

// ----- the cache interface --------------------------------------------------------------------------------------

/**
 * What a build keeps between starts, whoever keeps it: the folder below (one disk), or PostgreSQL (src/pg/index-cache.ts,
 * shared by every process). `corpus` names a corpus: a folder's absolute path, or a workspace of the database.
 */
export interface SegmentCache {
  readonly version: string;
  /** `corpusDir`: where the articles' files are, when the corpus is a folder (lazy-article.ts reads them again should their cached texts not check out). */
  readSegment(key: string, corpusDir?: string): Promise<SegmentContents | null>;
  readSegmentIndex(key: string): Promise<{ segment: Segment; bodyAt: number } | null>;
  readSegmentBody(key: string, segment: Segment, bodyAt: number, corpusDir?: string): Promise<Omit<SegmentContents, 'segment'> | null>;
  /** `encoded`: the segment's index already encoded (by a worker), to store as it is. */
  writeSegment(key: string, contents: SegmentContents, encoded?: Uint8Array): Promise<void>;
  /** A corpus-wide result (see `resultKey`) as text, or null. */
  readResult(key: string): Promise<string | null>;
  writeResult(key: string, text: string): Promise<void>;
  readManifest(corpus: string): Promise<Manifest | null>;
  /** As `readManifest`, the file list left to read after the segments (a start is searchable sooner); optional. */
  readManifestHead?(corpus: string): Promise<ManifestHead | null>;
  writeManifest(manifest: Omit<Manifest, 'version'>): Promise<void>;
  /** Extractions by article content hash (this code version), for the hashes it has; optional. */
  readExtractions?(hashes: string[]): Promise<Map<string, ArticleKnowledge>>;
  /** Keeps an extraction by article content hash; optional. */
  writeExtraction?(hash: string, knowledge: ArticleKnowledge): Promise<void>;
  /**
   * Drops segments no corpus uses (see IndexCache.prune); optional: PostgreSQL's segments are shared by processes on
   * different builds, so `npm run worker` prunes them by age instead.
   */
  prune?(options?: { drop?: Iterable<string>; graceMs?: number }): Promise<{ removed: number }>;
}

/** A manifest whose file list is read on demand (null when it turns out damaged). */
export interface ManifestHead extends Omit<Manifest, 'files'> {
  files(): Promise<FileRecord[] | null>;
}

// ----- the cache folder ----------------------------------------------------------------------------------------

/** The cache folder of one code version. */
export class IndexCache implements SegmentCache {
  readonly dir: string;
  readonly version: string;

  constructor(dir: string = defaultCacheDir(), version: string = codeVersion()) {
    this.dir = path.resolve(dir);
    this.version = version;
  }

  private segmentPath(key: string): string {
    return path.join(this.dir, 'segments', `${key}.seg`);
  }

  private manifestPath(corpusDir: string): string {
    const id = createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 24);
    return path.join(this.dir, 'corpora', `${id}.json`);
  }

  /** A cached segment, or null when absent or unreadable (a damaged file is removed); its articles' texts are read on demand. */
  async readSegment(key: string, corpusDir?: string): Promise<SegmentContents | null> {
    const head = await this.readSegmentIndex(key);
    if (!head) return null;
    const body = await this.readSegmentBody(key, head.segment, head.bodyAt, corpusDir);
    return body && { segment: head.segment, ...body };
  }

  /**
   * Only the passage index of a cached segment (the front of its file), or null when absent or unreadable; with the
   * byte offset where its articles start, for `readSegmentBody`.
   */
  async readSegmentIndex(key: string): Promise<{ segment: Segment; bodyAt: number } | null> {
    let fh;
    try {
      fh = await open(this.segmentPath(key), 'r');
    } catch {
      return null;
    }
    try {
      const head = Buffer.alloc(4);
      if ((await fh.read(head, 0, 4, 0)).bytesRead < 4) throw new Error('truncated');
      const length = head.readUInt32LE(0);
      const buf = Buffer.allocUnsafeSlow(length);
      if ((await fh.read(buf, 0, length, 4)).bytesRead < length) throw new Error('truncated');
      return { segment: decodeSegment(buf, true), bodyAt: 4 + length };
    } catch {
      await fh.close().catch(() => undefined);
      fh = null;
      await rm(this.segmentPath(key), { force: true }).catch(() => undefined);
      return null;
    } finally {
      await fh?.close().catch(() => undefined);
    }
  }

  /**
   * The articles and extractions of a segment whose index `readSegmentIndex` returned (null when unreadable, and the
   * file removed). The articles' texts stay on disk, read through a descriptor kept open (see FileTexts); `corpusDir`
   * is where their files are, read again should those bytes ever not check out.
   */
  async readSegmentBody(key: string, segment: Segment, bodyAt: number, corpusDir?: string): Promise<Omit<SegmentContents, 'segment'> | null> {
    let fd: number;
    try {
      fd = await openFd(this.segmentPath(key), 'r');
    } catch {
      return null;
    }
    let texts: FileTexts | null = null;
    try {
      const head = Buffer.alloc(4);
      if ((await readFd(fd, head, 0, 4, bodyAt)).bytesRead < 4) throw new Error('truncated');
      const metaLength = head.readUInt32LE(0);
      const meta = Buffer.allocUnsafeSlow(metaLength);
      if ((await readFd(fd, meta, 0, metaLength, bodyAt + 4)).bytesRead < metaLength) throw new Error('truncated');
      const textsAt = bodyAt + 4 + metaLength;
      const size = (await fstatFd(fd)).size;
      texts = new FileTexts(fd, textsAt, corpusDir);
      return await decodeArticleLines(meta, segment, texts, size - textsAt);
    } catch {
      if (texts) descriptors.unregister(texts);
      closeFd(fd);
      await rm(this.segmentPath(key), { force: true }).catch(() => undefined);
      return null;
    }
  }

  private mergePath(key: string): string {
    return path.join(this.dir, 'merged', `${key}.json`);
  }

  /** A cached result keyed by `key` (see `resultKey`), or null. */
  async readResult(key: string): Promise<string | null> {
    try {
      return await readFile(this.mergePath(key), 'utf8');
    } catch {
      return null;
    }
  }

  /** Writes a result, keeping only the `keep` most recent ones (a live corpus writes one per change). */
  async writeResult(key: string, text: string, keep = RESULTS_KEPT): Promise<void> {
    await atomicWrite(this.mergePath(key), Buffer.from(text, 'utf8'));
    const dir = path.dirname(this.mergePath(key));
    const { readdir, stat } = await import('node:fs/promises');
    const others = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json') && f !== `${key}.json`);
    if (others.length < keep) return;
    const dated = await Promise.all(others.map(async (f) => ({ f, t: (await stat(path.join(dir, f)).catch(() => null))?.mtimeMs ?? 0 })));
    dated.sort((x, y) => y.t - x.t);
    for (const { f } of dated.slice(Math.max(0, keep - 1))) await rm(path.join(dir, f), { force: true }).catch(() => undefined);
  }

  /** Writes a segment file; `encoded`: its index as `encodeSegment` wrote it, when at hand. */
  async writeSegment(key: string, contents: SegmentContents, encoded?: Uint8Array): Promise<void> {
    await atomicWrite(this.segmentPath(key), await encodeSegmentFileAsync(contents, encoded));
  }

  /** The manifest of a corpus folder for this code version, or null. */
  async readManifest(corpusDir: string): Promise<Manifest | null> {
    const head = await this.readManifestHead(corpusDir);
    const files = head && (await head.files());
    if (!head || !files) return null;
    const { files: _, ...rest } = head;
    return { ...rest, files };
  }

  /**
   * The manifest's first line (version, folder, segments, warnings) at once; its file list (a record per file: 100k
   * lines for 100k files) when `files()` is called, parsed in chunks with pauses — a start reads the segments first.
   */
  async readManifestHead(corpusDir: string): Promise<ManifestHead | null> {
    try {
      const text = await readFile(this.manifestPath(corpusDir), 'utf8');
      const firstEnd = text.indexOf('\n');
      const m = JSON.parse(firstEnd === -1 ? text : text.slice(0, firstEnd)) as Omit<Manifest, 'files'> & { fileLines?: number };
      if (m.version !== this.version || m.dir !== path.resolve(corpusDir) || !Array.isArray(m.segments) || typeof m.fileLines !== 'number') return null;
      const { fileLines, ...rest } = m;
      return { ...rest, files: () => parseFileLines(text, firstEnd, fileLines) };
    } catch {
      return null;
    }
  }

  /** Writes a manifest: a first line (version, folder, segments, warnings), then one line per file record. */
  async writeManifest(manifest: Omit<Manifest, 'version'>): Promise<void> {
    const { files, ...rest } = manifest;
    // Encoded a chunk of lines at a time: one join of 100,000 lines held the event loop about 100 ms.
    const chunks: Buffer[] = [Buffer.from(JSON.stringify({ ...rest, version: this.version, fileLines: files.length }))];
    const pause = slicePause();
    for (let i = 0; i < files.length; i += 256) {
      chunks.push(Buffer.from(files.slice(i, i + 256).map((f) => '\n' + JSON.stringify(f)).join('')));
      await pause();
    }
    await atomicWrite(this.manifestPath(manifest.dir), Buffer.concat(chunks));
  }

  /**
   * Removes segment files no corpus uses: those in `drop` (what a corpus's previous build used and its new one does
   * not) at once, and any other file listed in no manifest of this version once it is older than `graceMs` (another
   * corpus sharing the folder may be writing segments its manifest does not list yet; other versions' files, and
   * temporary files a crash left, go too). Segments a manifest lists are always kept.
   */
  async prune(options: { drop?: Iterable<string>; graceMs?: number } = {}): Promise<{ removed: number }> {
    const { readdir, stat } = await import('node:fs/promises');
    const graceMs = options.graceMs ?? 60 * 60_000;
    const drop = new Set(options.drop ?? []);
    const keep = new Set<string>();
    const manifests = await readdir(path.join(this.dir, 'corpora')).catch(() => [] as string[]);
    for (const f of manifests) {
      if (!f.endsWith('.json')) continue;
      const listed = manifestSegments(await readFile(path.join(this.dir, 'corpora', f), 'utf8').catch(() => ''));
      // A manifest being replaced or damaged lists nothing: its segments fall under the grace period.
      if (listed?.version === this.version) for (const k of listed.segments) keep.add(k);
    }
    const folder = path.join(this.dir, 'segments');
    const files = await readdir(folder).catch(() => [] as string[]);
    const now = Date.now();
    let removed = 0;
    for (const f of files) {
      const key = f.endsWith('.seg') ? f.slice(0, -4) : null;
      if (key && keep.has(key)) continue;
      if (!(key && drop.has(key))) {
        const info = await stat(path.join(folder, f)).catch(() => null);
        if (!info || now - info.mtimeMs < graceMs) continue;
      }
      await rm(path.join(folder, f), { force: true }).catch(() => undefined);
      removed++;
    }
    return { removed };
  }
}

/**
 * The version and segment keys of a manifest's text, without parsing its (possibly very long) file list: they are on
 * its first line, where in JSON a quote inside a string is escaped, so `"segments":[` and `"version":"` only occur as
 * the top-level keys.
 */
export function manifestSegments(manifest: string): { version: string; segments: string[] } | null {
  const firstEnd = manifest.indexOf('\n');
  const text = firstEnd === -1 ? manifest : manifest.slice(0, firstEnd);
  const at = text.indexOf('"segments":[');
  const version = /"version":"([^"\\]*)"/.exec(text.slice(text.lastIndexOf('"version":"')));
  if (at === -1 || !version) return null;
  const end = text.indexOf(']', at);
  try {
    const segments = JSON.parse(text.slice(at + '"segments":'.length, end + 1)) as unknown;
    return Array.isArray(segments) && segments.every((k) => typeof k === 'string') ? { version: version[1], segments } : null;
  } catch {
    return null;
  }
}

/** The file records of a manifest's text (one JSON line each after the first), or null when they are not `expected` records. */
async function parseFileLines(text: string, firstEnd: number, expected: number): Promise<FileRecord[] | null> {
  try {
    const files: FileRecord[] = [];
    const pause = slicePause();
    for (let at = firstEnd + 1; firstEnd !== -1 && at < text.length; ) {
      let nl = text.indexOf('\n', at);
      if (nl === -1) nl = text.length;
      files.push(JSON.parse(text.slice(at, nl)) as FileRecord);
      at = nl + 1;
      if (files.length % 256 === 0) await pause();
    }
    return files.length === expected ? files : null;
  } catch {
    return null;
  }
}

let tmpCounter = 0;

async function atomicWrite(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${++tmpCounter}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
