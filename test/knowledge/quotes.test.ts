import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';
import { extractEntities } from '../../src/knowledge/entities.ts';
import { extractQuotes } from '../../src/knowledge/quotes.ts';
import type { ArticleEntity, Quote } from '../../src/knowledge/types.ts';

/** An article built by hand: paragraphs split on blank lines, curly marks straightened in `norm`. */
function article(text: string, id = 't'): Article {
  const paragraphs = [];
  let offset = 0;
  for (const part of text.split(/\n\s*\n/)) {
    if (!part.trim()) continue;
    const start = text.indexOf(part, offset);
    offset = start + part.length;
    paragraphs.push({ n: paragraphs.length + 1, text: part, norm: part.replace(/[’‘]/g, "'").replace(/[“”]/g, '"'), start, drops: [] });
  }
  return { id, file: `${id}.txt`, format: 'txt', raw: text, title: null, source: null, published: null, url: null, author: null, paragraphs, hash: id };
}

const quotes = (text: string, entities: ArticleEntity[] = []) => extractQuotes(article(text), entities);
const by = (qs: Quote[], start: string) => {
  const q = qs.find((x) => x.text.startsWith(start));
  if (!q) throw new Error(`no quote starting "${start}" in ${JSON.stringify(qs.map((x) => x.text))}`);
  return q;
};

const seedDir = new URL('../../corpus/', import.meta.url);
const seedArticles = readdirSync(seedDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => articleFromText(f.slice(0, 3), readFileSync(new URL(f, seedDir), 'utf8')));
const seed = (n: string, withEntities = false) => {
  const a = seedArticles.find((x) => x.id === n)!;
  return extractQuotes(a, withEntities ? extractEntities(a) : []);
};

describe('quote marks', () => {
  it('finds straight and curly quotes and points into the raw text', () => {
    const text = 'Intro line.\n\n"We will win," Smith said.\n\n“We will lose,” Jones said.';
    const qs = quotes(text);
    expect(qs.map((q) => q.text)).toEqual(['We will win', 'We will lose']);
    for (const q of qs) expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(qs[0].paragraph).toBe(2);
    expect(qs[0].partial).toBe(false);
  });

  it('keeps a quote of several sentences whole', () => {
    const qs = quotes('"It is late. We must go. Nobody will wait for us," Maria Lopez said.');
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toBe('It is late. We must go. Nobody will wait for us');
    expect(qs[0].speaker).toBe('Maria Lopez');
  });

  it('follows a quote into the next paragraph and keeps its speaker', () => {
    const qs = quotes('"We are ready to talk," said Anna Berg, the mediator. "But the other side must come too.\n\n"Without them there is nothing to sign."\n\nThe talks resume on Monday.');
    expect(qs.map((q) => q.speaker)).toEqual(['Anna Berg', 'Anna Berg', 'Anna Berg']);
    expect(by(qs, 'Without').paragraph).toBe(2);
  });

  it('copes with an opening curly mark used to close a quote', () => {
    const qs = quotes('The envoy spoke. “It is imperative that we work together, “West said. The briefing ended.');
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toBe('It is imperative that we work together');
    expect(qs[0].speaker).toBe('West');
  });

  it('marks quoted fragments inside reported speech as partial', () => {
    const qs = quotes('Prime Minister Imran Khan said the two governments needed to "deepen engagement to promote peace and stability."');
    expect(qs).toHaveLength(1);
    expect(qs[0].partial).toBe(true);
    expect(qs[0].speaker).toBe('Imran Khan');
  });

  it('drops scare quotes and quoted titles', () => {
    const qs = quotes(
      'Talks were held on a "road map" toward recognition. She wrote a book called "The Long Road Home" last year. The "new normal" has arrived.',
    );
    expect(qs).toEqual([]);
  });

  it('keeps a short quote that is speech', () => {
    const qs = quotes('"No," the minister said when asked.');
    expect(qs.map((q) => q.text)).toEqual(['No']);
  });
});

describe('speakers', () => {
  it('reads "…," X said / "…," said X / X said: "…" / X told / According to him / He added', () => {
    const text = [
      'Prime Minister Jane Holt met the press on Monday.',
      '"We are ready," Holt said.',
      '"The budget is balanced," said Holt.',
      'Holt told the agency that "the numbers speak for themselves."',
      'Opposition leader Carl Brandt said: "This budget is a fraud."',
      'According to him, "nobody believes these figures."',
      'He added, "We will vote against it."',
    ].join('\n\n');
    const qs = quotes(text);
    expect(by(qs, 'We are ready').speaker).toBe('Jane Holt');
    expect(by(qs, 'We are ready').cue).toBe('said');
    expect(by(qs, 'The budget').speaker).toBe('Jane Holt');
    expect(by(qs, 'the numbers').speaker).toBe('Jane Holt');
    expect(by(qs, 'This budget').speaker).toBe('Carl Brandt');
    expect(by(qs, 'nobody believes').speaker).toBe('Carl Brandt');
    expect(by(qs, 'nobody believes').cue).toBe('according to');
    expect(by(qs, 'We will vote').speaker).toBe('Carl Brandt');
    expect(by(qs, 'We will vote').speakerMention).toBe('He');
  });

  it('resolves she to the most recent woman, not the most recent man', () => {
    const qs = quotes('Senator Mary Kline met Governor Tom Reyes in Denver.\n\n"The meeting went well," she said.');
    expect(qs[0].speaker).toBe('Mary Kline');
  });

  it('resolves a description by the role written with the name', () => {
    const qs = quotes('The talks were led by the UN special envoy for Yemen Hans Grundberg on Tuesday.\n\n"Both sides showed flexibility," the envoy told reporters.');
    expect(qs[0].speaker).toBe('Hans Grundberg');
    expect(qs[0].speakerMention).toBe('the envoy');
    expect(qs[0].cue).toBe('told');
  });

  it('keeps unnamed sources and organisations as written', () => {
    const qs = quotes(
      '"We will not comment," a senior Defense Ministry official said.\n\n"The decision is final," the statement said.\n\n"Prices will rise," the central bank said.',
    );
    expect(by(qs, 'We will not').speaker).toBe('a senior Defense Ministry official');
    expect(by(qs, 'We will not').speakerKind).toBe('unnamed');
    expect(by(qs, 'The decision').speaker).toBe('the statement');
    expect(by(qs, 'Prices').speakerKind).toBe('organisation');
  });

  it('leaves a quote with no cue and nobody speaking before it unattributed', () => {
    const qs = quotes('The weather was cold.\n\n"Nothing will ever be the same again."');
    expect(qs).toHaveLength(1);
    expect(qs[0].speaker).toBeNull();
    expect(qs[0].speakerKind).toBe('unknown');
  });

  it('uses the fullest form of a name seen in the article, or the entity canonical name', () => {
    const text = 'Envoy Thomas West arrived in Doha.\n\n"The talks were useful," West said.';
    expect(quotes(text)[0].speaker).toBe('Thomas West');
    const entities: ArticleEntity[] = [
      { canonical: 'Thomas J. West', kind: 'person', variants: ['Thomas J. West', 'Thomas West', 'West'], roles: [], paragraphs: [1, 2], mentions: 2 },
    ];
    expect(quotes(text, entities)[0].speaker).toBe('Thomas J. West');
  });
});

describe('seed articles', () => {
  for (const withEntities of [false, true]) {
    const label = withEntities ? 'with entities' : 'without entities';
    it(`000: every quote is Thomas West's, the last by "the US special envoy" (${label})`, () => {
      const qs = seed('000', withEntities);
      expect(qs.length).toBeGreaterThanOrEqual(6);
      expect(qs.every((q) => q.speaker === 'Thomas West')).toBe(true);
      const last = qs[qs.length - 1];
      expect(last.text.startsWith('As for other groups')).toBe(true);
      expect(last.speakerMention).toBe('the US special envoy');
      expect(last.cue).toBe('stressed');
      // The mis-typed closing mark: the quote ends before "West said".
      expect(by(qs, 'At this stage').text.endsWith('respects human rights')).toBe(true);
      const partial = by(qs, 'concerned about the growing number');
      expect(partial.partial).toBe(true);
      expect(partial.speakerMention).toBe('him');
    });

    it(`003: the diplomat is Blinken, the statement is unnamed, the senior official is not Ned Price (${label})`, () => {
      const qs = seed('003', withEntities);
      expect(by(qs, 'The Taliban are striving').speaker).toBe('Anthony Blinken');
      const statement = by(qs, 'The United States will continue');
      expect(statement.speaker).toBe('the statement');
      expect(['unnamed', 'organisation']).toContain(statement.speakerKind);
      const official = by(qs, 'There is nothing like that');
      expect(official.speaker).toBe('a senior State Department official');
      expect(official.speakerKind).toBe('unnamed');
      expect(by(qs, 'Secretary Blinken called').speaker).toBe('Ned Price');
      expect(by(qs, 'Pakistan, as the nearest').speaker).toBe('Shah Mehmood Qureshi');
    });

    it(`004: "He added" is Mottaki; the official stays unnamed (${label})`, () => {
      const qs = seed('004', withEntities);
      expect(by(qs, 'It is promised').speaker).toBe('Amir Khan Muttaki');
      expect(by(qs, 'It is promised').cue).toBe('added');
      expect(by(qs, 'We made it clear').speaker).toBe('Amir Khan Muttaki');
      expect(by(qs, 'We remain clear').speaker).toBe('a US State Department official');
      expect(qs.some((q) => q.text === 'destabilizing' || q.text === 'terrorists')).toBe(false);
    });
  }

  it('001: a "road map" and "responsible behavior" are not quotations', () => {
    expect(seed('001')).toEqual([]);
  });
});

describe('bad input', () => {
  it('never throws', () => {
    const cases = [
      '',
      '"',
      '“““”””',
      '" " " "',
      'He said "unbalanced and never closed',
      'Mr. O\'Neill and “Mullah” Omar met. O’Neill said nothing.',
      '...!!! ,,, ;;;',
      `"${'word '.repeat(2000)}," the chairman said.`,
      'A\n\n\n\nB',
    ];
    for (const c of cases) expect(() => quotes(c)).not.toThrow();
    const empty: Article = { ...article('x'), paragraphs: [] };
    expect(extractQuotes(empty, [])).toEqual([]);
  });

  it('handles a 10,000-character quote', () => {
    const long = 'word '.repeat(2000).trim();
    const qs = quotes(`"${long}," the chairman said.`);
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toHaveLength(long.length);
    expect(qs[0].speakerKind).not.toBe('person');
  });

  it('is not fooled by apostrophes in names or quoted nicknames', () => {
    const qs = quotes('Mullah Mohammad “Mullah” Omar was not seen. O’Neill met the press.\n\n“We have no news,” O’Neill said.');
    expect(qs.map((q) => q.text)).toEqual(['We have no news']);
    expect(qs[0].speaker).toBe('O’Neill');
  });

  it('an unbalanced mark does not swallow the next paragraph', () => {
    const qs = quotes('He said "this is wrong and left.\n\nThe next day, "nothing at all has changed," Ruiz said.');
    expect(qs.some((q) => q.text.includes('The next day'))).toBe(false);
    expect(by(qs, 'nothing at all').speaker).toBe('Ruiz');
  });
});
