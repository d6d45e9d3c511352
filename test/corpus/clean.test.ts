import { describe, expect, it } from 'vitest';
import { articleFromText, loadCorpus } from '../../src/corpus/load.ts';
import { rawOffset } from '../../src/corpus/offsets.ts';

describe('cleaning', () => {
  it('drops boilerplate lines', () => {
    const a = articleFromText('a', 'The body of the story is here, and it goes on.\n\nThis article has been adapted from its original source.\n\nCopyright © 2022 Press TV. All rights reserved.\n\nYou may also like\n');
    expect(a.paragraphs.map((p) => p.text)).toEqual(['The body of the story is here, and it goes on.']);
    expect(a.source).toBe('Press TV');
  });

  it('collapses a headline printed twice with different quote marks', () => {
    const a = articleFromText('a', 'Taliban warn against "destabilizing" the regime\n\nTaliban warn against “destabilizing” the regime\n\nThe body. More body.');
    expect(a.title).toBe('Taliban warn against "destabilizing" the regime');
    expect(a.paragraphs.map((p) => p.text)).toEqual(['The body. More body.']);
  });

  it('keeps a paragraph printed twice once, where it is complete', () => {
    const lead = 'A delegation led by the special representative will be in Doha for two weeks to discuss "our interests," with the Taliban.';
    const full = 'A delegation led by the special representative will be in Doha for two weeks to discuss “our interests,” with the Taliban, the spokesman said on Tuesday.';
    const a = articleFromText('a', `${lead}\n\nOther text here.\n\n${full}\n\n${full}`);
    expect(a.paragraphs.map((p) => p.text)).toEqual(['Other text here.', full]);
    expect(a.paragraphs.map((p) => p.n)).toEqual([1, 2]);
  });

  it('repairs a word split by a stray hyphen and keeps real hyphens', () => {
    const a = articleFromText('a', 'Stabilize Afgh-anistan now. The IS-Khorasan group and al-Qaeda ended a two-decade war in Afghanistan.');
    const p = a.paragraphs[0];
    expect(p.text).toBe('Stabilize Afghanistan now. The IS-Khorasan group and al-Qaeda ended a two-decade war in Afghanistan.');
    // Offsets still point into the original text after the repair.
    const i = p.text.indexOf('IS-Khorasan');
    expect(a.raw.slice(rawOffset(p, i), rawOffset(p, i) + 11)).toBe('IS-Khorasan');
  });

  it('normalises quotes for matching while keeping the original for display', () => {
    const a = articleFromText('a', '“We won’t,” he said.');
    expect(a.paragraphs[0].text).toBe('“We won’t,” he said.');
    expect(a.paragraphs[0].norm).toBe(`"We won't," he said.`);
    expect(a.paragraphs[0].norm).toHaveLength(a.paragraphs[0].text.length);
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    const text = 'The first line of a wrapped paragraph goes on and on for a\nwhile and then continues on the next line without any full\nstop until the very end of the paragraph, here.\n\nNext.';
    const a = articleFromText('a', text);
    expect(a.paragraphs).toHaveLength(2);
    expect(a.paragraphs[0].text).toContain('for a while');
  });

  it('numbers the seed paragraphs from 1 and keeps them in order', async () => {
    const corpus = await loadCorpus('corpus');
    for (const a of corpus.articles) {
      expect(a.paragraphs.map((p) => p.n)).toEqual(a.paragraphs.map((_, i) => i + 1));
      for (const p of a.paragraphs) expect(a.raw.slice(p.start, p.start + 5)).toBe(p.text.slice(0, 5));
    }
    const tass = corpus.articles.find((a) => a.id.startsWith('000'))!;
    expect(tass.paragraphs[0].text).toContain('Afghanistan. This was stated');
    const presstv = corpus.articles.find((a) => a.id.startsWith('002'))!;
    expect(presstv.paragraphs.some((p) => /Copyright|You may also like|adapted from its original/.test(p.text))).toBe(false);
    expect(presstv.paragraphs.filter((p) => p.text.startsWith('A delegation led by'))).toHaveLength(1);
  });
});
