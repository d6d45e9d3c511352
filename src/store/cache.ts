/**
 * The on-disk cache: per segment, the cleaned articles, their extraction and the frozen passage index; per corpus
 * folder, a manifest of its files (size, modification time, sha256) and segments. Everything is keyed by file
 * content and the code version (version.ts); a start with an unchanged corpus reads these instead of rebuilding.
 *
 * Reading never blocks the event loop for long: files are read asynchronously and parsed in small chunks with
 * `setImmediate` pauses in between. Writes go to a temporary file renamed into place, so a crash leaves no torn file.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeParagraph } from '../corpus/clean.ts';
import type { Article, CorpusWarning, Paragraph } from '../corpus/types.ts';
import type { ArticleKnowledge } from '../knowledge/types.ts';
import { decodeSegment, encodeSegment, type Segment } from '../search/segment.ts';
import { codeVersion, defaultCacheDir } from './version.ts';
import { slicePause } from '../slices.ts';

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

// ----- articles ----------------------------------------------------------------------------------------------

/** A paragraph as stored: [n, start, raw length, raw indices of dropped hyphens], or the full paragraph when it cannot be rebuilt. */
type StoredParagraph = [number, number, number, number[]] | Paragraph;
type StoredArticle = Omit<Article, 'paragraphs'> & { paragraphs: StoredParagraph[] };

/** Paragraphs are stored as spans of `raw` (text and norm are rebuilt on load), halving the article's size. */
export function packArticle(a: Article): StoredArticle {
  return {
    ...a,
    paragraphs: a.paragraphs.map((p): StoredParagraph => {
      const dropIdx = p.drops.map((d, k) => d + k);
      const span = p.text.length + p.drops.length;
      const rebuilt = makeParagraph(p.n, a.raw.slice(p.start, p.start + span), p.start, dropIdx);
      return rebuilt.text === p.text && rebuilt.norm === p.norm ? [p.n, p.start, span, dropIdx] : p;
    }),
  };
}

export function unpackArticle(s: StoredArticle): Article {
  return {
    ...s,
    paragraphs: s.paragraphs.map((p) => (Array.isArray(p) ? makeParagraph(p[0], s.raw.slice(p[1], p[1] + p[2]), p[1], p[3]) : p)),
  };
}

// ----- segment files ------------------------------------------------------------------------------------------

/** A segment file: u32 length of the index, the index (segment.ts), then one JSON line per article: [article, knowledge]. */
export function encodeSegmentFile(contents: SegmentContents): Buffer {
  const index = encodeSegment(contents.segment);
  const lines = contents.articles.map((a, i) => JSON.stringify([packArticle(a), contents.knowledge[i]])).join('\n');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(index.length, 0);
  return Buffer.concat([head, index, Buffer.from(lines, 'utf8')]);
}

/**
 * As `encodeSegmentFile`, writing the article lines in chunks with pauses (a live rebuild must not stall answers);
 * `encoded` is the segment already encoded (by the worker that built it), not encoded again.
 */
export async function encodeSegmentFileAsync(contents: SegmentContents, encoded?: Uint8Array): Promise<Buffer> {
  const index: Uint8Array = encoded ?? encodeSegment(contents.segment);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(index.length, 0);
  const parts: Uint8Array[] = [head, index];
  const slice = slicePause();
  for (let i = 0; i < contents.articles.length; i += LINES_PER_WRITE) {
    const lines = contents.articles.slice(i, i + LINES_PER_WRITE).map((a, k) => JSON.stringify([packArticle(a), contents.knowledge[i + k]]));
    parts.push(Buffer.from((i ? '\n' : '') + lines.join('\n'), 'utf8'));
    await slice();
  }
  return Buffer.concat(parts);
}

/** Reads a segment file, parsing its articles in chunks with pauses. Throws when it is malformed. */
export async function decodeSegmentFile(buf: Buffer): Promise<SegmentContents> {
  if (buf.length < 4) throw new Error('newsdesk: segment file is truncated');
  const indexLength = buf.readUInt32LE(0);
  if (4 + indexLength > buf.length) throw new Error('newsdesk: segment file is truncated');
  const segment = decodeSegment(buf.subarray(4, 4 + indexLength));
  await pause();
  return { segment, ...(await decodeSegmentBody(buf.subarray(4 + indexLength), segment)) };
}

/** The article lines of a segment file (everything after its index), parsed in chunks with pauses. */
export async function decodeSegmentBody(buf: Buffer, segment: Segment): Promise<Omit<SegmentContents, 'segment'>> {
  const articles: Article[] = [];
  const knowledge: ArticleKnowledge[] = [];
  let at = 0;
  let n = 0;
  while (at < buf.length) {
    let nl = buf.indexOf(10, at);
    if (nl === -1) nl = buf.length;
    const [stored, k] = JSON.parse(buf.toString('utf8', at, nl)) as [StoredArticle, ArticleKnowledge];
    articles.push(unpackArticle(stored));
    knowledge.push(k);
    at = nl + 1;
    if (++n % LINES_PER_CHUNK === 0) await pause();
  }
  if (articles.length !== segment.articleIds.length || articles.some((a, i) => a.id !== segment.articleIds[i])) {
    throw new Error('newsdesk: segment file does not match its index');
  }
  return { articles, knowledge };
}

// ----- the cache folder ----------------------------------------------------------------------------------------

/** The cache folder of one code version. */
export class IndexCache {
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

  /** A cached segment, or null when absent or unreadable (a damaged file is removed). */
  async readSegment(key: string): Promise<SegmentContents | null> {
    return this.readOrDrop(key, 0, (buf) => decodeSegmentFile(buf));
  }

  /**
   * `decode` over the bytes of a segment file from `from` on; null when the file is absent, and the file removed
   * when it cannot be decoded (a damaged cache entry is rebuilt, never trusted).
   */
  private async readOrDrop<T>(key: string, from: number, decode: (buf: Buffer) => Promise<T> | T): Promise<T | null> {
    let buf: Buffer;
    try {
      const fh = await open(this.segmentPath(key), 'r');
      try {
        const size = (await fh.stat()).size;
        buf = Buffer.allocUnsafeSlow(Math.max(0, size - from));
        await fh.read(buf, 0, buf.length, from);
      } finally {
        await fh.close().catch(() => undefined);
      }
    } catch {
      return null;
    }
    try {
      return await decode(buf);
    } catch {
      await rm(this.segmentPath(key), { force: true }).catch(() => undefined);
      return null;
    }
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

  /** The articles and extractions of a segment whose index `readSegmentIndex` returned; null when unreadable. */
  async readSegmentBody(key: string, segment: Segment, bodyAt: number): Promise<Omit<SegmentContents, 'segment'> | null> {
    return this.readOrDrop(key, bodyAt, (buf) => decodeSegmentBody(buf, segment));
  }


  private mergePath(key: string): string {
    return path.join(this.dir, 'merged', `${key}.json`);
  }

  /** A cached result keyed by `key` (see `resultKey`), or null. */
  async readResult<T>(key: string): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.mergePath(key), 'utf8')) as T;
    } catch {
      return null;
    }
  }

  /** Writes a result, keeping only the `keep` most recent ones (a live corpus writes one per change). */
  async writeResult(key: string, value: unknown, keep = RESULTS_KEPT): Promise<void> {
    await atomicWrite(this.mergePath(key), Buffer.from(JSON.stringify(value)));
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
    try {
      const m = JSON.parse(await readFile(this.manifestPath(corpusDir), 'utf8')) as Manifest;
      return m.version === this.version && m.dir === path.resolve(corpusDir) && Array.isArray(m.files) && Array.isArray(m.segments) ? m : null;
    } catch {
      return null;
    }
  }

  async writeManifest(manifest: Omit<Manifest, 'version'>): Promise<void> {
    await atomicWrite(this.manifestPath(manifest.dir), Buffer.from(JSON.stringify({ ...manifest, version: this.version })));
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
 * The version and segment keys of a manifest's text, without parsing its (possibly very long) file list: in JSON a
 * quote inside a string is escaped, so `"segments":[` and `"version":"` only occur as the top-level keys.
 */
export function manifestSegments(text: string): { version: string; segments: string[] } | null {
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

let tmpCounter = 0;

async function atomicWrite(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${++tmpCounter}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
