/** The embedded workspace store: folders per workspace, atomic article writes, trash, JSON state, change log, slots. */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderDeskStore, STATE_DIR } from '../../src/desk/folder-store.ts';
import { listCorpusFiles } from '../../src/corpus/load.ts';
import type { ChangeEntry, ScheduleRecord } from '../../src/desk/store.ts';

const GUILD = '123456789012345678';
const actor = { id: '42', name: 'Ana' };

function fresh() {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-store-'));
  return { dir, store: new FolderDeskStore(dir) };
}

describe('FolderDeskStore', () => {
  it('keeps a server workspace in its own folder, invisible to the shared corpus reader', async () => {
    const { dir, store } = fresh();
    writeFileSync(path.join(dir, 'shared-article.txt'), 'A shared article.');
    const ws = await store.open(GUILD);
    await ws.writeArticle('guild-article.md', '# Hi\n\nA guild article.');
    expect(existsSync(path.join(dir, GUILD, 'guild-article.md'))).toBe(true);
    expect(await listCorpusFiles(dir)).toEqual(['shared-article.txt']);
    expect((await ws.listArticles()).map((a) => a.name)).toEqual(['guild-article.md']);
    expect(await store.list()).toEqual(['shared', GUILD]);
    await expect(store.open('../etc')).rejects.toThrow(/workspace id/);
  });

  it('never overwrites an article, refuses names outside the workspace, and restores from the trash', async () => {
    const { dir, store } = fresh();
    const ws = await store.open(GUILD);
    await ws.writeArticle('a.txt', 'first');
    await expect(ws.writeArticle('a.txt', 'second')).rejects.toThrow(/already exists/);
    await expect(ws.writeArticle('../escape.txt', 'x')).rejects.toThrow(/Not an article/);
    await expect(ws.writeArticle('.hidden.txt', 'x')).rejects.toThrow(/Not an article/);
    await expect(ws.writeArticle('run.sh', 'x')).rejects.toThrow(/Not an article/);
    expect(readFileSync(path.join(dir, GUILD, 'a.txt'), 'utf8')).toBe('first');
    await ws.trashArticle('a.txt');
    expect(await ws.listArticles()).toEqual([]);
    expect((await ws.listTrash()).map((a) => a.name)).toEqual(['a.txt']);
    await ws.restoreArticle('a.txt');
    expect((await ws.listArticles()).map((a) => a.name)).toEqual(['a.txt']);
    expect(await ws.listTrash()).toEqual([]);
  });

  it('keeps feeds and schedules, and takes a briefing slot once', async () => {
    const { store } = fresh();
    const ws = await store.open(GUILD);
    const schedule: ScheduleRecord = {
      id: 's1', every: 'daily 09:00', cron: '0 9 * * *', timezone: 'UTC', channelId: '1', topic: null, createdBy: actor,
      createdAt: new Date().toISOString(), lastSlot: null, lastRunAt: null, lastError: null,
    };
    await ws.putSchedule(schedule);
    const slot = '2026-11-30T09:00:00.000Z';
    const claims = await Promise.all([ws.claimSlot('s1', slot), ws.claimSlot('s1', slot), ws.claimSlot('s1', slot)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await ws.claimSlot('s1', '2026-11-29T09:00:00.000Z')).toBe(false);
    expect((await ws.listSchedules())[0]!.lastSlot).toBe(slot);
    // A second store over the same folder (a restart) sees the slot taken.
    const again = await new FolderDeskStore(path.dirname(ws.dir)).open(GUILD);
    expect(await again.claimSlot('s1', slot)).toBe(false);
    expect(await again.removeSchedule('s1')).toBe(true);
    expect(await again.removeSchedule('s1')).toBe(false);
  });

  it('is not fooled by what a kill mid-write leaves behind (temp files of an article or of the JSON state)', async () => {
    const { store } = fresh();
    const ws = await store.open(GUILD);
    const feed = {
      id: 'f1', url: 'https://example.com/feed.xml', title: null, addedBy: actor, addedAt: new Date().toISOString(), etag: null, lastModified: null,
      lastSuccessAt: null, lastError: null, lastErrorAt: null, failures: 0, nextPollAt: null, itemsAdded: 0, seen: [],
    };
    await ws.putFeed(feed);
    await ws.writeArticle('kept.md', 'Kept article text.');
    // What a kill leaves: a half-written article temp file and a half-written JSON temp file next to the real one.
    writeFileSync(path.join(ws.dir, STATE_DIR, 'tmp', 'dead.part'), 'half an arti');
    writeFileSync(path.join(ws.dir, STATE_DIR, 'feeds.json.1234567'), '[{"id":"f1","url":"https://exa');
    expect((await ws.listArticles()).map((a) => a.name)).toEqual(['kept.md']);
    expect(await ws.listFeeds()).toEqual([feed]);
    expect(await listCorpusFiles(ws.dir)).toEqual(['kept.md']);
  });

  it('reads the change log newest first and survives a torn last line', async () => {
    const { store } = fresh();
    const ws = await store.open(GUILD);
    const entry = (n: number): ChangeEntry => ({ at: new Date(1_700_000_000_000 + n).toISOString(), workspace: GUILD, actor, action: 'article.add', target: `a${n}` });
    for (let n = 0; n < 5; n++) await ws.appendChange(entry(n));
    appendFileSync(path.join(ws.dir, STATE_DIR, 'changes.jsonl'), '{"at":"2026-11-29T00:00:00Z","workspace":"1');
    await ws.appendChange(entry(5));
    const recent = await ws.recentChanges(3);
    expect(recent.map((c) => c.target)).toEqual(['a5', 'a4', 'a3']);
    expect((await ws.recentChanges(100)).map((c) => c.target)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1', 'a0']);
  });
});
