/** The workspace manager: one live desk per workspace, loaded once on demand, unloaded when idle or over the limit. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/answers/types.ts';
import { FolderDeskStore } from '../../src/desk/folder-store.ts';
import { WorkspaceManager } from '../../src/desk/workspaces.ts';

const G = (n: number) => `10000000000000000${n}`;

function setup(options: { maxLoaded?: number; idleMs?: number } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-ws-'));
  let now = 1_000_000;
  const events: string[] = [];
  const manager = new WorkspaceManager({
    mode: 'guild',
    store: new FolderDeskStore(dir),
    noCache: true,
    live: { watch: false },
    now: () => now,
    onEvent: (e) => events.push(`${e.kind} ${e.workspace}`),
    ...options,
  });
  return { dir, manager, events, advance: (ms: number) => (now += ms) };
}

describe('WorkspaceManager', () => {
  it('maps servers to workspaces: each its own in guild mode, all one in shared mode, none outside a server', () => {
    const { manager, dir } = setup();
    expect(manager.workspaceFor('123456789012345678')).toBe('123456789012345678');
    expect(() => manager.workspaceFor(null)).toThrow(UserInputError);
    const shared = new WorkspaceManager({ mode: 'shared', store: new FolderDeskStore(dir) });
    expect(shared.workspaceFor('123456789012345678')).toBe('shared');
    expect(shared.workspaceFor(null)).toBe('shared');
    void manager.close();
    void shared.close();
  });

  it('loads a workspace once however many ask at the same time, from its own folder', async () => {
    const { manager, dir, events } = setup();
    writeFileSync(path.join(dir, 'shared-only.txt'), 'Shared headline here\n\nOnly the shared corpus has this text about lighthouses.');
    const [a, b] = await Promise.all([manager.open(G(1)), manager.open(G(1))]);
    expect(a).toBe(b);
    expect(events).toEqual([`loaded ${G(1)}`]);
    expect(a.desk.ctx.corpus.articles).toEqual([]);
    const shared = await manager.open('shared');
    expect(shared.desk.ctx.corpus.articles.map((x) => x.id)).toEqual(['shared-only']);
    await manager.close();
  });

  it('unloads idle workspaces and keeps at most maxLoaded, least recently used out first', async () => {
    const { manager, events, advance } = setup({ maxLoaded: 2, idleMs: 60_000 });
    await manager.open(G(1));
    advance(10);
    await manager.open(G(2));
    advance(10);
    manager.loaded(G(1)); // used again: G(2) is now the least recently used
    await manager.open(G(3));
    expect(manager.loadedIds().sort()).toEqual([G(1), G(3)]);
    expect(events).toContain(`unloaded ${G(2)}`);
    advance(30_000);
    manager.loaded(G(3));
    advance(40_000);
    expect(await manager.sweep()).toBe(1);
    expect(manager.loadedIds()).toEqual([G(3)]);
    // Loaded again on demand.
    const again = await manager.open(G(1));
    expect(again.desk.ctx.corpus.articles).toEqual([]);
    await manager.close();
    expect(manager.loadedIds()).toEqual([]);
  });
});
