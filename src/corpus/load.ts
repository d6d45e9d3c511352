/** Reading a corpus folder: every supported file becomes an Article; anything else is skipped with one warning. */
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { articleFromText, hashOf } from './article.ts';
import { decodeText, UnreadableFileError } from './decode.ts';
import { readHtml } from './html.ts';
import type { Article, ArticleFormat, Corpus, CorpusWarning } from './types.ts';
import { settings } from '../config.ts';
import { runSliced, sortSteps } from '../slices.ts';

export { articleFromText } from './article.ts';

const FORMATS: Record<string, ArticleFormat> = { '.txt': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html' };

export interface LoadedFile {
  article?: Article;
  warning?: CorpusWarning;
}

/** The article format of a file name, by extension, or null when it is not one newsdesk reads. */
export function formatOf(file: string): ArticleFormat | null {
  return FORMATS[path.extname(file).toLowerCase()] ?? null;
}

/** Reads one file of the corpus (at most `maxBytes` long). Never throws: problems become a warning naming the file. */
export async function loadFile(dir: string, file: string, maxBytes = settings().maxFileBytes): Promise<LoadedFile> {
  const ext = path.extname(file).toLowerCase();
  const format = FORMATS[ext];
  const full = path.join(dir, file);
  try {
    // lstat: a link is never followed (it could point outside the corpus folder), and a FIFO is never opened.
    const info = await lstat(full);
    if (info.isSymbolicLink()) return { warning: { file, message: 'skipped: a symbolic link (links are not followed; copy the file into the folder instead)' } };
    if (!info.isFile()) return { warning: { file, message: 'skipped: not a regular file' } };
    if (!format) return { warning: { file, message: `skipped: unsupported file type "${ext || '(none)'}" (use .txt, .md or .html)` } };
    if (info.size > maxBytes) {
      return { warning: { file, message: `skipped: ${(info.size / 1048576).toFixed(1)} MB is over the ${maxBytes / 1048576} MB limit for one article` } };
    }
    const bytes = await readFile(full);
    return articleFromBytes(file, bytes, format);
  } catch (error) {
    const reason = error instanceof UnreadableFileError ? error.message : `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    return { warning: { file, message: `skipped: ${reason}` } };
  }
}

export function articleFromBytes(file: string, bytes: Uint8Array, format: ArticleFormat): LoadedFile {
  const id = path.basename(file, path.extname(file));
  const decoded = decodeText(bytes);
  const hash = hashOf(bytes);
  let article: Article;
  if (format === 'html') {
    const html = readHtml(decoded.text);
    article = articleFromText(id, html.text, 'html', { file, hash, meta: html.meta });
  } else {
    article = articleFromText(id, decoded.text, format, { file, hash });
  }
  if (!article.paragraphs.length) return { warning: { file, message: 'skipped: no text in this file' } };
  const notes: string[] = [];
  if (decoded.truncated) notes.push('it ends in the middle of a character (truncated UTF-8)');
  if (decoded.replaced) notes.push(`${decoded.replaced} invalid UTF-8 sequence${decoded.replaced === 1 ? '' : 's'} replaced by �`);
  const note = decoded.encoding !== 'utf-8' ? 'read as Windows-1252/Latin-1 (not valid UTF-8)' : notes.length ? `read, but ${notes.join('; ')}` : null;
  return { article, warning: note ? { file, message: note } : undefined };
}

/**
 * Top-level folders named like a Discord server id (15–21 digits) are the server desks of `NEWSDESK_WORKSPACES=guild`
 * (src/desk/folder-store.ts): never part of the corpus they sit in, so one server's articles cannot leak into another's
 * or into the shared corpus.
 */
export const WORKSPACE_FOLDER = /^\d{15,21}$/;

/**
 * Lists what a corpus folder holds besides folders (recursively; hidden files and folders, such as `.trash/` and
 * `.newsdesk/`, skipped, and server desk folders at the top), sorted: files, and links and other entries too, so that
 * `loadFile` names each one it skips.
 */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // In slices: at 100,000 files the relative paths and the sort held the event loop about 300 ms.
  return runSliced(corpusFileSteps(dir, entries));
}

function* corpusFileSteps(dir: string, entries: Dirent[]): Generator<void, string[]> {
  const files: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e.isDirectory()) {
      const f = path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
      const parts = f.split(path.sep);
      if (!parts.some((part) => part.startsWith('.')) && !(parts.length > 1 && WORKSPACE_FOLDER.test(parts[0]!))) files.push(f);
    }
    if (i % 512 === 511) yield;
  }
  return yield* sortSteps(files, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads every article of a corpus folder. A missing folder is an error; an empty one is an empty corpus. */
export async function loadCorpus(dir: string): Promise<Corpus> {
  const files = await listCorpusFiles(dir);
  const articles: Article[] = [];
  const warnings: CorpusWarning[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    const loaded = await loadFile(dir, file);
    if (loaded.warning) warnings.push(loaded.warning);
    if (!loaded.article) continue;
    if (ids.has(loaded.article.id)) {
      warnings.push({ file, message: `skipped: another file already has the id "${loaded.article.id}"` });
      continue;
    }
    ids.add(loaded.article.id);
    articles.push(loaded.article);
  }
  return { dir, articles, warnings };
}
