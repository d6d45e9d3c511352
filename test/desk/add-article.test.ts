/** Preparing uploads and pages as articles: front matter, formats by extension and content, duplicates. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addPrepared, findDuplicate, normaliseLink, prepareFromFile, prepareFromHtml } from '../../src/desk/add-article.ts';
import { FolderDeskStore } from '../../src/desk/folder-store.ts';
import { articlePage } from '../helpers/web-server.ts';

const ana = { id: '1001', name: 'Ana <@everyone>' };
const MB = 1024 * 1024;
const story = [
  'The harbour authority of Porto Lindo approved a new ferry terminal on Tuesday, officials said.',
  '"We have waited twenty years for this," said Marta Quintela, the mayor of Porto Lindo.',
  'Construction is expected to begin in March and cost 40 million euros.',
];

describe('preparing articles', () => {
  it('reads an HTML page by Readability and records where it came from', () => {
    const html = articlePage({ title: 'Porto Lindo gets its ferry terminal', site: 'Coast Herald', published: '2026-03-03T10:00:00Z', canonical: '/news/ferry', paragraphs: story });
    const p = prepareFromHtml(html, { addedBy: ana, requestedUrl: 'http://example.test/ferry?utm_source=x', pageUrl: 'http://example.test/ferry', at: '2026-11-29T22:00:00.000Z' });
    expect(p.article.title).toBe('Porto Lindo gets its ferry terminal');
    expect(p.article.source).toBe('Coast Herald');
    expect(p.article.published).toBe('2026-03-03');
    expect(p.article.url).toBe('http://example.test/news/ferry');
    expect(p.article.paragraphs.map((x) => x.text)).toEqual(story);
    const front = parse(p.content.split('---\n')[1]!) as Record<string, string>;
    expect(front).toMatchObject({ fetched: '2026-11-29T22:00:00.000Z', added_by: 'Ana <@everyone>', added_by_id: '1001', fetched_from: 'http://example.test/ferry?utm_source=x' });
    expect(p.name).toMatch(/^porto-lindo-gets-its-ferry-terminal-[0-9a-f]{10}\.md$/);
    expect(p.links).toContain(normaliseLink('http://example.test/ferry'));
  });

  it('takes .txt/.md by extension and content, refuses binaries, other types and big files', () => {
    const txt = prepareFromFile('ferry.txt', Buffer.from(`Ferry terminal approved\n\n${story.join('\n\n')}`), { addedBy: ana }, MB);
    expect(txt.article.title).toBe('Ferry terminal approved');
    const md = prepareFromFile('ferry.md', Buffer.from(`---\ntitle: Own title\nsource: Own Wire\ntags: [port]\n---\n${story.join('\n\n')}`), { addedBy: ana }, MB);
    expect(md.article.title).toBe('Own title');
    expect(md.content).toContain('tags:');
    const disguised = prepareFromFile('page.txt', Buffer.from(articlePage({ title: 'A page disguised as a text file', site: 'Example Site Daily', published: '2026-01-01', paragraphs: story })), { addedBy: ana }, MB);
    expect(disguised.article.title).toBe('A page disguised as a text file');
    expect(() => prepareFromFile('x.pdf', Buffer.from('%PDF'), { addedBy: ana }, MB)).toThrow(/\.txt, \.md and \.html/);
    expect(() => prepareFromFile('x.txt', Buffer.from([0x41, 0, 0x42, 0]), { addedBy: ana }, MB)).toThrow(/cannot be read as text/);
    expect(() => prepareFromFile('x.txt', Buffer.alloc(2 * MB, 'a'), { addedBy: ana }, MB)).toThrow(/limit is 1 MB/);
    expect(() => prepareFromFile('x.html', Buffer.from('just words'), { addedBy: ana }, MB)).toThrow(/no HTML/);
    expect(() => prepareFromFile('x.txt', Buffer.from('   \n  '), { addedBy: ana }, MB)).toThrow(/no text/);
  });

  it('writes once; the same content or the same link again is a duplicate', async () => {
    const store = await new FolderDeskStore(mkdtempSync(path.join(tmpdir(), 'newsdesk-add-'))).open('123456789012345678');
    const first = prepareFromFile('ferry.txt', Buffer.from(story.join('\n\n')), { addedBy: ana }, MB);
    const outcome = await addPrepared(store, first, [], ana);
    expect(outcome.status).toBe('added');
    expect(readFileSync(path.join(store.dir, first.name), 'utf8')).toBe(first.content);
    const again = prepareFromFile('copy.md', Buffer.from(story.join('\n\n  ') + '\n'), { addedBy: { id: '2', name: 'Bo' } }, MB);
    expect(findDuplicate(again, [first.article])).toMatchObject({ reason: 'content' });
    expect(await addPrepared(store, again, [first.article], ana)).toMatchObject({ status: 'duplicate', existing: { id: first.article.id } });
    const page = prepareFromHtml(articlePage({ title: 'Other', site: 'S', published: '2026-01-01', paragraphs: ['Different words entirely here.'] }), { addedBy: ana, pageUrl: 'http://example.test/a/' });
    const samePage = prepareFromHtml(articlePage({ title: 'Other, updated', site: 'S', published: '2026-01-01', paragraphs: ['Changed words.'] }), { addedBy: ana, requestedUrl: 'http://EXAMPLE.test/a#top', pageUrl: 'http://example.test/a' });
    expect(findDuplicate(samePage, [page.article])).toMatchObject({ reason: 'link' });
    expect((await store.recentChanges(10)).map((c) => c.action)).toEqual(['article.add']);
  });
});
