/** The clause tokens: read from the analysis' own sentences and words, quotations masked to one token each. */
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { splitSentences } from '../../src/knowledge/analysis/sentences.ts';
import { breaksAfter, endsSentence, isAbbreviation, type Token } from '../../src/knowledge/analysis/tokens.ts';
import { tokenize as words } from '../../src/knowledge/analysis/word-tokens.ts';
import { handArticle } from '../helpers/article.ts';

const TEXT = [
  'DECATUR, Ill. — Sen. Ted Cruz (R-Texas) met Douglas Holtz-Eakin in the U.S. Capitol on Monday. About 1,000 people waited until 11:30 outside.',
  '"We will keep talking. Then we rest," Cruz said. He added:"Nothing is settled." J.M. Berger, a fellow, disagreed.',
  "Holtz-Eakin's plan drew Trump-style attacks from al-Qaeda's backers, and @NolteNC wrote that the plan's cost was \"absurd.\" Dr. Smith said no.",
].join('\n\n');

const a = analyseArticle(handArticle(TEXT));
const tok = (text: string, para?: number) => a.tokens.find((t) => t.text === text && (para === undefined || t.para === para))!;

/** The paragraph with each quotation's words (between the marks) written as `q`s. */
function masked(norm: string, spans: Array<{ from: number; to: number }>): string {
  const chars = [...norm];
  for (const s of spans) for (let i = s.from; i < s.to; i++) if (!/\s/.test(chars[i])) chars[i] = 'q';
  return chars.join('');
}

describe('clause tokens', () => {
  it('number sentences by the one splitter, over the article, with no sentence ending inside a quotation', () => {
    for (const [pi, pa] of a.paragraphs.entries()) {
      const own = a.tokens.filter((t) => t.para === pi);
      const text = masked(pa.paragraph.norm, a.spans.filter((s) => s.para === pi));
      // The splitter's sentences of the masked paragraph; a dateline stands as a sentence of its own.
      let starts = splitSentences(text).map((s) => s.start);
      if (pa.dateline) starts = [0, pa.dateline, ...starts.filter((s) => s > pa.dateline)];
      const sentenceOf = (t: Token) => starts.filter((s) => s <= t.start).length;
      for (let i = 1; i < own.length; i++) {
        expect(own[i].sent !== own[i - 1].sent, `${own[i - 1].text} | ${own[i].text}`).toBe(sentenceOf(own[i]) !== sentenceOf(own[i - 1]));
      }
    }
    const sents = a.tokens.map((t) => t.sent);
    expect(sents[0]).toBe(0);
    for (let i = 1; i < sents.length; i++) expect(sents[i] - sents[i - 1]).toBeGreaterThanOrEqual(0);
    expect(sents[sents.length - 1]).toBe(new Set(sents).size - 1); // consecutive numbers
    // The quotation's inner full stop ends nothing: the quote and its cue are one sentence.
    const quote = a.tokens.find((t) => t.quote >= 0)!;
    expect(tok('said').sent).toBe(quote.sent);
    expect(tok('He').sent).toBe(quote.sent + 1);
  });

  it('mask each quotation to one token that keeps its text and marks', () => {
    const placeholders = a.tokens.filter((t) => t.quote >= 0);
    expect(placeholders.map((t) => t.text)).toEqual(['We will keep talking. Then we rest,', 'Nothing is settled.', 'absurd.']);
    for (const t of placeholders) {
      expect(a.spans[t.quote].para).toBe(t.para);
      expect(t.cap).toBe(false);
      expect(t.pre).toBe('"');
    }
    expect(placeholders[0].post).toBe('" ');
    // A quotation written against its cue: `added:"…"` is a word, a colon, and the quotation.
    const added = tok('added');
    expect(added.post).toBe(':');
    expect(a.tokens[added.index + 1].quote).toBe(placeholders[1].quote);
  });

  it('read possessives and hyphenated names as one word', () => {
    const he = tok('Holtz-Eakin', 2);
    expect(he.possessive).toBe(true);
    expect(he.cap).toBe(true);
    expect(a.paragraphs[2].paragraph.text.slice(he.start, he.end)).toBe('Holtz-Eakin');
    expect(tok('Holtz-Eakin', 0).possessive).toBe(false);
    expect(tok('plan', 2).possessive).toBe(false);
    expect(a.tokens.filter((t) => t.lower === 'plan' && t.possessive)).toHaveLength(1); // "the plan's cost"
    expect(tok('Trump-style').cap).toBe(false);
    expect(tok('al-Qaeda').cap).toBe(false);
    expect(tok('al-Qaeda').possessive).toBe(true);
    const handle = a.tokens.find((t) => t.text.endsWith('NolteNC'))!;
    expect(handle.text).toBe('@NolteNC');
    expect(handle.cap).toBe(false);
  });

  it('keep abbreviations, initials and numbers inside their sentence', () => {
    const sen = tok('Sen');
    expect(sen.post).toBe('. ');
    expect(isAbbreviation(sen)).toBe(true);
    expect(breaksAfter(sen)).toBe(false);
    expect(tok('Ted').sent).toBe(sen.sent);
    expect(tok('U.S.').post).toBe(' ');
    expect(tok('Capitol').sent).toBe(sen.sent);
    expect(tok('Berger').sent).toBe(tok('J.M.').sent);
    expect(tok('Dr').sent).toBe(tok('Smith').sent);
    expect(tok('1,000').post).toBe(' ');
    expect(tok('11:30').post).toBe(' ');
    expect(endsSentence(tok('Monday'))).toBe(true);
    // The dateline is a sentence of its own; its dash opens the next one.
    expect(tok('Ill').sent).toBe(sen.sent - 1);
    expect(tok('Ill').post).toBe('. ');
    expect(sen.pre).toBe('— ');
    expect(breaksAfter(tok('Cruz', 0))).toBe(false);
    expect(tok('R-Texas').pre).toBe('(');
    expect(breaksAfter(tok('R-Texas'))).toBe(true);
  });

  it('come from the same words as the names do', () => {
    expect(words("AT&T's 1,000 shares, FranÃ§ois said at 9:45.").map((w) => w.text)).toEqual(['AT&T', "'s", '1,000', 'shares', ',', 'FranÃ§ois', 'said', 'at', '9:45', '.']);
    expect(words('The U.S.-Mexico border since 9/11.').map((w) => w.text)).toEqual(['The', 'U.S.-Mexico', 'border', 'since', '9/11', '.']);
    for (const t of a.tokens.filter((t) => t.quote < 0)) {
      const pw = a.paragraphs[t.para].words;
      expect(pw.some((w) => w.start === t.start || w.start === t.start + 1)).toBe(true);
    }
  });
});

describe('the one splitter', () => {
  const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

  it('ends a sentence at a plain "no." or a lower-case "sun.", not at "No. 2" or "Sun."', () => {
    expect(texts('The candidate said no. But he said more. He is the No. 2 man.')).toEqual(['The candidate said no.', 'But he said more.', 'He is the No. 2 man.']);
    expect(texts('It runs on wind and sun. But not always. It opens Sun. Jan. 5 at noon.')).toEqual(['It runs on wind and sun.', 'But not always.', 'It opens Sun. Jan. 5 at noon.']);
  });

  it('starts a sentence at a dash set apart before a capital', () => {
    expect(texts('No one should be above the law. — Paul Ryan (@SpeakerRyan) July 5, 2016')).toEqual(['No one should be above the law.', '— Paul Ryan (@SpeakerRyan) July 5, 2016']);
    expect(texts('It was close. -- and then it was not.')).toHaveLength(1);
    expect(texts('They met in Jupiter, Fla. — "which is a phenomenal area."')).toHaveLength(1);
  });

  it('keeps plural titles, "v." and initials inside, but not a letter ending a word', () => {
    expect(texts('Sens. Ted Cruz and Reps. Chris Smith cited Roe v. Wade, as Fr. Frank Pavone did.')).toHaveLength(1);
    expect(texts('The deal went to AT&T. And the rest went to E3G. It was done by J. Smith.')).toEqual(['The deal went to AT&T.', 'And the rest went to E3G.', 'It was done by J. Smith.']);
  });

  it('reads a dateline holding a full stop as one clause-token sentence', () => {
    const d = analyseArticle(handArticle('MIAMI, Fla. (Reuters) - Donald Trump on Monday told a rally of supporters here, "We will win," and left. He flew home.'));
    const t = (text: string) => d.tokens.find((x) => x.text === text)!;
    expect(d.paragraphs[0].dateline).toBeGreaterThan(0);
    expect(t('Fla').sent).toBe(t('MIAMI').sent);
    expect(t('Reuters').sent).toBe(t('MIAMI').sent);
    expect(t('Donald').sent).toBe(t('MIAMI').sent + 1);
    expect(t('He').sent).toBe(t('Donald').sent + 1);
  });
});
