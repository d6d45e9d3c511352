/** A corpus with binary, empty, Latin-1, truncated UTF-8 and huge files: the good files load, the bad ones are named. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Newsdesk } from '../../src/newsdesk.ts';
import { LiveNewsdesk } from '../../src/pipeline/live.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nd-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCorpus(): void {
  writeFileSync(path.join(dir, 'good.txt'), 'Oil prices rose on Monday, traders said.\n\nThe market was calm.');
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'blank.md'), '   \n\n\t\n');
  writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 owners in S\xe3o Paulo said coffee prices fell.', 'latin1'));
  const utf8 = Buffer.from('Cocoa exports from Côte d’Ivoire rose sharply — growers said.', 'utf8');
  writeFileSync(path.join(dir, 'truncated.txt'), utf8.subarray(0, utf8.length - ' growers said.'.length - 1));
  writeFileSync(path.join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  mkdirSync(path.join(dir, '.hidden'));
  writeFileSync(path.join(dir, '.hidden', 'secret.txt'), 'Hidden text.');
  // 50 MB: sparse, so the test stays fast.
  const fd = openSync(path.join(dir, 'huge.txt'), 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  writeFileSync(path.join(dir, 'weird.html'), '<html><body><script>alert(1)</script><p>Tin prices fell in London.</p><p>\u0000\u0001</p></body></html>');
}

describe('hardening: a corpus of bad files', () => {
  writeCorpus();

  it('loads the good files and names every bad one', async () => {
    const desk = await Newsdesk.open({ corpusDir: dir, cacheDir: false });
    const ids = desk.ctx.corpus.articles.map((a) => a.id).sort();
    expect(ids).toEqual(expect.arrayContaining(['good', 'latin1', 'truncated']));
    expect(ids).not.toContain('binary');
    expect(ids).not.toContain('huge');
    expect(ids).not.toContain('empty');
    const warned = new Set(desk.ctx.corpus.warnings.map((w) => w.file));
    for (const f of ['binary.txt', 'empty.txt', 'blank.md', 'latin1.txt', 'truncated.txt', 'image.png', 'huge.txt']) expect(warned, f).toContain(f);
    expect(desk.answer({ command: 'ask', query: 'oil prices' }).items[0].citation.article).toBe('good');
    expect(desk.answer({ command: 'ask', query: 'coffee São Paulo' }).items[0].citation.article).toBe('latin1');
    const sources = desk.answer({ command: 'sources', query: '' });
    expect(sources.notice).toMatch(/binary\.txt/);
  }, 30_000);

  it('the live host loads the same way and keeps answering', async () => {
    const live = await LiveNewsdesk.open({ corpusDir: dir, cacheDir: false, watch: false });
    try {
      expect(live.desk.answer({ command: 'ask', query: 'oil' }).items.length).toBeGreaterThan(0);
      writeFileSync(path.join(dir, 'binary2.txt'), Buffer.alloc(1000, 0));
      await live.refresh();
      expect(live.desk.answer({ command: 'ask', query: 'oil' }).items.length).toBeGreaterThan(0);
      expect(live.desk.ctx.corpus.warnings.map((w) => w.file)).toContain('binary2.txt');
    } finally {
      await live.close();
    }
  }, 30_000);
});
