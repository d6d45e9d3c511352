/**
 * Articles whose texts are read on demand. A desk needs every article's metadata (id, title, source, date, URL,
 * paragraph count) at once, but an article's text (`raw`, `paragraphs`) only when an answer shows an excerpt of it:
 * a `LazyArticle` keeps the metadata and reads the text from where the cache stored it (a `TextSource`) the first time
 * it is asked for, keeping the last few hundred read (`TEXTS_KEPT`) so a desk holds no article's text for long.
 *
 * A text read back must be the text the article was built from: the stored line names its article and carries a
 * checksum. When it does not check out (the bytes changed under us), the article's file is read again from the corpus
 * folder and used only when its content hash is still the article's; otherwise reading fails with an error, never
 * with another text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeParagraph } from './clean.ts';
import { articleFromBytes } from './load.ts';
import type { Article, ArticleFormat, Paragraph } from './types.ts';

/** Where the texts of a segment are: `read(at, length)` returns those bytes of its texts section, or throws. */
export interface TextSource {
  read(at: number, length: number): Uint8Array;
  /** The corpus folder the articles' files are in (for the fallback read), when they come from a folder. */
  readonly corpusDir?: string;
}

/** A paragraph as stored: [n, start, raw length, raw indices of dropped hyphens], or the full paragraph when it cannot be rebuilt. */
export type StoredParagraph = [number, number, number, number[]] | Paragraph;

/** Articles whose texts are kept materialised (least recently used dropped first). */
export const TEXTS_KEPT = 512;

interface Texts {
  raw: string;
  paragraphs: Paragraph[];
}

const kept = new Map<LazyArticle, Texts>();

/** The article fields that are not its text. */
export type ArticleMeta = Omit<Article, 'raw' | 'paragraphs'>;

/** FNV-1a over bytes: a cheap check that a text read back is the one written. */
export function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** Paragraphs rebuilt from their stored spans of `raw`. */
export function unpackParagraphs(raw: string, stored: StoredParagraph[]): Paragraph[] {
  return stored.map((p) => (Array.isArray(p) ? makeParagraph(p[0], raw.slice(p[1], p[1] + p[2]), p[1], p[3]) : p));
}

/** Paragraphs as spans of `raw` (text and norm are rebuilt on reading), or whole when a span cannot rebuild them. */
export function packParagraphs(a: Pick<Article, 'raw' | 'paragraphs'>): StoredParagraph[] {
  return a.paragraphs.map((p): StoredParagraph => {
    const dropIdx = p.drops.map((d, k) => d + k);
    const span = p.text.length + p.drops.length;
    const rebuilt = makeParagraph(p.n, a.raw.slice(p.start, p.start + span), p.start, dropIdx);
    return rebuilt.text === p.text && rebuilt.norm === p.norm ? [p.n, p.start, span, dropIdx] : p;
  });
}

/** The stored text line of an article: [id, raw, stored paragraphs], as UTF-8 JSON. */
export function encodeTexts(a: Pick<Article, 'id' | 'raw' | 'paragraphs'>): Buffer {
  return Buffer.from(JSON.stringify([a.id, a.raw, packParagraphs(a)]), 'utf8');
}

export class LazyArticle implements Article {
  readonly id: string;
  readonly file: string;
  readonly format: ArticleFormat;
  readonly title: string | null;
  readonly source: string | null;
  readonly published: string | null;
  readonly url: string | null;
  readonly author: string | null;
  readonly hash: string;
  /** Number of paragraphs, known without reading the text. */
  readonly paragraphCount: number;
  private readonly texts: TextSource;
  private readonly at: number;
  private readonly length: number;
  private readonly check: number;

  constructor(meta: ArticleMeta, paragraphCount: number, texts: TextSource, at: number, length: number, check: number) {
    this.id = meta.id;
    this.file = meta.file;
    this.format = meta.format;
    this.title = meta.title;
    this.source = meta.source;
    this.published = meta.published;
    this.url = meta.url;
    this.author = meta.author;
    this.hash = meta.hash;
    this.paragraphCount = paragraphCount;
    this.texts = texts;
    this.at = at;
    this.length = length;
    this.check = check;
  }

  get raw(): string {
    return this.materialise().raw;
  }

  get paragraphs(): Paragraph[] {
    return this.materialise().paragraphs;
  }

  /** A plain article with the same fields (texts read now). */
  toArticle(): Article {
    const { raw, paragraphs } = this.materialise();
    return { id: this.id, file: this.file, format: this.format, raw, title: this.title, source: this.source, published: this.published, url: this.url, author: this.author, paragraphs, hash: this.hash };
  }

  toJSON(): Article {
    return this.toArticle();
  }

  private materialise(): Texts {
    const hit = kept.get(this);
    if (hit) {
      kept.delete(this);
      kept.set(this, hit);
      return hit;
    }
    const texts = this.readStored() ?? this.readSourceFile();
    if (!texts) throw new Error(`newsdesk: the text of article "${this.id}" changed on disk since it was loaded; restart to rebuild the cache`);
    kept.set(this, texts);
    if (kept.size > TEXTS_KEPT) kept.delete(kept.keys().next().value!);
    return texts;
  }

  /** The stored text line, when it is readable and is this article's (id and checksum). */
  private readStored(): Texts | null {
    try {
      const bytes = this.texts.read(this.at, this.length);
      if (bytes.length !== this.length || checksum(bytes) !== this.check) return null;
      const [id, raw, stored] = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')) as [string, string, StoredParagraph[]];
      if (id !== this.id || typeof raw !== 'string' || !Array.isArray(stored)) return null;
      return { raw, paragraphs: unpackParagraphs(raw, stored) };
    } catch {
      return null;
    }
  }

  /** The article's file read again, when it still has the content the article was built from. */
  private readSourceFile(): Texts | null {
    const dir = this.texts.corpusDir;
    if (!dir) return null;
    try {
      const bytes = readFileSync(path.join(dir, this.file));
      const article = articleFromBytes(this.file, bytes, this.format).article;
      if (!article || article.hash !== this.hash || article.id !== this.id || article.paragraphs.length !== this.paragraphCount) return null;
      return { raw: article.raw, paragraphs: article.paragraphs };
    } catch {
      return null;
    }
  }
}

/** Paragraphs in an article, without reading a lazy article's text. */
export function paragraphCount(a: Article): number {
  return a instanceof LazyArticle ? a.paragraphCount : a.paragraphs.length;
}

/** Forgets every materialised text (tests; memory pressure). */
export function dropKeptTexts(): void {
  kept.clear();
}
