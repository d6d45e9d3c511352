/**
 * What the surfaces (Discord's /add and /remove, the console, the CLI) do to a workspace, in one place: add a file
 * or a link (no duplicates), remove to the trash, restore — each logged, and each followed at once by a re-index so
 * the article answers (or stops answering) within seconds rather than at the watcher's next look.
 */
import path from 'node:path';
import { settings } from '../config.ts';
import { UserInputError } from '../answers/types.ts';
import { fetchUrl, FetchError } from '../net/fetch-url.ts';
import { addPrepared, findByLink, prepareFromFile, prepareFromUrl, summarizeArticle, type ArticleSummary, type PreparedArticle } from './add-article.ts';
import { restoreArticle, trashArticle } from './remove-article.ts';
import type { Article } from '../corpus/types.ts';
import type { Actor } from './store.ts';
import type { Workspace } from './workspaces.ts';

/** What was given to add: a file already read, a file to download (an attachment), and/or a link. */
export interface AddInput {
  file?: { name: string; bytes: Buffer } | { name: string; url: string; size?: number };
  url?: string;
}

export type AddReport =
  | { outcome: 'added'; what: 'file' | 'link'; summary: ArticleSummary }
  | { outcome: 'duplicate'; what: 'file' | 'link'; reason: 'link' | 'content'; existing: { id: string; title: string | null } };

export interface NetPolicy {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
}

export function netPolicy(): NetPolicy {
  const s = settings();
  return { allowPrivate: s.allowPrivateUrls, timeoutMs: s.fetchTimeoutMs, maxBytes: s.maxFileBytes };
}

async function download(url: string, policy: NetPolicy): Promise<Buffer> {
  try {
    const response = await fetchUrl(url, policy);
    if (response.status !== 200) throw new UserInputError(`The file could not be downloaded (status ${response.status}).`);
    return response.body;
  } catch (error) {
    if (error instanceof FetchError) throw new UserInputError(`The file could not be downloaded: ${error.message}`);
    throw error;
  }
}

/**
 * Adds a file and/or a link to the workspace. Duplicates (same link, same content) are reported, not written.
 * Changes of one workspace run one at a time.
 */
export async function addToWorkspace(ws: Workspace, input: AddInput, actor: Actor, policy: NetPolicy = netPolicy()): Promise<AddReport[]> {
  if (!input.file && !input.url) throw new UserInputError('Give a file, a link, or both.');
  const at = new Date().toISOString();
  // Fetching happens outside the workspace's turn (it may take seconds); the duplicate check and the write inside.
  const prepared: Array<{ what: 'file' | 'link'; prepared?: PreparedArticle; existing?: { id: string; title: string | null } }> = [];
  if (input.file) {
    const file = input.file;
    if ('url' in file && file.size !== undefined && file.size > policy.maxBytes) {
      throw new UserInputError(`That file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${Math.round((policy.maxBytes / 1048576) * 10) / 10} MB.`);
    }
    const bytes = 'bytes' in file ? file.bytes : await download(file.url, policy);
    prepared.push({ what: 'file', prepared: prepareFromFile(file.name, bytes, { addedBy: actor, at }, policy.maxBytes) });
  }
  if (input.url) {
    const known = findByLink(input.url, ws.desk.ctx.corpus.articles);
    if (known) prepared.push({ what: 'link', existing: { id: known.id, title: known.title } });
    else prepared.push({ what: 'link', prepared: await prepareFromUrl(input.url, { addedBy: actor, at }, { fetch: policy }) });
  }
  return ws.exclusive(async () => {
    const reports: AddReport[] = [];
    const added: Article[] = [];
    for (const p of prepared) {
      if (p.existing) {
        reports.push({ outcome: 'duplicate', what: p.what, reason: 'link', existing: p.existing });
        continue;
      }
      const outcome = await addPrepared(ws.store, p.prepared!, [...ws.desk.ctx.corpus.articles, ...added], actor);
      if (outcome.status === 'duplicate') {
        reports.push({ outcome: 'duplicate', what: p.what, reason: outcome.reason, existing: { id: outcome.existing.id, title: outcome.existing.title } });
      } else {
        added.push(outcome.article);
        reports.push({ outcome: 'added', what: p.what, summary: { id: outcome.id, title: outcome.article.title, source: outcome.article.source, published: outcome.article.published, url: outcome.article.url, paragraphs: outcome.article.paragraphs.length, people: [], quotes: 0 } });
      }
    }
    if (added.length) {
      const desk = await ws.refresh();
      for (const r of reports) if (r.outcome === 'added') r.summary = summarizeArticle(desk, r.summary.id) ?? r.summary;
    }
    return reports;
  });
}

/** Moves an article to the workspace's trash and re-indexes; returns what to restore it by. */
export async function removeFromWorkspace(ws: Workspace, id: string, actor: Actor): Promise<{ id: string; title: string | null; file: string }> {
  return ws.exclusive(async () => {
    const article = await trashArticle(ws.store, ws.desk.ctx.articles, id, actor);
    await ws.refresh();
    return { id: article.id, title: article.title, file: article.file.split(path.sep).join('/') };
  });
}

/** Moves a trashed article back and re-indexes. `file` is its name in the trash (e.g. `story-3f9a0c1b2d.md`). */
export async function restoreInWorkspace(ws: Workspace, file: string, actor: Actor): Promise<{ id: string; title: string | null }> {
  return ws.exclusive(async () => {
    await restoreArticle(ws.store, file, actor);
    const desk = await ws.refresh();
    const id = path.basename(file, path.extname(file));
    return { id, title: desk.ctx.articles.get(id)?.title ?? null };
  });
}
