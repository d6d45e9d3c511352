import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { Newsdesk } from '../../src/newsdesk.ts';

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('bad files in the corpus', () => {
  it('loads the good files and names each bad one', async () => {
    const good = 'A headline about talks\n\nThe envoy met officials in Doha. Talks went on.';
    const dir = folder({
      'good.txt': good,
      'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x03]),
      'empty.txt': '',
      'latin1.txt': Buffer.from('Caf\xe9 talks in S\xe3o Paulo went on. The minister spoke.', 'latin1'),
      'truncated.txt': Buffer.concat([Buffer.from('Talks in M\u00fcnchen ended. '), Buffer.from([0xe2, 0x80])]),
      'image.png': Buffer.from([1, 2, 3]),
      'big.txt': Buffer.alloc(50 * 1024 * 1024, 'a '),
    });
    mkdirSync(path.join(dir, '.hidden'));
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.id).sort()).toEqual(['good', 'latin1', 'truncated']);
    const warned = Object.fromEntries(corpus.warnings.map((w) => [w.file, w.message]));
    expect(warned['binary.txt']).toMatch(/binary/);
    expect(warned['empty.txt']).toMatch(/no text/);
    expect(warned['image.png']).toMatch(/unsupported file type/);
    expect(warned['big.txt']).toMatch(/MB/);
    expect(warned['latin1.txt']).toMatch(/Latin-1/);
    expect(warned['truncated.txt']).toMatch(/truncated/);
    expect(corpus.articles.find((a) => a.id === 'latin1')!.paragraphs[0].text).toContain('Café talks in São Paulo');
  });

  it('answers politely over an empty corpus folder', async () => {
    const desk = await Newsdesk.open({ corpusDir: folder({}) });
    expect(desk.answer({ command: 'sources', query: '' }).notice).toMatch(/empty/);
    const ask = desk.answer({ command: 'ask', query: 'anything at all' });
    expect(ask.items).toEqual([]);
    expect(ask.notice).toMatch(/empty/);
  });

  it('reads an HTML page saved from a browser', async () => {
    const html = `<!doctype html><html><head><title>Envoy visits Doha | Example News</title>
      <meta property="article:published_time" content="2021-11-08T10:00:00Z"><meta property="og:site_name" content="Example News">
      <link rel="canonical" href="https://example.com/envoy"></head><body><nav>Home | World | Sport</nav>
      <article><h1>Envoy visits Doha</h1><p>The special envoy arrived in Doha on Monday for talks with officials about security and aid.</p>
      <p>He said the talks would last two weeks and cover humanitarian assistance for the country.</p>
      <p>Officials from both sides described the first meeting as constructive and frank.</p></article>
      <footer>Copyright 2021 Example News</footer></body></html>`;
    const corpus = await loadCorpus(folder({ 'envoy.html': html }));
    const a = corpus.articles[0];
    expect(a).toMatchObject({ id: 'envoy', format: 'html', published: '2021-11-08', source: 'Example News', url: 'https://example.com/envoy' });
    expect(a.paragraphs.some((p) => p.text.startsWith('The special envoy arrived in Doha'))).toBe(true);
    expect(a.paragraphs.some((p) => p.text.includes('Home | World'))).toBe(false);
  });
});
