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

export function index(task: { articles: IndexInput[] }): unknown {
  // Indexing reads only ids, titles and paragraph numbers and texts (IndexInput).
  const encoded = encodeSegment(buildSegment(task.articles as unknown as Article[]));
  const bytes = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  return Piscina.move(bytes);
}
