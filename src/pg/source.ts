/**
 * A workspace of the database as a corpus source for the incremental build (src/pipeline/build.ts): its articles (not
 * the trash) with their size and modification time, each read into an article as a file of the folder would be
 * (the same size limit, the same warnings).
 */
import { articleFromBytes, formatOf, type LoadedFile } from '../corpus/load.ts';
import { settings } from '../config.ts';
import type { CorpusSource } from '../pipeline/build.ts';
import type { Database } from './database.ts';

/** The corpus id of a workspace in manifests. */
export function workspaceCorpusId(workspace: string): string {
  return `pg:${workspace}`;
}

export function workspaceSource(db: Database, workspace: string): CorpusSource {
  return {
    id: workspaceCorpusId(workspace),
    async list() {
      const { rows } = await db.pool.query<{ name: string; size: number; modified: Date }>(
        'SELECT name, size, modified FROM articles WHERE workspace = $1 AND trashed_at IS NULL ORDER BY name',
        [workspace],
      );
      return rows.map((r) => ({ file: r.name, size: r.size, mtimeMs: r.modified.getTime() }));
    },
    async load(file: string): Promise<LoadedFile> {
      const format = formatOf(file);
      if (!format) return { warning: { file, message: 'skipped: unsupported file type (use .txt, .md or .html)' } };
      // A database error throws: the rebuild fails and the previous index keeps answering until the next change.
      const { rows } = await db.pool.query<{ content: Buffer }>('SELECT content FROM articles WHERE workspace = $1 AND name = $2 AND trashed_at IS NULL', [workspace, file]);
      if (!rows.length) return { warning: { file, message: 'skipped: removed while being read' } };
      const maxBytes = settings().maxFileBytes;
      if (rows[0].content.length > maxBytes) {
        return { warning: { file, message: `skipped: ${(rows[0].content.length / 1048576).toFixed(1)} MB is over the ${maxBytes / 1048576} MB limit for one article` } };
      }
      return articleFromBytes(file, rows[0].content, format);
    },
  };
}
