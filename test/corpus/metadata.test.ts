import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/corpus/load.ts';
import { parseDateLine, parseDateline, sourceFromCopyright } from '../../src/corpus/metadata.ts';
import { loadCorpus } from '../../src/corpus/load.ts';

describe('published date shapes', () => {
  it('reads `date 2021-11-08 ...` as a prefix of the lead paragraph', () => {
    const a = articleFromText('a', ' date 2021-11-08 WASHINGTON DC (TASS): The talks went on.\n\nSecond paragraph here.');
    expect(a.published).toBe('2021-11-08');
    expect(a.source).toBe('TASS');
    expect(a.paragraphs[0].text).toBe('WASHINGTON DC (TASS): The talks went on.');
    expect(a.raw.slice(a.paragraphs[0].start, a.paragraphs[0].start + 10)).toBe('WASHINGTON');
  });

  it('reads `Published November 24th, 2021 - 09:23 GMT` and drops the line', () => {
    const a = articleFromText('a', 'Some Headline About Talks\n\nPublished November 24th, 2021 - 09:23 GMT\nThe body starts here. It goes on.\n');
    expect(a.published).toBe('2021-11-24');
    expect(a.title).toBe('Some Headline About Talks');
    expect(a.paragraphs.map((p) => p.text)).toEqual(['The body starts here. It goes on.']);
  });

  it('reads a first line that is only a date', () => {
    const a = articleFromText('a', 'December 10, 2023\n\nA headline for the story\n\nThe story itself. More of it.');
    expect(a.published).toBe('2023-12-10');
    expect(a.title).toBe('A headline for the story');
  });

  it('reports a dateline without a year as --MM-DD, never with the current year', () => {
    const a = articleFromText('a', 'A headline without a full stop\nWashington. September 9. INTERFAX - At a virtual meeting, officials spoke.');
    expect(a.published).toBe('--09-09');
    expect(a.source).toBe('INTERFAX');
    expect(parseDateline('MOSCOW, Nov. 8, 2021 (Reuters) - text')).toEqual({ published: '2021-11-08', source: 'Reuters' });
  });

  it('leaves a date the text does not give as null', () => {
    const a = articleFromText('a', 'The envoy said today, Monday, that talks will go on. He spoke from Brussels.\n\nAnother paragraph.');
    expect(a.published).toBeNull();
    expect(a.source).toBeNull();
    expect(a.title).toBeNull();
  });

  it('does not take a date inside body text for a date line', () => {
    expect(parseDateLine('Taliban forces sit on armed vehicles during a parade in Kandahar on November 8, 2021.')).toBeNull();
  });

  it('names the source from a copyright line', () => {
    expect(sourceFromCopyright('Copyright © 2022 Press TV. All rights reserved.')).toBe('Press TV');
    expect(sourceFromCopyright('© 2016 The Washington Post')).toBe('The Washington Post');
  });

  it('takes front matter over the text', () => {
    const a = articleFromText('a', '---\ntitle: Given title\nsource: Reuters\npublished: 2021-10-09\nurl: https://example.com/a\nauthor: Jane Doe\n---\nDecember 10, 2023\n\nBody text here. More.', 'md');
    expect(a).toMatchObject({ title: 'Given title', source: 'Reuters', published: '2021-10-09', url: 'https://example.com/a', author: 'Jane Doe' });
  });
});

describe('the seed corpus', () => {
  it('reads the five seeds with the dates and sources their texts give', async () => {
    const corpus = await loadCorpus('corpus');
    const byId = Object.fromEntries(corpus.articles.map((a) => [a.id.slice(0, 3), a]));
    expect(corpus.articles).toHaveLength(5);
    expect(corpus.warnings).toEqual([]);
    expect(byId['000']).toMatchObject({ published: '2021-11-08', source: 'TASS' });
    expect(byId['001']).toMatchObject({ published: null, source: null });
    expect(byId['002']).toMatchObject({ published: '2021-11-24', source: 'Press TV', title: 'The US Resume Talks With The Taliban in Qatar' });
    expect(byId['003']).toMatchObject({ published: '--09-09', source: 'INTERFAX' });
    expect(byId['004']).toMatchObject({ published: '2023-12-10' });
  });
});
