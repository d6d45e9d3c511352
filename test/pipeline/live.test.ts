import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LiveNewsdesk } from '../../src/pipeline/live.ts';
import type { ArticleKnowledge } from '../../src/knowledge/types.ts';

const dirs: string[] = [];
const hosts: LiveNewsdesk[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nd-live-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const none = (a: { id: string }): ArticleKnowledge => ({ article: a.id, quotes: [], entities: [], dates: [] });
const cited = (live: LiveNewsdesk, query: string) => live.desk.answer({ command: 'ask', query }).items.map((i) => i.citation.article);

async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('live corpus', () => {
  it('follows added, changed and removed files, swapping only when ready', async () => {
    const corpus = temp();
    writeFileSync(path.join(corpus, 'oil.txt'), 'Oil prices rose on Monday.');
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir: temp(), watch: false, extract: none });
    hosts.push(live);
    const before = live.desk;
    expect(cited(live, 'oil')).toEqual(['oil']);

    writeFileSync(path.join(corpus, 'coffee.txt'), 'Coffee exports from Brazil fell.');
    await live.refresh();
    expect(cited(live, 'coffee')).toEqual(['coffee']);
    // The Newsdesk taken before the swap still answers from the old corpus.
    expect(before.answer({ command: 'ask', query: 'coffee' }).items).toEqual([]);

    writeFileSync(path.join(corpus, 'oil.txt'), 'Gold prices fell on Tuesday.');
    await live.refresh();
    expect(cited(live, 'gold')).toEqual(['oil']);
    expect(cited(live, 'oil')).toEqual([]);

    unlinkSync(path.join(corpus, 'coffee.txt'));
    await live.refresh();
    expect(cited(live, 'coffee')).toEqual([]);
  });

  it('keeps the answers when a broken file arrives, and names it', async () => {
    const corpus = temp();
    writeFileSync(path.join(corpus, 'oil.txt'), 'Oil prices rose on Monday.');
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir: false, watch: false, extract: none });
    hosts.push(live);
    writeFileSync(path.join(corpus, 'broken.txt'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 0, 7]));
    writeFileSync(path.join(corpus, 'empty.txt'), '');
    await live.refresh();
    expect(cited(live, 'oil')).toEqual(['oil']);
    expect(live.desk.ctx.corpus.warnings.map((w) => w.file).sort()).toEqual(['broken.txt', 'empty.txt']);
  });

  it('keeps the last index when extraction fails for a file', async () => {
    const corpus = temp();
    writeFileSync(path.join(corpus, 'oil.txt'), 'Oil prices rose on Monday.');
    const extract = (a: { id: string }) => {
      if (a.id === 'bad') throw new Error('boom');
      return none(a);
    };
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir: false, watch: false, extract });
    hosts.push(live);
    writeFileSync(path.join(corpus, 'bad.txt'), 'Tin prices fell.');
    await live.refresh();
    expect(cited(live, 'oil')).toEqual(['oil']);
    expect(cited(live, 'tin')).toEqual(['bad']);
    expect(live.desk.ctx.corpus.warnings.some((w) => w.file === 'bad.txt')).toBe(true);
  });

  it('notices changes by itself (watching, with polling as a fallback)', async () => {
    const corpus = temp();
    writeFileSync(path.join(corpus, 'oil.txt'), 'Oil prices rose on Monday.');
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir: false, debounceMs: 50, pollMs: 200, extract: none });
    hosts.push(live);
    writeFileSync(path.join(corpus, 'tin.txt'), 'Tin prices fell.');
    await until(() => cited(live, 'tin').length === 1);
    expect(live.generation).toBeGreaterThan(0);
  });

  it('starts from the cache and verifies in the background', async () => {
    const corpus = temp();
    const cacheDir = temp();
    writeFileSync(path.join(corpus, 'oil.txt'), 'Oil prices rose on Monday.');
    const first = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir, watch: false, extract: none });
    await first.close();
    writeFileSync(path.join(corpus, 'tin.txt'), 'Tin prices fell.');
    const live = await LiveNewsdesk.open({ corpusDir: corpus, cacheDir, watch: false, extract: none });
    hosts.push(live);
    expect(cited(live, 'oil')).toEqual(['oil']);
    await until(() => cited(live, 'tin').length === 1);
  });
});
