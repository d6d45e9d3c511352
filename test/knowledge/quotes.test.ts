import { handArticle } from '../helpers/article.ts';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';
import { extractEntities } from '../../src/knowledge/people/entities.ts';
import { extractQuotes } from '../../src/knowledge/quotes/quotes.ts';
import type { ArticleEntity, Quote } from '../../src/knowledge/types.ts';

/** An article built by hand: paragraphs split on blank lines, `norm` as the corpus reader makes it. */
const article = (text: string, id = 't'): Article => handArticle(text, { id });

const quotes = (text: string, entities: ArticleEntity[] = []) => extractQuotes(analyseArticle(article(text)), entities);
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
  return extractQuotes(analyseArticle(a), withEntities ? extractEntities(analyseArticle(a)) : []);
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

  it('drops a title opening a sentence that what follows its comma describes', () => {
    const qs = quotes(
      '"Night Shift Nurses," an hour-long drama, returns in May. "Low Tide Tales," whose pilot was filmed in Maine, was cancelled. "The Long Winter Road," by Ann Marsh, sold well. "Thank You All," a spokesman said.',
    );
    expect(qs.map((q) => q.text)).toEqual(['Thank You All']);
  });

  it('drops a title named so just before it even with its punctuation inside the marks', () => {
    const qs = quotes(
      'Last year she starred in the movie "Storm Front: Run!" before her memoir "Long Roads Home." reached the shops. Her ad, titled "Ready?", aired twice. The new campaign slogan read "Build It Now!"',
    );
    expect(qs.map((q) => q.text)).toEqual(['Build It Now!']);
  });

  it('ends a quote that lost its closing mark where a new one opens before a closing mark', () => {
    const qs = quotes(
      'Lena Ortiz said the mayor came over “and said, ‘Glad you made it’ and shook my hand. I did not know what to say. “Then he said, ‘Keep it quiet,’” Ortiz said.',
    );
    expect(qs.map((q) => q.text)).toEqual([
      'and said, ‘Glad you made it’ and shook my hand. I did not know what to say.',
      'Then he said, ‘Keep it quiet,’',
    ]);
    expect(by(qs, 'Then he said').speaker).toBe('Lena Ortiz');
  });

  it('keeps the short words a verb of saying says, not those after a verb of addressing', () => {
    const qs = quotes(
      'Dockworkers in Valmont kept chanting "no more cuts" as the mayor left. A placard read "Pay us now" beside the gate. The mayor thanked "the quiet ones" and left.',
    );
    expect(qs.map((q) => q.text)).toEqual(['no more cuts', 'Pay us now']);
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

  it('keeps a hyphenated surname whole', () => {
    const qs = quotes('"Wages are finally rising," said Laura Perez-Hollis, an economist at the bank.');
    expect(qs[0].speaker).toBe('Laura Perez-Hollis');
  });

  it('reads a name standing before a colon as the speaker: `Name: "…"`', () => {
    const qs = quotes('The first results came in overnight.\n\nTurnout is up again - Martin K. Okafor: "At long last the contests have started and turnout is strong."');
    expect(qs[0].speaker).toBe('Martin K. Okafor');
  });

  it('takes the subject of the sentence when no cue verb introduces the quote', () => {
    const qs = quotes('Former Vermont Gov. Ellen Barker, for her part, is labeling the plan "a blatant abuse of power."\n\nRep. Tom Ruiz called his rival "totally scripted."');
    expect(by(qs, 'a blatant').speaker).toBe('Ellen Barker');
    expect(by(qs, 'a blatant').cue).toBeNull();
    expect(by(qs, 'totally').speaker).toBe('Tom Ruiz');
  });

  it('prefers the person over the place of work in "X of the Y"', () => {
    const qs = quotes('"Big tax cuts do not work in an age of high debt," Karen Dobbs of the Harbor Policy Institute wrote recently.');
    expect(qs[0].speaker).toBe('Karen Dobbs');
  });

  it('does not take a cue verb opening a sentence for part of a name', () => {
    const qs = quotes('Roger Stone spoke to the radio host on Monday.\n\nContinued Stone: "So I think it is a very real problem."');
    expect(qs[0].speaker).toBe('Roger Stone');
  });

  it('reads the name before a long apposition after the quote', () => {
    const qs = quotes('"We are going to have to come to terms with it," Walter Price, who was majority leader under two presidents, told lawmakers on a visit.');
    expect(qs[0].speaker).toBe('Walter Price');
    expect(qs[0].cue).toBe('told');
  });

  it('reads the name in apposition after a description: "said his best friend at Lehigh, Bruce Turry"', () => {
    const qs = quotes('"It may have been his first attempt to stand on his own," said his best friend at Lehigh, Peter Hahn, who remembered him well.');
    expect(qs[0].speaker).toBe('Peter Hahn');
  });

  it('reads lower-case role words before a name after the quote, and a party label in parentheses', () => {
    const qs = quotes('"Cruz and Rubio are moving up," former presidential candidate Herbert Kane said.\n\n"They have nothing to worry about," Sen. Rosa Delgado (D-N.M.) said Tuesday.');
    expect(by(qs, 'Cruz').speaker).toBe('Herbert Kane');
    expect(by(qs, 'They have').speaker).toBe('Rosa Delgado');
  });

  it('keeps a surname that is also a title word after an honorific: "Mr. King"', () => {
    const qs = quotes('"That is 60 electoral votes," Mr. King said. "Nobody has captured the real dilemma."');
    expect(qs.map((q) => q.speaker)).toEqual(['King', 'King']);
  });

  it('reads the name in apposition after a possessive description before the cue', () => {
    const qs = quotes('The rally ended late.\n\nMorton\'s campaign chairman, Jake Podell, said in a statement: "Tonight we saw a dark picture of the country."');
    expect(qs[0].speaker).toBe('Jake Podell');
  });

  it('keeps an indefinite phrase with capitals unnamed: "said a Nevada Democrat"', () => {
    const qs = quotes('"She needs to exceed expectations," said a Nevada Democrat.');
    expect(qs[0].speaker).toBe('a Nevada Democrat');
    expect(qs[0].speakerKind).toBe('unnamed');
  });

  it('reads an abbreviated military title inside a name: "Navy Capt. Jeff Davis"', () => {
    const qs = quotes('"We are already at war," Pentagon spokesman Navy Capt. Jeff Dorsey said.');
    expect(qs[0].speaker).toBe('Jeff Dorsey');
  });

  it('reads a dash and a name closing the quote: `"…" - Sanders.`', () => {
    const qs = quotes('The debate went on. "Boeing and GE pay zero taxes." - Sanders. This is a complex issue.\n\nQuotable. "The whole idea needs to stop." -Michelle Marks, Philadelphia.');
    expect(by(qs, 'Boeing').speaker).toBe('Sanders');
    expect(by(qs, 'The whole').speaker).toBe('Michelle Marks');
  });

  it('reads a quotation dash (U+2015) or another dash code point, and a signature that ends its paragraph', () => {
    const qs = quotes(
      'We asked readers what they made of the night.\n\n“I stayed up for all of it and I still do not know what I think.” \u2015 Odile Brandt\n\n“Nobody talked about rent.”\u00a0\u2015\u00a0Teodoro Vance, 62, Fresno\n\n“My sister changed her mind.” \u2012 Lena Okafor\n\n“I will vote early this year.” — Sam Whitlow',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['Odile Brandt', 'Teodoro Vance', 'Lena Okafor', 'Sam Whitlow']);
    expect(qs.every((q) => q.cue === '-')).toBe(true);
  });

  it('gives a quote signed by what is not read as a name nobody, not the speaker before it', () => {
    const qs = quotes('“The bus never comes on time.” — Odile Brandt\n\n“Nobody talked about rent.” — TEODORO VANCE, 62\n\n“I will vote early.” — @lena_votes\n\n“We lost,” Mara Quist said. “Next time” - getting out the vote early - “we will not.”');
    expect(qs.map((q) => q.speaker)).toEqual(['Odile Brandt', null, null, 'Mara Quist', 'Mara Quist', 'Mara Quist']);
  });

  it('reads lower-case role words before a name after the cue: "said retired neurosurgeon Ben Carson"', () => {
    const qs = quotes('She had not. "I am not going to say it is a mistake," said retired neurosurgeon Bob Carter, asked about his claims.');
    expect(qs[0].speaker).toBe('Bob Carter');
  });

  it('keeps "one user wrote" as an unnamed source, and a split quote with its named speaker', () => {
    const qs = quotes('Opinion was split. "It is great fun watching the dogfight," one user wrote.\n\n"The risk," said Edward Lerner, an economist who is the director of the Anderson Forecast, "is that we are going to be attracting workers and repelling jobs."');
    expect(by(qs, 'It is great').speaker).toBe('one user');
    expect(by(qs, 'It is great').speakerKind).toBe('unnamed');
    expect(by(qs, 'is that').speaker).toBe('Edward Lerner');
  });

  it('reads across a quoted title in the narrative: `… a class called "Perception" …, writing "…"`', () => {
    const qs = quotes('Later on Sunday, Ben Carver shared a syllabus for a class called "Perception" on his Facebook page, writing "Allow me also to do the research for the reporter."');
    expect(by(qs, 'Allow me').speaker).toBe('Ben Carver');
  });

  it('skips linkers and adverbs opening the clause: "And then Trump went on the attack, saying"', () => {
    const qs = quotes('Donald Trump tweeted twice. And then Trump went fully on the attack, saying, "Is the president going to finally mention the words?"');
    expect(qs[0].speaker).toBe('Donald Trump');
  });

  it('reads role words, a name and a long apposition after the quote', () => {
    const qs = quotes('"We finally may be seeing some wage acceleration," the economist Jared Bergman, a former adviser in the Obama White House, said.');
    expect(qs[0].speaker).toBe('Jared Bergman');
  });

  it('reads a dash and a name after a quote that ends its sentence', () => {
    const qs = quotes('"Americans are worried about the future of their kids." - Bernie Sanders. The second claim is false.');
    expect(qs[0].speaker).toBe('Bernie Sanders');
  });

  it('gives a participle cue the subject of the sentence or of the earlier cue, not the object before it', () => {
    const qs = quotes(
      'Mr. Tremont, who said last week that a judge was biased, issued a statement Tuesday saying, "I do not feel that heritage matters."\n\nRyan and Tremont will meet next week, Spicer said, adding, "They need to sit down and have a good talk."',
    );
    expect(by(qs, 'I do not feel').speaker).toBe('Tremont');
    expect(by(qs, 'They need').speaker).toBe('Spicer');
  });

  it('reads `Name:` opening its clause as a label even after an earlier cue verb', () => {
    const qs = quotes('Soon after the massacre he tweeted about it ... Donald Tramp: "Appreciate the congrats for being right."');
    expect(qs[0].speaker).toBe('Donald Tramp');
  });

  it('takes the subject of a later clause after an opening adverbial clause', () => {
    const qs = quotes('When Tramp suggested that Cuba would sue the U.S. over the deal, Rubin fired back forcefully: "If they sue us in a court in Miami, they are going to lose."');
    expect(qs[0].speaker).toBe('Rubin');
  });

  it('reads a quote opening its sentence after a short `Name agreed.`', () => {
    const qs = quotes('"They have failed to compete," said Craig Robbins, an editor. Iowa State University\'s Diane Bystrand agreed. "Mainstream Republicans are running out of time."');
    expect(by(qs, 'They have').speaker).toBe('Craig Robbins');
    expect(by(qs, 'Mainstream').speaker).toBe('Diane Bystrand');
  });

  it('keeps a cue right before a quote that ends its sentence over a later "X said" in the same sentence', () => {
    const qs = quotes('Htay Min, its acting chairman, told the news agency simply, "We lost." T-shirts quickly appeared that said "We won."');
    expect(by(qs, 'We lost').speaker).toBe('Htay Min');
  });

  it('takes a lone capitalised subject for a participle cue: "Bush offered a retort, tweeting at him"', () => {
    const qs = quotes('Jeb Bush spoke in Concord. Bush offered a Trump-style retort on the mogul\'s preferred mode of communication, tweeting at him, "you are a liar and a whiner."');
    expect(qs[0].speaker).toBe('Jeb Bush');
  });

  it('reads a closing mark set off by a space as punctuation: `coalitions, \'\' said Mr. Gunnels`', () => {
    const qs = quotes("He passed a bill. ''The reason he succeeded is that he built coalitions, '' said Mr. Gunnels, who now works on the campaign. ''He does not see himself as on the left.''");
    expect(qs.map((q) => q.speaker)).toEqual(['Gunnels', 'Gunnels']);
  });

  it('does not take the noun "state" for a cue verb', () => {
    const qs = quotes('"They feel he is the one guy who says it," Thomas Keane, the president of the Indiana state firefighters union, said.');
    expect(qs[0].speaker).toBe('Thomas Keane');
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
    expect(extractQuotes(analyseArticle(empty), [])).toEqual([]);
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
