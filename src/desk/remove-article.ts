/**
 * Removing an article from a workspace: its file moves into the workspace's `.trash/` (never deleted outright) and
 * the change is logged; `restoreArticle` moves it back. Both take the article id the answers cite.
 */
import path from 'node:path';
import type { Article, ArticleFormat } from '../corpus/types.ts';
import { articleFromBytes } from '../corpus/load.ts';
import { checkArticleName } from './folder-store.ts';

const FORMATS: Record<string, ArticleFormat> = { '.txt': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html' };
import { UserInputError } from '../answers/types.ts';
import type { Actor, WorkspaceStore } from './store.ts';

/** Moves the file of article `id` (one of `articles`, the workspace's indexed ones) to the trash. */
export async function trashArticle(store: WorkspaceStore, articles: ReadonlyMap<string, Article>, id: string, actor: Actor): Promise<Article> {
  const article = articles.get(id);
  if (!article) throw new UserInputError(`There is no article "${id.slice(0, 80)}" in this desk. Pick one from the suggestions.`);
  const name = article.file.split(path.sep).join('/');
  try {
    await store.trashArticle(name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserInputError('That article has just been removed.');
    throw error;
  }
  await store.appendChange({ at: new Date().toISOString(), workspace: store.workspace, actor, action: 'article.remove', target: id, detail: (article.title ?? name).slice(0, 200) });
  return article;
}

/** Moves `name` (a file in the trash, e.g. `id.md`) back into the workspace. */
export async function restoreArticle(store: WorkspaceStore, name: string, actor: Actor): Promise<void> {
  try {
    checkArticleName(name);
  } catch {
    throw new UserInputError('That article is not in this desk\'s trash.');
  }
  const title = await store
    .readTrashed(name)
    .then((bytes) => articleFromBytes(name, bytes, FORMATS[path.extname(name).toLowerCase()] ?? 'txt').article?.title ?? null)
    .catch(() => null);
  try {
    await store.restoreArticle(name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserInputError('That article is not in this desk\'s trash (it may have been restored already).');
    if (/already/.test((error as Error).message)) throw new UserInputError('That article is already back in the desk.');
    throw error;
  }
  const id = path.basename(name, path.extname(name));
  await store.appendChange({ at: new Date().toISOString(), workspace: store.workspace, actor, action: 'article.restore', target: id, detail: (title ?? name).slice(0, 200) });
}
