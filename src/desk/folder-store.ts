/**
 * The embedded workspace store: one folder per workspace on the local disk, no server needed.
 *
 *   <CORPUS_DIR>/                     the `shared` workspace (articles, any subfolders)
 *   <CORPUS_DIR>/<guild id>/          a server's workspace (guild mode), created on first use
 *     <articles>                      read by the corpus reader as any corpus folder
 *     .trash/<article>                removed articles, restorable
 *     .newsdesk/feeds.json            feeds (JSON, replaced atomically: temp file, fsync, rename)
 *     .newsdesk/schedules.json        schedules (same)
 *     .newsdesk/changes.jsonl         the change log, append-only; a torn last line is skipped when read
 *     .newsdesk/slots/                one marker per briefing slot taken (created exclusively: a slot is taken once)
 *     .newsdesk/cache/                the workspace's index cache (guild workspaces)
 *
 * Hidden folders are never read as articles, and the shared corpus reader skips the numeric server folders
 * (src/corpus/load.ts). Writes within a process are serialised per workspace; the file operations themselves are
 * atomic (link/rename), so a kill at any moment leaves the old or the new state. One process per folder: several
 * processes over one database is what the PostgreSQL store is for (slot claims are exclusive even across processes).
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { hashOf } from '../corpus/article.ts';
import { listCorpusFiles } from '../corpus/load.ts';
import {
  isWorkspaceId,
  SHARED_WORKSPACE,
  type ArticleFileInfo,
  type ChangeEntry,
  type DeskStore,
  type FeedRecord,
  type ScheduleRecord,
  type WorkspaceStore,
} from './store.ts';

/** The hidden folder holding a workspace's state (feeds, schedules, change log, cache). */
export const STATE_DIR = '.newsdesk';
/** The hidden folder holding a workspace's removed articles. */
export const TRASH_DIR = '.trash';

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);

/** A workspace-relative article name that stays inside the workspace: no `..`, no hidden parts, a known extension. */
export function checkArticleName(name: string): string {
  const clean = name.replace(/\\/g, '/');
  const parts = clean.split('/');
  const ok =
    clean.length > 0 &&
    clean.length <= 255 &&
    !clean.startsWith('/') &&
    parts.every((p) => p && p !== '.' && p !== '..' && !p.startsWith('.') && !/[\u0000-\u001f]/.test(p)) &&
    ARTICLE_EXTENSIONS.has(path.extname(clean).toLowerCase());
  if (!ok) throw new Error(`Not an article file name: "${name.slice(0, 80)}".`);
  return clean;
}

/** Runs tasks one after another (read-modify-write of one workspace's JSON state). */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes a rename/link durable. Some file systems refuse fsync on a directory: that is not an error worth failing on.
  const handle = await open(dir, constants.O_RDONLY).catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** One workspace folder. */
export class FolderWorkspaceStore implements WorkspaceStore {
  private readonly queue = new SerialQueue();
  private readonly state: string;

  constructor(
    readonly workspace: string,
    /** The workspace's folder: its articles live here. */
    readonly dir: string,
  ) {
    this.state = path.join(dir, STATE_DIR);
  }

  /** The workspace's index cache folder. */
  get cacheDir(): string {
    return path.join(this.state, 'cache');
  }

  get trashDir(): string {
    return path.join(this.dir, TRASH_DIR);
  }

  /**
   * Checks the folder: the shared workspace's must exist (it is the corpus folder); a server's is created on first
   * use inside it. The state folder is made on the first write only, so reading a corpus leaves it untouched.
   */
  async init(): Promise<this> {
    if (this.workspace !== SHARED_WORKSPACE) {
      await mkdir(this.dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
    const info = await stat(this.dir);
    if (!info.isDirectory()) throw Object.assign(new Error(`${this.dir} is not a folder`), { code: 'ENOTDIR' });
    return this;
  }

  private async stateDir(sub = ''): Promise<string> {
    const dir = path.join(this.state, sub);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Articles

  async listArticles(): Promise<ArticleFileInfo[]> {
    return this.infos(this.dir, await listCorpusFiles(this.dir));
  }

  /** The articles in the trash (restorable with `restoreArticle`). */
  async listTrash(): Promise<ArticleFileInfo[]> {
    if (!(await exists(this.trashDir))) return [];
    return this.infos(this.trashDir, await listCorpusFiles(this.trashDir));
  }

  private async infos(dir: string, names: string[]): Promise<ArticleFileInfo[]> {
    const out: ArticleFileInfo[] = [];
    for (const file of names) {
      const full = path.join(dir, file);
      const [info, bytes] = await Promise.all([stat(full), readFile(full)]).catch(() => [null, null] as const);
      if (!info || !bytes) continue;
      out.push({ name: file.split(path.sep).join('/'), hash: hashOf(bytes), size: info.size, modified: info.mtime.toISOString() });
    }
    return out;
  }

  async readArticle(name: string): Promise<Buffer> {
    return readFile(path.join(this.dir, checkArticleName(name)));
  }

  async readTrashed(name: string): Promise<Buffer> {
    return readFile(path.join(this.trashDir, checkArticleName(name)));
  }

  /** Writes the file in the state folder, fsyncs it, then links it into place: never a torn article, never an overwrite. */
  async writeArticle(name: string, content: string | Buffer): Promise<void> {
    const target = path.join(this.dir, checkArticleName(name));
    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(await this.stateDir('tmp'), `${randomBytes(8).toString('hex')}.part`);
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`An article named ${name} already exists.`);
      throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    await fsyncDir(path.dirname(target));
  }

  async trashArticle(name: string): Promise<void> {
    const clean = checkArticleName(name);
    const from = path.join(this.dir, clean);
    const to = path.join(this.trashDir, clean);
    await mkdir(path.dirname(to), { recursive: true });
    // A file of the same name in the trash holds the same content (names carry a content hash): replacing it loses nothing.
    await rename(from, to);
    await fsyncDir(path.dirname(to));
    await fsyncDir(path.dirname(from));
  }

  async restoreArticle(name: string): Promise<void> {
    const clean = checkArticleName(name);
    const from = path.join(this.trashDir, clean);
    const to = path.join(this.dir, clean);
    await mkdir(path.dirname(to), { recursive: true });
    try {
      await link(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`An article named ${name} is already in the workspace.`);
      throw error;
    }
    await unlink(from);
    await fsyncDir(path.dirname(to));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Feeds and schedules: small JSON documents, replaced whole

  private async readJson<T>(file: string): Promise<T[]> {
    try {
      const parsed = JSON.parse(await readFile(path.join(this.state, file), 'utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as T[]) : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new Error(`${path.join(this.state, file)} cannot be read: ${(error as Error).message}`);
    }
  }

  private async writeJson(file: string, rows: unknown[]): Promise<void> {
    await writeFileAtomic(path.join(await this.stateDir(), file), JSON.stringify(rows, null, 1) + '\n', { fsync: true });
  }

  private update<T extends { id: string }>(file: string, change: (rows: T[]) => T[] | null): Promise<T[]> {
    return this.queue.run(async () => {
      const rows = await this.readJson<T>(file);
      const next = change(rows);
      if (next) await this.writeJson(file, next);
      return next ?? rows;
    });
  }

  listFeeds(): Promise<FeedRecord[]> {
    return this.queue.run(() => this.readJson<FeedRecord>('feeds.json'));
  }

  async putFeed(feed: FeedRecord): Promise<void> {
    await this.update<FeedRecord>('feeds.json', (rows) => upsert(rows, feed));
  }

  removeFeed(id: string): Promise<boolean> {
    return this.removeById<FeedRecord>('feeds.json', id);
  }

  listSchedules(): Promise<ScheduleRecord[]> {
    return this.queue.run(() => this.readJson<ScheduleRecord>('schedules.json'));
  }

  async putSchedule(schedule: ScheduleRecord): Promise<void> {
    await this.update<ScheduleRecord>('schedules.json', (rows) => upsert(rows, schedule));
  }

  removeSchedule(id: string): Promise<boolean> {
    return this.removeById<ScheduleRecord>('schedules.json', id);
  }

  /** Removes the record `id` from a state file; false when there was none. */
  private async removeById<T extends { id: string }>(file: string, id: string): Promise<boolean> {
    let removed = false;
    await this.update<T>(file, (rows) => {
      const next = rows.filter((r) => r.id !== id);
      removed = next.length < rows.length;
      return removed ? next : null;
    });
    return removed;
  }

  /**
   * Takes a slot by creating its marker file exclusively (O_EXCL: one winner even across processes), after checking
   * that no later slot was taken; then records it as the schedule's `lastSlot`.
   */
  claimSlot(scheduleId: string, slot: string): Promise<boolean> {
    return this.queue.run(async () => {
      const when = Date.parse(slot);
      if (!Number.isFinite(when)) throw new Error(`Not a slot time: ${slot}`);
      const schedules = await this.readJson<ScheduleRecord>('schedules.json');
      const schedule = schedules.find((s) => s.id === scheduleId);
      if (schedule?.lastSlot && Date.parse(schedule.lastSlot) >= when) return false;
      const dir = path.join(this.state, 'slots', createHash('sha256').update(scheduleId).digest('hex').slice(0, 16));
      await mkdir(dir, { recursive: true });
      try {
        const handle = await open(path.join(dir, String(when)), 'wx');
        await handle.sync();
        await handle.close();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
      if (schedule) {
        schedule.lastSlot = new Date(when).toISOString();
        await this.writeJson('schedules.json', schedules);
      }
      // Older markers are no longer needed: lastSlot now guards them.
      for (const old of await readdir(dir).catch(() => [] as string[])) {
        if (Number(old) < when) await unlink(path.join(dir, old)).catch(() => undefined);
      }
      return true;
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The change log

  appendChange(entry: ChangeEntry): Promise<void> {
    return this.queue.run(async () => {
      const file = path.join(await this.stateDir(), 'changes.jsonl');
      const handle = await open(file, 'a+');
      try {
        // A line torn by a kill has no newline: start on a fresh line so the new entry stays readable.
        const { size } = await handle.stat();
        let prefix = '';
        if (size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        }
        await handle.write(prefix + JSON.stringify(entry) + '\n');
        await handle.datasync();
      } finally {
        await handle.close();
      }
    });
  }

  async recentChanges(limit: number): Promise<ChangeEntry[]> {
    const file = path.join(this.state, 'changes.jsonl');
    const handle = await open(file, 'r').catch(() => null);
    if (!handle) return [];
    try {
      // Read backwards in chunks until enough whole lines are in hand.
      const { size } = await handle.stat();
      const CHUNK = 64 * 1024;
      let position = size;
      let tail = '';
      let lines: string[] = [];
      while (position > 0) {
        const length = Math.min(CHUNK, position);
        position -= length;
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, position);
        tail = buffer.toString('utf8') + tail;
        lines = tail.split('\n');
        if (lines.length - 1 > limit) break;
      }
      const whole = position > 0 ? lines.slice(1) : lines;
      const out: ChangeEntry[] = [];
      for (let i = whole.length - 1; i >= 0 && out.length < limit; i--) {
        const line = whole[i]!.trim();
        if (!line) continue;
        try {
          out.push(JSON.parse(line) as ChangeEntry);
        } catch {
          // A torn line (killed mid-write): skipped.
        }
      }
      return out;
    } finally {
      await handle.close();
    }
  }
}

function upsert<T extends { id: string }>(rows: T[], row: T): T[] {
  const i = rows.findIndex((r) => r.id === row.id);
  if (i < 0) return [...rows, row];
  const next = rows.slice();
  next[i] = row;
  return next;
}

/** All workspaces under one corpus folder. */
export class FolderDeskStore implements DeskStore {
  private readonly opened = new Map<string, Promise<FolderWorkspaceStore>>();

  constructor(readonly corpusDir: string) {}

  /** The folder of a workspace: the corpus folder itself for `shared`, else its numeric subfolder. */
  folderOf(workspace: string): string {
    if (!isWorkspaceId(workspace)) throw new Error(`Not a workspace id: "${workspace.slice(0, 40)}" (use "shared" or a server id).`);
    return workspace === SHARED_WORKSPACE ? this.corpusDir : path.join(this.corpusDir, workspace);
  }

  open(workspace: string): Promise<FolderWorkspaceStore> {
    let store = this.opened.get(workspace);
    if (!store) {
      store = Promise.resolve()
        .then(() => new FolderWorkspaceStore(workspace, this.folderOf(workspace)))
        .then((s) => s.init());
      this.opened.set(workspace, store);
      store.catch(() => this.opened.delete(workspace));
    }
    return store;
  }

  async list(): Promise<string[]> {
    const entries = await readdir(this.corpusDir, { withFileTypes: true }).catch(() => []);
    return [SHARED_WORKSPACE, ...entries.filter((e) => e.isDirectory() && isWorkspaceId(e.name) && e.name !== SHARED_WORKSPACE).map((e) => e.name).sort()];
  }

  async close(): Promise<void> {
    this.opened.clear();
  }
}
