/**
 * The pipeline's tasks as they run in a worker thread (pool.ts): reading files, extracting articles and building an
 * index segment. Everything in and out is structured-clonable; a segment comes back as one encoded buffer that is
 * transferred, not copied.
 */
import { Piscina } from 'piscina';
import { loadFile, type LoadedFile } from '../corpus/load.ts';
import type { Article, Paragraph } from '../corpus/types.ts';
import { extractArticle } from '../knowledge/extract.ts';
import { buildSegment, encodeSegment } from '../search/segment.ts';
import type { ExtractResult } from './pool.ts';

/** What indexing reads of an article (search/segment.ts): sent instead of the whole article, to copy less. */
export type IndexInput = Pick<Article, 'id' | 'title'> & { paragraphs: Array<Pick<Paragraph, 'n' | 'norm'>> };

export function indexInput(a: Article): IndexInput {
  return { id: a.id, title: a.title, paragraphs: a.paragraphs.map((p) => ({ n: p.n, norm: p.norm })) };
}

/**
 * What indexing reads of a segment's articles, packed flat: every paragraph text in one string, numbers in typed
 * arrays. Sending it to a worker copies a few buffers instead of cloning tens of thousands of small objects (which
 * held the main thread for tens of milliseconds per segment).
 */
export interface PackedIndexInput {
  ids: string[];
  titles: Array<string | null>;
  /** Paragraphs per article. */
  counts: Uint32Array;
  /** Per paragraph: its number, and the length of its text in `text`. */
  numbers: Uint32Array;
  lengths: Uint32Array;
  text: string;
}

/** Packs articles for `index`, in steps (the caller pauses between them). */
export function* packIndexInput(articles: readonly Article[]): Generator<void, PackedIndexInput> {
  let total = 0;
  for (const a of articles) total += a.paragraphs.length;
  const packed: PackedIndexInput = { ids: [], titles: [], counts: new Uint32Array(articles.length), numbers: new Uint32Array(total), lengths: new Uint32Array(total), text: '' };
  const texts: string[] = [];
  let p = 0;
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    packed.ids.push(a.id);
    packed.titles.push(a.title);
    packed.counts[i] = a.paragraphs.length;
    for (const para of a.paragraphs) {
      packed.numbers[p] = para.n;
      packed.lengths[p++] = para.norm.length;
      texts.push(para.norm);
    }
    if (i % 256 === 255) yield;
  }
  packed.text = texts.join('');
  return packed;
}

export function unpackIndexInput(packed: PackedIndexInput): IndexInput[] {
  const out: IndexInput[] = [];
  let p = 0;
  let at = 0;
  for (let i = 0; i < packed.ids.length; i++) {
    const paragraphs: IndexInput['paragraphs'] = [];
    for (let k = 0; k < packed.counts[i]; k++, p++) {
      paragraphs.push({ n: packed.numbers[p], norm: packed.text.slice(at, at + packed.lengths[p]) });
      at += packed.lengths[p];
    }
    out.push({ id: packed.ids[i], title: packed.titles[i], paragraphs });
  }
  return out;
}

export async function read(task: { dir: string; files: string[]; maxBytes: number }): Promise<LoadedFile[]> {
  const out: LoadedFile[] = [];
  for (const file of task.files) out.push(await loadFile(task.dir, file, task.maxBytes));
  return out;
}

export function extract(task: { articles: Article[] }): ExtractResult[] {
  return task.articles.map((a) => {
    try {
      return { knowledge: extractArticle(a) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  });
}

export function index(task: { packed: PackedIndexInput }): unknown {
  // Indexing reads only ids, titles and paragraph numbers and texts (IndexInput).
  const encoded = encodeSegment(buildSegment(unpackIndexInput(task.packed) as unknown as Article[]));
  const bytes = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  return Piscina.move(bytes);
}
