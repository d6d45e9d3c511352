import { afterEach, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { articleFromText } from '../../src/corpus/article.ts';
import { dropKeptTexts, LazyArticle, packParagraphs, unpackParagraphs } from '../../src/corpus/lazy-article.ts';
import { loadFile } from '../../src/corpus/load.ts';
import { buildSegment } from '../../src/search/segment.ts';
import { decodeApart, decodeKnowledge } from '../../src/store/stored-knowledge.ts';
import { decodeSegmentFile, encodeSegmentFile, IndexCache, resultKey, resultKeyAsync, segmentKey } from '../../src/store/cache.ts';
import { buildIndexedCorpus, loadCachedCorpus } from '../../src/pipeline/build.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import type { ArticleKnowledge, DateMention } from '../../src/knowledge/types.ts';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nd-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const none = (a: { id: string }): ArticleKnowledge => ({ article: a.id, quotes: [], entities: [], dates: [] });

describe('article packing', () => {
  it('rebuilds every paragraph exactly, hyphen repairs and curly quotes included', () => {
    const raw = 'Headline Here\n\n“We will go,” he said in Afgh-\nanistan.\r\n\nAfghanistan is far.\n\nThe al-Qaeda group and a two-decade war.';
    const a = articleFromText('x', raw, 'txt');
    expect({ ...a, paragraphs: unpackParagraphs(a.raw, JSON.parse(JSON.stringify(packParagraphs(a)))) }).toEqual(a);
  });
});

describe('segment files', () => {
  it('round-trip and refuse damage', async () => {
    const articles = [articleFromText('a', 'Oil rose.\n\nGold fell.'), articleFromText('b', 'Rates were cut.')];
    const contents = { segment: buildSegment(articles), articles, knowledge: articles.map(none) };
    const buf = encodeSegmentFile(contents);
    const back = await decodeSegmentFile(buf);
    expect(back.articles.every((a) => a instanceof LazyArticle)).toBe(true);
    expect(back.articles.map((a) => (a as LazyArticle).toArticle())).toEqual(articles);
    expect(JSON.parse(JSON.stringify(back.knowledge))).toEqual(contents.knowledge);
    await expect(decodeSegmentFile(buf.subarray(0, 10))).rejects.toThrow();
    await expect(decodeSegmentFile(Buffer.concat([buf, Buffer.from('\n{broken')]))).rejects.toThrow();
  });

  it('round-trip extractions exactly, their article ids included', async () => {
    const articles = [articleFromText('a', '“We will go,” Anna Berg, the mayor, said on Monday.\n\nShe left.')];
    const k: ArticleKnowledge = {
      article: 'a',
      quotes: [
        { id: 'a#0', article: 'a', paragraph: 1, text: 'We will go,', start: 1, end: 12, speaker: 'Anna Berg', speakerMention: 'Anna Berg', speakerKind: 'person', cue: 'said', partial: false },
        { id: 'other', article: 'b', paragraph: 2, text: 'left', start: 3, end: 7, speaker: null, speakerMention: null, speakerKind: 'unknown', entityId: 'anna-berg', cue: null, partial: true },
      ],
      entities: [
        { canonical: 'Anna Berg', kind: 'person', variants: ['Anna Berg', 'Berg'], roles: [{ text: 'mayor', article: 'a', paragraph: 1 }], paragraphs: [1], mentions: 2 },
        { canonical: 'Tom West', kind: 'person', variants: ['West', 'Tom West'], roles: [{ text: 'previous holder of the post', article: 'z', paragraph: 2, evidence: 'to succeed Tom West' }], paragraphs: [1, 2], mentions: 1 },
      ],
      dates: [
        { article: 'a', paragraph: 1, text: 'on Monday', start: 40, end: 49, value: null, precision: null, approximate: false, sentence: '“We will go,” Anna Berg, the mayor, said on Monday.' },
        { article: 'a', paragraph: 1, text: 'on Monday', start: 40, end: 49, value: '2021-03-01', precision: 'day', approximate: true, caption: true, sentence: '“We will go,” Anna Berg, the mayor, said on Monday.', sentenceAt: [0, 51, 0] },
      ],
      statements: [{ paragraph: 2, start: 0, end: 9, opens: 'pronoun', pronoun: [0, 3], referent: 'Anna Berg' }],
    };
    const back = await decodeSegmentFile(encodeSegmentFile({ segment: buildSegment(articles), articles, knowledge: [k] }));
    expect(JSON.parse(JSON.stringify(back.knowledge))).toEqual([k]);
    expect(back.knowledge[0].statements).toEqual(k.statements);
    expect(back.knowledge[0].entities).toEqual(k.entities);
    expect(() => decodeKnowledge(articles[0], [0, [[1, 0]], []], () => ({ entities: [], packed: null }))).toThrow(/malformed/);
    expect(() => decodeApart('a', [[['Anna Berg', 'person', 2, [0], [1]]], null])).toThrow(/malformed/);
    expect(() => decodeApart('a', [[], ['x']])).toThrow(/malformed/);
    expect(back.knowledge[0].quotes[0].article).toBe('a');
  });

  it('keys segments by content and code version', () => {
    const a = [{ id: 'a', hash: '1' }];
    expect(segmentKey(a, 'v1')).toBe(segmentKey(a, 'v1'));
    expect(segmentKey(a, 'v1')).not.toBe(segmentKey(a, 'v2'));
    expect(segmentKey(a, 'v1')).not.toBe(segmentKey([{ id: 'a', hash: '2' }], 'v1'));
  });

  it('keys results the same when hashing in steps', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ id: `a${i}`, hash: `h${i % 7}` }));
    expect(await resultKeyAsync('entities', many, 'v1')).toBe(resultKey('entities', many, 'v1'));
    expect(await resultKeyAsync('entities', many.slice(1), 'v1')).not.toBe(resultKey('entities', many, 'v1'));
  });

  it('treats an unreadable cached segment as absent and removes it', async () => {
    const cache = new IndexCache(temp(), 'test');
    const articles = [articleFromText('a', 'Oil rose.')];
    await cache.writeSegment('k1', { segment: buildSegment(articles), articles, knowledge: articles.map(none) });
    expect(await cache.readSegment('k1')).not.toBeNull();
    writeFileSync(path.join(cache.dir, 'segments', 'k1.seg'), 'garbage');
    expect(await cache.readSegment('k1')).toBeNull();
    expect(readdirSync(path.join(cache.dir, 'segments'))).toEqual([]);
  });
});

describe('start from the cache', () => {
  it('reads nothing and extracts nothing again when the corpus is unchanged; extracts a copy once', async () => {
    const corpus = temp();
    const cacheDir = temp();
    writeFileSync(path.join(corpus, 'one.txt'), 'Oil prices rose on Monday.\n\nTraders were calm.');
    writeFileSync(path.join(corpus, 'two.txt'), 'Oil prices rose on Monday.\n\nTraders were calm.');
    writeFileSync(path.join(corpus, 'three.txt'), 'Coffee exports from Brazil fell.');
    let extractions = 0;
    const extract = (a: { id: string }) => (extractions++, none(a));
    const cache = new IndexCache(cacheDir, 'test');
    const first = await buildIndexedCorpus(corpus, { cache, extract, segmentSize: 2 });
    expect(first.stats.extracted).toBe(2);
    expect(extractions).toBe(2);
    expect(first.knowledge.get('two')!.article).toBe('two');

    const cached = await loadCachedCorpus(corpus, cache);
    expect(cached).not.toBeNull();
    expect(cached!.corpus.articles.map((a) => a.id)).toEqual(['one', 'three', 'two']);
    const second = await buildIndexedCorpus(corpus, { cache, extract, segmentSize: 2 });
    expect(second.stats.filesRead).toBe(0);
    expect(second.stats.segmentsBuilt).toBe(0);
    expect(extractions).toBe(2);
    expect(Newsdesk.fromIndexed(second).answer({ command: 'ask', query: 'coffee Brazil' }).items[0].citation.article).toBe('three');

    // A changed file: only its segment is rebuilt.
    writeFileSync(path.join(corpus, 'three.txt'), 'Cocoa exports from Ghana fell.');
    const third = await buildIndexedCorpus(corpus, { cache, extract, segmentSize: 2 });
    expect(third.stats.filesRead).toBe(1);
    expect(third.stats.segmentsBuilt).toBe(1);
    expect(Newsdesk.fromIndexed(third).answer({ command: 'ask', query: 'cocoa Ghana' }).items[0].citation.article).toBe('three');
  });

  it('Newsdesk.open uses the cache folder it is given', async () => {
    const corpus = temp();
    const cacheDir = temp();
    writeFileSync(path.join(corpus, 'one.txt'), 'Oil prices rose on Monday.');
    const desk = await Newsdesk.open({ corpusDir: corpus, cacheDir });
    expect(desk.answer({ command: 'ask', query: 'oil' }).items).toHaveLength(1);
    expect(readdirSync(cacheDir).sort()).toEqual(['corpora', 'merged', 'segments']);
    const again = await Newsdesk.open({ corpusDir: corpus, cacheDir });
    expect(again.answer({ command: 'ask', query: 'oil' }).items).toHaveLength(1);
    await expect(Newsdesk.open({ corpusDir: path.join(corpus, 'missing'), cacheDir })).rejects.toThrow();
  });
});

describe('article texts read on demand', () => {
  const write = (corpus: string) => {
    writeFileSync(path.join(corpus, 'one.txt'), 'Oil prices rose on Monday.\n\n“We are calm,” a trader said in Lon-\ndon.');
    writeFileSync(path.join(corpus, 'two.md'), '---\ntitle: Coffee\n---\n\nCoffee exports from Brazil fell.\n\nGrowers were worried.');
  };
  const fresh = async (corpus: string, file: string) => (await loadFile(corpus, file)).article!;

  it('keeps texts out of a loaded corpus and reads each one back exactly when asked', async () => {
    const corpus = temp();
    const cache = new IndexCache(temp(), 'test');
    write(corpus);
    await buildIndexedCorpus(corpus, { cache, extract: none, pool: null });
    const loaded = (await loadCachedCorpus(corpus, cache))!;
    dropKeptTexts();
    for (const a of loaded.corpus.articles) {
      expect(a).toBeInstanceOf(LazyArticle);
      expect((a as LazyArticle).paragraphCount).toBe((await fresh(corpus, a.file)).paragraphs.length);
      expect((a as LazyArticle).toArticle()).toEqual(await fresh(corpus, a.file));
    }
  });

  it('never gives another text when the segment file is replaced, damaged in place, or its article file changed too', async () => {
    const corpus = temp();
    const cache = new IndexCache(temp(), 'test');
    write(corpus);
    await buildIndexedCorpus(corpus, { cache, extract: none, pool: null, segmentSize: 8 });
    const loaded = (await loadCachedCorpus(corpus, cache))!;
    const [one, two] = loaded.corpus.articles;
    const segFile = path.join(cache.dir, 'segments', `${loaded.segments[0].key}.seg`);
    const expected = { one: await fresh(corpus, 'one.txt'), two: await fresh(corpus, 'two.md') };

    // Replaced by a rebuild (another segment renamed over it), then removed by a prune: the loaded articles still read
    // the bytes they were loaded from.
    const other = temp();
    writeFileSync(path.join(other, 'one.txt'), 'Gold fell sharply on Tuesday in heavy trading.\n\nDealers were nervous.');
    writeFileSync(path.join(other, 'two.md'), 'Rates were cut.\n\nBanks followed.');
    const otherCache = new IndexCache(temp(), 'test');
    const otherBuild = await buildIndexedCorpus(other, { cache: otherCache, extract: none, pool: null, segmentSize: 8 });
    renameSync(path.join(otherCache.dir, 'segments', `${otherBuild.segments[0].key}.seg`), segFile);
    dropKeptTexts();
    expect(one.paragraphs).toEqual(expected.one.paragraphs);
    rmSync(segFile);
    dropKeptTexts();
    expect(two.raw).toBe(expected.two.raw);

    // Damaged in place (the same file written over): the check fails and the article file, unchanged, is read again.
    const again = (await buildIndexedCorpus(corpus, { cache, extract: none, pool: null, segmentSize: 8 }));
    const reloaded = (await loadCachedCorpus(corpus, cache))!;
    expect(again.segments[0].key).toBe(reloaded.segments[0].key);
    const bytes = readFileSync(segFile);
    const at = bytes.lastIndexOf('Brazil');
    expect(at).toBeGreaterThan(0);
    const fd = openSync(segFile, 'r+');
    writeSync(fd, 'Norway', at);
    closeSync(fd);
    dropKeptTexts();
    const [rOne, rTwo] = reloaded.corpus.articles;
    expect(rTwo.paragraphs).toEqual(expected.two.paragraphs);
    expect(rOne.raw).toBe(expected.one.raw);

    // And when the article file changed as well, reading fails rather than showing a text the article is not.
    writeFileSync(path.join(corpus, 'two.md'), '---\ntitle: Coffee\n---\n\nCoffee exports from Norway fell.\n\nGrowers were worried.');
    dropKeptTexts();
    expect(() => rTwo.paragraphs).toThrow(/changed on disk/);
  });
});

describe('date sentences read on demand', () => {
  const long = `The council, which ${'met many times over the long and difficult winter and heard from residents, engineers, lawyers and '.repeat(4)}planners, approved the bridge on March 3, 2021, after ${'a debate that ran late into the night and touched on costs, traffic, noise, river wildlife and '.repeat(4)}the old ferry.`;
  const text = `---\npublished: 2021-03-10\n---\n\nThe bridge opens on Monday, officials said last week.\n\n${long}\n\nWork began in 2019.`;

  it('gives each date the sentence it was extracted with, long sentences cut the same way, copies included', async () => {
    const corpus = temp();
    const cache = new IndexCache(temp(), 'test');
    writeFileSync(path.join(corpus, 'bridge.md'), text);
    const built = await buildIndexedCorpus(corpus, { cache, pool: null });
    const extracted = JSON.parse(JSON.stringify(built.knowledge.get('bridge')!.dates)) as DateMention[];
    expect(extracted.some((d) => d.sentence.startsWith('…') && d.sentence.endsWith('…'))).toBe(true);
    expect(extracted.length).toBeGreaterThanOrEqual(3);

    const loaded = (await loadCachedCorpus(corpus, cache))!;
    dropKeptTexts();
    const dates = loaded.knowledge.get('bridge')!.dates;
    // Kept without a copy of the sentence: it is read from the article's text when asked for.
    expect(dates.every((d) => !Object.keys(d).includes('sentence'))).toBe(true);
    expect(dates.map((d) => d.sentence)).toEqual(extracted.map((d) => d.sentence));
    expect(JSON.parse(JSON.stringify(dates))).toEqual(extracted);

    // A copy added later takes the loaded article's extraction, relabelled; its sentences stay right.
    writeFileSync(path.join(corpus, 'copy.md'), text);
    const rebuilt = await buildIndexedCorpus(corpus, { cache, pool: null, previous: loaded });
    const copy = rebuilt.knowledge.get('copy')!.dates;
    expect(copy.map((d) => d.article)).toEqual(extracted.map(() => 'copy'));
    expect(copy.map((d) => d.sentence)).toEqual(extracted.map((d) => d.sentence));
    const again = (await loadCachedCorpus(corpus, cache))!;
    expect(again.knowledge.get('copy')!.dates.map((d) => d.sentence)).toEqual(extracted.map((d) => d.sentence));
  });
});

describe('start in two steps', () => {
  it('is searchable before the articles are read, and caches merged entities', async () => {
    const corpus = temp();
    const cacheDir = temp();
    writeFileSync(path.join(corpus, 'one.txt'), 'Oil prices rose on Monday, said Thomas West, the oil minister.');
    writeFileSync(path.join(corpus, 'two.txt'), 'Coffee exports fell, Tom West said.');
    const first = await Newsdesk.open({ corpusDir: corpus, cacheDir });
    expect(readdirSync(path.join(cacheDir, 'merged'))).toHaveLength(1);
    const cache = new IndexCache(cacheDir);
    let searchable = false;
    const loaded = await loadCachedCorpus(corpus, cache, { onSearchable: (p) => (searchable = p.search('coffee').length === 1) });
    expect(searchable).toBe(true);
    expect(loaded?.corpus.articles.map((a) => a.id)).toEqual(['one', 'two']);
    const again = await Newsdesk.fromIndexedAsync(loaded!, { cache });
    expect(again.ctx.entities).toEqual(first.ctx.entities);
    expect(again.ctx.quotes).toEqual(first.ctx.quotes);
    expect(Newsdesk.fromIndexed(loaded!).ctx.entities).toEqual(first.ctx.entities);
  });

  it("starts from the merged entities without reading any article's own entities or statements, which are checked when read", async () => {
    const corpus = temp();
    const cacheDir = temp();
    writeFileSync(path.join(corpus, 'one.txt'), 'Oil prices rose on Monday, said Thomas West, the oil minister.');
    writeFileSync(path.join(corpus, 'two.txt'), '"Coffee exports fell," Tom West said.');
    const first = await Newsdesk.open({ corpusDir: corpus, cacheDir });
    // Every article's entities damaged in place, in the segment file the next start reads.
    const [segFile] = readdirSync(path.join(cacheDir, 'segments'));
    const bytes = readFileSync(path.join(cacheDir, 'segments', segFile));
    const fd = openSync(path.join(cacheDir, 'segments', segFile), 'r+');
    let damaged = 0;
    // (after the index and the article lines, each led by its u32 length: in the texts and entities)
    const indexLength = bytes.readUInt32LE(0);
    const textsAt = 8 + indexLength + bytes.readUInt32LE(4 + indexLength);
    for (let at = bytes.indexOf('"person"', textsAt); at !== -1; at = bytes.indexOf('"person"', at + 1)) {
      writeSync(fd, '"Person"', at);
      damaged++;
    }
    closeSync(fd);
    expect(damaged).toBeGreaterThan(1);
    const cache = new IndexCache(cacheDir);
    const loaded = (await loadCachedCorpus(corpus, cache))!;
    const again = await Newsdesk.fromIndexedAsync(loaded, { cache });
    expect(again.ctx.entities).toEqual(first.ctx.entities);
    expect(again.ctx.quotes).toEqual(first.ctx.quotes);
    expect(again.ctx.quotes.filter((q) => q.entityId === 'tom-west')).toHaveLength(1);
    for (const [command, query] of [['who', 'Thomas West'], ['quote', 'West'], ['when', 'oil prices']] as const) {
      expect(again.answer({ command, query })).toEqual(first.answer({ command, query }));
    }
    expect(() => loaded.knowledge.get('one')!.entities).toThrow(/changed on disk/);
    expect(() => loaded.knowledge.get('two')!.statements).toThrow(/changed on disk/);
  });

  it('reads the file list only when the folder is checked; a damaged list means a full check, not a wrong one', async () => {
    const corpus = temp();
    const cacheDir = temp();
    writeFileSync(path.join(corpus, 'one.txt'), 'Oil prices rose on Monday.');
    writeFileSync(path.join(corpus, 'two.txt'), 'Coffee exports fell.');
    await buildIndexedCorpus(corpus, { cache: new IndexCache(cacheDir), pool: null });
    const cache = new IndexCache(cacheDir);
    const loaded = (await loadCachedCorpus(corpus, cache))!;
    expect(loaded.files.size).toBe(0);
    const checked = await buildIndexedCorpus(corpus, { cache, pool: null, previous: loaded });
    expect(checked).toBe(loaded);
    expect([...loaded.files.keys()].sort()).toEqual(['one.txt', 'two.txt']);

    // The list's lines damaged (the manifest's head intact): the corpus still loads, and the check reads the folder.
    const [name] = readdirSync(path.join(cacheDir, 'corpora'));
    const text = readFileSync(path.join(cacheDir, 'corpora', name), 'utf8');
    writeFileSync(path.join(cacheDir, 'corpora', name), text.slice(0, text.lastIndexOf('\n')));
    writeFileSync(path.join(corpus, 'three.txt'), 'Gold rose.');
    const damaged = (await loadCachedCorpus(corpus, cache))!;
    expect(damaged.corpus.articles.map((a) => a.id)).toEqual(['one', 'two']);
    expect(await damaged.loadFiles!()).toBe(false);
    const rebuilt = await buildIndexedCorpus(corpus, { cache, pool: null, previous: damaged });
    expect(rebuilt.corpus.articles.map((a) => a.id)).toEqual(['one', 'three', 'two']);
    expect(rebuilt.files.size).toBe(3);
  });
});

describe('manifests', () => {
  it('read back a long file list exactly, and nothing when a line is missing', async () => {
    const cache = new IndexCache(temp(), 'v1');
    const corpus = temp();
    const files = Array.from({ length: 1000 }, (_, i) => ({ file: `f${i}.txt`, size: i, mtimeMs: i * 2, hash: `h${i}`, id: `f${i}` }));
    const manifest = { dir: path.resolve(corpus), files, segments: ['s1', 's2'], warnings: [{ file: 'x.txt', message: 'skipped: "version":"no"' }] };
    await cache.writeManifest(manifest);
    expect(await cache.readManifest(corpus)).toEqual({ ...manifest, version: 'v1' });
    expect(await new IndexCache(cache.dir, 'v2').readManifest(corpus)).toBeNull();
    const [name] = readdirSync(path.join(cache.dir, 'corpora'));
    const text = readFileSync(path.join(cache.dir, 'corpora', name), 'utf8');
    writeFileSync(path.join(cache.dir, 'corpora', name), text.slice(0, text.lastIndexOf('\n')));
    expect(await cache.readManifest(corpus)).toBeNull();
  });
});

describe('cached results', () => {
  it('reads back what it wrote and keeps only the most recent', async () => {
    const cache = new IndexCache(temp(), 'v1');
    for (let i = 0; i < 4; i++) await cache.writeResult(`k${i}`, JSON.stringify({ i }), 2);
    expect(await cache.readResult('k3')).toBe('{"i":3}');
    expect(await cache.readResult('missing')).toBeNull();
    expect(readdirSync(path.join(cache.dir, 'merged'))).toHaveLength(2);
  });
});
