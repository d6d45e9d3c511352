/** The corpus folder watcher: changes at any depth are seen (new folders included) without Node's recursive emulation. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LiveNewsdesk } from '../../src/pipeline/live.ts';
import { watchFolder, type FolderWatcher } from '../../src/pipeline/watch.ts';
import type { ArticleKnowledge } from '../../src/knowledge/types.ts';

const dirs: string[] = [];
const open: Array<FolderWatcher | LiveNewsdesk> = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nd-watch-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const w of open.splice(0)) await w.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not seen in time: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const none = (a: { id: string }): ArticleKnowledge => ({ article: a.id, quotes: [], entities: [], dates: [] });

describe('folder watcher (one watcher per folder)', () => {
  it('sees files added at the top, in an existing subfolder and in a subfolder created later', async () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'wire', '2024'), { recursive: true });
    let changes = 0;
    const errors: Error[] = [];
    const watcher = watchFolder(dir, () => changes++, (e) => errors.push(e), false);
    open.push(watcher);
    // The subfolders are listed asynchronously: wait until a write deep down is seen.
    await until(() => {
      writeFileSync(path.join(dir, 'wire', '2024', 'a.txt'), `A ${Date.now()}`);
      return changes > 0;
    }, 'a file in an existing subfolder');

    mkdirSync(path.join(dir, 'late', 'deeper'), { recursive: true });
    // Let the events of the new folders themselves pass, so that only a write inside them counts below.
    await new Promise((r) => setTimeout(r, 500));
    const seen = changes;
    await until(() => {
      writeFileSync(path.join(dir, 'late', 'deeper', 'c.txt'), `C ${Date.now()}`);
      return changes > seen;
    }, 'a file in a folder created after the watch began');

    rmSync(path.join(dir, 'late'), { recursive: true });
    const after = changes;
    writeFileSync(path.join(dir, 'top.txt'), 'top');
    await until(() => changes > after, 'a file at the top after a folder was removed');
    expect(errors).toEqual([]);

    watcher.close();
    const closed = changes;
    writeFileSync(path.join(dir, 'wire', '2024', 'd.txt'), 'D');
    await new Promise((r) => setTimeout(r, 300));
    expect(changes).toBe(closed);
  });

  it('re-indexes a live corpus when an article lands in a new subfolder', async () => {
    const corpus = temp();
    writeFileSync(path.join(corpus, 'oil.txt'), 'Oil prices rose on Monday.');
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir: false, debounceMs: 50, extract: none });
    open.push(live);
    mkdirSync(path.join(corpus, 'metals', 'tin'), { recursive: true });
    writeFileSync(path.join(corpus, 'metals', 'tin', 'tin.txt'), 'Tin prices fell.');
    await until(() => live.desk.answer({ command: 'ask', query: 'tin' }).items.length === 1, 'the tin article answering');
  });
});
