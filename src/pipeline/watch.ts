/**
 * Watching a corpus folder and the folders under it for changes, cheaply. Where the platform watches a tree natively
 * (macOS, Windows) one recursive `fs.watch` does it. Elsewhere (Linux) each folder the corpus listing reads gets its
 * own non-recursive watcher, kept in step with the tree by an asynchronous re-listing of folders after changes.
 *
 * Node 20's own `recursive` option on Linux is avoided on purpose: on every event in a folder it re-lists that folder
 * and stats and watches each file in it, all synchronously, so adding 2,500 files blocked the event loop for over 10 s.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { WORKSPACE_FOLDER } from '../corpus/load.ts';

export interface FolderWatcher {
  close(): void;
}

/** Platforms whose `fs.watch` watches a whole tree itself. */
const NATIVE_RECURSIVE = process.platform === 'darwin' || process.platform === 'win32';

/** Quiet time after a change before the folders are listed again (new or removed subfolders). */
const RESCAN_MS = 200;

/**
 * Calls `onChange` after anything changes under `dir` (many times for many changes: debounce it). Throws when `dir`
 * cannot be watched; `onError` is told when the watch of `dir` itself fails later.
 */
export function watchFolder(dir: string, onChange: () => void, onError: (error: Error) => void, nativeRecursive = NATIVE_RECURSIVE): FolderWatcher {
  if (nativeRecursive) {
    const tree = watch(dir, { recursive: true }, () => onChange());
    tree.on('error', onError);
    return tree;
  }
  return new FolderTreeWatcher(dir, onChange, onError);
}

/** One non-recursive watcher per folder of the tree (hidden folders and server desk folders left out, as the corpus listing does). */
class FolderTreeWatcher implements FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private rescanTimer: NodeJS.Timeout | null = null;
  private scanning = false;
  private rescanAgain = false;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly onChange: () => void,
    private readonly onError: (error: Error) => void,
  ) {
    const root = watch(dir, (event) => this.changed(event));
    root.on('error', (error) => {
      if (!this.closed) this.onError(error);
    });
    this.watchers.set('', root);
    void this.rescan(false);
  }

  private changed(event: string): void {
    if (this.closed) return;
    this.onChange();
    // A created, renamed or removed entry may be a folder.
    if (event === 'rename') this.scheduleRescan();
  }

  private scheduleRescan(): void {
    if (this.rescanTimer || this.closed) return;
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = null;
      void this.rescan(true);
    }, RESCAN_MS);
    this.rescanTimer.unref?.();
  }

  /** Lists the folders now under the root and watches exactly those; a new folder counts as a change (it may hold files). */
  private async rescan(report: boolean): Promise<void> {
    if (this.scanning) {
      this.rescanAgain = true;
      return;
    }
    this.scanning = true;
    try {
      const folders = await this.listFolders();
      if (this.closed) return;
      let added = false;
      for (const rel of folders) {
        if (this.watchers.has(rel)) continue;
        try {
          const w = watch(path.join(this.dir, rel), (event) => this.changed(event));
          // A watched subfolder that goes away: drop its watcher, then look at the tree again.
          w.on('error', () => {
            w.close();
            if (this.watchers.get(rel) === w) this.watchers.delete(rel);
            this.scheduleRescan();
          });
          this.watchers.set(rel, w);
          added = true;
        } catch {
          // Gone already, or unreadable: the next listing decides.
        }
      }
      for (const [rel, w] of this.watchers) {
        if (rel && !folders.has(rel)) {
          w.close();
          this.watchers.delete(rel);
        }
      }
      if (added && report) this.onChange();
    } catch {
      // The root itself vanished: its watcher reports that.
    } finally {
      this.scanning = false;
      if (this.rescanAgain && !this.closed) {
        this.rescanAgain = false;
        this.scheduleRescan();
      }
    }
  }

  /** Subfolders of the root (relative paths), one folder listing at a time; links are not followed. */
  private async listFolders(): Promise<Set<string>> {
    const found = new Set<string>();
    const pending = [''];
    while (pending.length) {
      const rel = pending.pop()!;
      const entries = await readdir(path.join(this.dir, rel), { withFileTypes: true }).catch((error) => {
        if (!rel) throw error;
        return [];
      });
      for (const e of entries) {
        if (!e.isDirectory() || e.name.startsWith('.') || (!rel && WORKSPACE_FOLDER.test(e.name))) continue;
        const child = rel ? path.join(rel, e.name) : e.name;
        found.add(child);
        pending.push(child);
      }
    }
    return found;
  }

  close(): void {
    this.closed = true;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
