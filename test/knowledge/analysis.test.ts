import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { isCaption } from '../../src/knowledge/analysis/furniture.ts';
import { fold, foldName, nameKey } from '../../src/knowledge/analysis/fold.ts';
import { tagsOf } from '../../src/knowledge/analysis/lexicon.ts';
import { extractArticle } from '../../src/knowledge/extract.ts';
import { handArticle } from '../helpers/article.ts';

const TEXT = [
  'KABUL (Reuters) - Foreign Minister Amir Khan Muttaki met Sen. Jane Doyle of Ohio in Los Angeles on Monday.',
  '"We will keep talking," Muttaki told reporters. He said the talks would resume. However, no date was set.',
  'Photo: Dignitaries arrive for the talks.',
  'Fighters sit on armed vehicles during a parade in Kabul on November 3, 2021.',
].join('\n\n');

describe('analyseArticle', () => {
  const a = analyseArticle(handArticle(TEXT, { published: '2021-11-10' }));

  it('splits each paragraph into sentences once, abbreviations kept inside', () => {
    const p1 = a.paragraphs[0];
    expect(p1.sentences).toHaveLength(1); // "Sen." does not end a sentence
    const p2 = a.paragraphs[1];
    expect(p2.sentences.map((s) => p2.paragraph.norm.slice(s.start, s.end))).toEqual([
      '"We will keep talking," Muttaki told reporters.',
      'He said the talks would resume.',
      'However, no date was set.',
    ]);
  });

  it('tags words from the lexicon, a known phrase as a whole', () => {
    const words = a.paragraphs[0].words;
    const amir = words.find((w) => w.text === 'Amir')!;
    expect(amir.tags.has('FirstName')).toBe(true);
    expect(amir.tags.has('Person')).toBe(true); // parents come with the tag
    const los = words.find((w) => w.text === 'Los')!;
    expect(los.tags.has('City') || los.tags.has('Place')).toBe(true);
    expect(words.find((w) => w.text === 'met')!.tags.has('Verb')).toBe(true);
    expect(tagsOf('zorblaxian').size).toBe(0);
  });

  it('masks each quotation to one clause token and keeps offsets into the paragraph', () => {
    expect(a.spans.filter((s) => !s.scare)).toHaveLength(1);
    const placeholder = a.tokens.filter((t) => t.quote >= 0);
    expect(placeholder).toHaveLength(1);
    const told = a.tokens.find((t) => t.lower === 'told')!;
    expect(a.paragraphs[told.para].paragraph.text.slice(told.start, told.end)).toBe('told');
    // Sentence numbers run over the article: the quote and its cue are one sentence, "He said" the next.
    const he = a.tokens.find((t) => t.lower === 'he')!;
    expect(he.sent).toBe(told.sent + 1);
  });

  it('finds the dateline and the photo captions', () => {
    expect(a.paragraphs[0].paragraph.text.slice(0, a.paragraphs[0].dateline)).toBe('KABUL (Reuters) - ');
    expect(a.paragraphs[1].dateline).toBe(0);
    expect(a.paragraphs[2].captions).toEqual([true]);
    expect(a.paragraphs[3].captions).toEqual([true]);
    expect(a.paragraphs[1].captions).toEqual([false, false, false]);
  });

  it('leaves no clause tokens to build when nothing is quoted', () => {
    expect(analyseArticle(handArticle('Nobody is quoted here. Only facts.')).tokens).toEqual([]);
  });

  it('survives empty and odd input', () => {
    expect(analyseArticle(handArticle('')).paragraphs).toEqual([]);
    expect(() => analyseArticle(handArticle('\u202e\u0000 “unclosed ‘ quote \ud800 Zoë said.'))).not.toThrow();
  });
});

describe('captions', () => {
  it('tells a picture description or a credit from a news sentence', () => {
    expect(isCaption('Taliban fighters sit on armed vehicles during a parade in Kabul on November 8, 2021.')).toBe(true);
    expect(isCaption('Supporters gather outside the court in Islamabad on 3 May 2022')).toBe(true);
    expect(isCaption('Photo: Thomas West in Doha')).toBe(true);
    expect(isCaption('A view of the venue of the talks. (AFP)')).toBe(true);
    expect(isCaption('The Taliban took over Kabul on August 15, 2021.')).toBe(false);
    expect(isCaption('West said the talks would resume on November 8, 2021.')).toBe(false);
    expect(isCaption('Officials sit down for talks on Monday.')).toBe(false);
  });

  it('reads © as a credit, not the © of a mis-decoded letter (UTF-8 é read as Latin-1: Ã©)', () => {
    expect(isCaption('Rescuers search the rubble. © Maria Lopez')).toBe(true);
    expect(isCaption('(©AFP) Rescuers search the rubble.')).toBe(true);
    expect(isCaption('"It is not a clichÃ©," the editor of LibÃ©ration said.')).toBe(false);
  });

  it('reads a photographer credited "via" an agency as a credit, not a sentence sent via one', () => {
    expect(isCaption('Jon Marsh via Getty Images.')).toBe(true);
    expect(isCaption('Ana K. Ruiz via Reuters')).toBe(true);
    expect(isCaption('The statement was sent via Reuters.')).toBe(false);
  });
});

describe('one fold', () => {
  it('compares names without case, accents or full stops', () => {
    expect(fold('Zoë Ångström')).toBe('zoe angstrom');
    expect(fold('O’Reilly')).toBe("o'reilly");
    expect(foldName('J. R. Smith ')).toBe('j r smith');
    expect(nameKey('The U.S. State-Department')).toBe('us state department');
  });
});

describe('statements', () => {
  it('gives answers sentences without datelines, captions flagged, pronoun openings resolved', () => {
    const k = extractArticle(handArticle(TEXT, { published: '2021-11-10' }));
    const st = k.statements!;
    const first = st.find((s) => s.paragraph === 1)!;
    expect(first.start).toBe('KABUL (Reuters) - '.length);
    const he = st.find((s) => s.opens === 'pronoun')!;
    expect(he.referent).toBe('Amir Khan Muttaki');
    expect(TEXT.split('\n\n')[1].slice(he.pronoun![0], he.pronoun![1])).toBe('He');
    expect(st.find((s) => s.paragraph === 2 && s.opens === 'dependent')).toBeDefined();
    expect(st.filter((s) => s.caption).map((s) => s.paragraph)).toEqual([3, 4]);
    // A caption's date is the picture's: found, but flagged as no event.
    const pictured = k.dates.filter((d) => d.value === '2021-11-03');
    expect(pictured).toHaveLength(1);
    expect(pictured[0].caption).toBe(true);
    expect(k.dates.filter((d) => d.value !== '2021-11-03').every((d) => !d.caption)).toBe(true);
    expect(k.dates.some((d) => /Monday/.test(d.text))).toBe(true);
  });
});

describe('extractArticle', () => {
  it('is pure and its result crosses a worker boundary unchanged (structured clone)', () => {
    const a = handArticle(TEXT, { published: '2021-11-10' });
    const k = extractArticle(a);
    expect(structuredClone(k)).toEqual(k);
    expect(extractArticle(a)).toEqual(k);
  });
});
