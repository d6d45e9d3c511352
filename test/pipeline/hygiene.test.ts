/** The live host keeps its disk cache bounded over rewrites, and names every file it skips, once. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LiveNewsdesk } from '../../src/pipeline/live.ts';
import { closeSharedPool } from '../../src/pipeline/pool.ts';
import { manifestSegments } from '../../src/store/cache.ts';
import type { CorpusWarning } from '../../src/corpus/types.ts';

const dirs: string[] = [];
const hosts: LiveNewsdesk[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nd-hygiene-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(() => closeSharedPool());

const segmentFiles = (cache: string) => readdirSync(path.join(cache, 'segments')).filter((f) => f.endsWith('.seg'));
const bytes = (cache: string) => segmentFiles(cache).reduce((n, f) => n + statSync(path.join(cache, 'segments', f)).size, 0);

function article(n: number, round: number): string {
  return `---\ntitle: Harbour report ${n}\npublished: 2022-03-${String((n % 27) + 1).padStart(2, '0')}\n---\nThe harbour authority said ship ${n} unloaded ${100 + round} containers of grain in round ${round}.\n\n"Traffic is steady," the harbour master Ada Quist said on Tuesday.\n`;
}

describe('cache pruning', () => {
  it('keeps the segment files bounded over rewrite rounds: only what the corpus uses stays', async () => {
    const corpus = temp();
    const cache = temp();
    for (let n = 0; n < 12; n++) writeFileSync(path.join(corpus, `ship-${n}.md`), article(n, 0));
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir: cache, watch: false });
    hosts.push(live);
    const first = { files: segmentFiles(cache).length, bytes: bytes(cache) };
    expect(first.files).toBe(live.indexed.segments.length);
    for (let round = 1; round <= 3; round++) {
      for (let n = 0; n < 12; n++) writeFileSync(path.join(corpus, `ship-${n}.md`), article(n, round));
      await live.refresh();
      expect(live.desk.answer({ command: 'ask', query: 'containers of grain' }).items[0]!.text).toContain(`${100 + round} containers`);
      expect(segmentFiles(cache).sort(), `round ${round}`).toEqual(live.indexed.segments.map((s) => `${s.key}.seg`).sort());
    }
    expect(bytes(cache)).toBeLessThan(first.bytes * 1.5);
  });

  it('never removes what another corpus sharing the cache folder still uses', async () => {
    const cache = temp();
    const a = temp();
    const b = temp();
    writeFileSync(path.join(a, 'one.md'), article(1, 0));
    writeFileSync(path.join(b, 'two.md'), article(2, 0));
    const liveA = await LiveNewsdesk.open({ corpusDir: a, cacheDir: cache, watch: false });
    const liveB = await LiveNewsdesk.open({ corpusDir: b, cacheDir: cache, watch: false });
    hosts.push(liveA, liveB);
    const keyB = liveB.indexed.segments[0]!.key;
    writeFileSync(path.join(a, 'one.md'), article(1, 1));
    await liveA.refresh();
    expect(segmentFiles(cache)).toContain(`${keyB}.seg`);
    expect(segmentFiles(cache)).toHaveLength(2);
  });
});

describe('skipped files are named', () => {
  it('reports each skipped file with its reason, links included, and only new ones after a rebuild', async () => {
    const corpus = temp();
    const outside = temp();
    writeFileSync(path.join(corpus, 'good.md'), article(1, 0));
    writeFileSync(path.join(outside, 'secret.txt'), 'A file outside the corpus folder that must never be read.');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(corpus, 'link.txt'));
    writeFileSync(path.join(corpus, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
    const seen: CorpusWarning[] = [];
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir: false, watch: false, onWarning: (w) => seen.push(w) });
    hosts.push(live);
    const named = Object.fromEntries(seen.map((w) => [w.file, w.message]));
    expect(named['link.txt']).toMatch(/symbolic link/);
    expect(named['photo.jpg']).toMatch(/unsupported file type/);
    expect(live.desk.answer({ command: 'sources', query: '' }).items.map((i) => i.citation.article)).toEqual(['good']);
    expect(JSON.stringify(live.desk.answer({ command: 'ask', query: 'file outside the corpus folder' }))).not.toContain('never be read');

    writeFileSync(path.join(corpus, 'empty.txt'), '');
    await live.refresh();
    expect(seen.map((w) => w.file).sort()).toEqual(['empty.txt', 'link.txt', 'photo.jpg']);
    expect(seen.find((w) => w.file === 'empty.txt')!.message).toMatch(/no text/);
  });
});

describe('manifestSegments', () => {
  it('reads the version and segment keys of a manifest without trusting file names that look like keys', () => {
    const manifest = { dir: '/c', files: [{ file: '"segments":["evil"] "version":"x".md', size: 1, mtimeMs: 1 }], segments: ['ab12', 'cd34'], warnings: [{ file: ']', message: '"segments":[' }], version: 'v9' };
    expect(manifestSegments(JSON.stringify(manifest))).toEqual({ version: 'v9', segments: ['ab12', 'cd34'] });
    expect(manifestSegments('{"dir":"/c","files":[')).toBeNull();
  });
});
