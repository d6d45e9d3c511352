/**
 * The attribution rule families mined from PolNeAR train errors (bench/attribution-errors.ts), each on sentences
 * written for the test: quote boundaries, cue verbs, titles and appositions, organisations, coreference.
 */
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { extractQuotes } from '../../src/knowledge/quotes/quotes.ts';
import type { Quote } from '../../src/knowledge/types.ts';
import { handArticle } from '../helpers/article.ts';

const quotes = (...paragraphs: string[]) => extractQuotes(analyseArticle(handArticle(['A headline for the test.', ...paragraphs].join('\n\n'))), []);
const by = (qs: Quote[], start: string) => {
  const q = qs.find((x) => x.text.startsWith(start));
  if (!q) throw new Error(`no quote starting "${start}" in ${JSON.stringify(qs.map((x) => x.text))}`);
  return q;
};

describe('quote boundaries', () => {
  it('does not read the quotes of markup left in the text as quotation marks', () => {
    const qs = quotes(
      'The post spread fast. <tweet tweet-id="123456789" datetime="2016-03-02">Polls close at eight, go vote</tweet>. <tweet tweet-id="987654321"><tweet/>.',
      '"We expected a long night," Mayor Dana Whitfield said.',
    );
    expect(qs.map((q) => q.text)).toEqual(['We expected a long night']);
    expect(qs[0].speaker).toBe('Dana Whitfield');
  });

  it('takes a Title Case title with the sentence period inside the marks for a title', () => {
    const qs = quotes('Senator Ruth Ames said on Sunday that she would run again, speaking on NBC\'s "Morning Roundtable." She gave no date.', 'He was a guest on the quiz show "Know Your Town." "I loved it," Paul Greer said.');
    expect(qs.map((q) => q.text)).toEqual(['I loved it']);
  });

  it('takes a Title Case title followed by the sentence comma and no cue for a title', () => {
    const qs = quotes('Her new book, "Roads Without Maps," comes out in May.', '"Roads Without Maps," she said, "is about my father."');
    expect(qs.map((q) => q.text)).toEqual(['Roads Without Maps', 'is about my father.']);
  });
});

describe('quote boundaries: markup broken across paragraphs', () => {
  it('does not read the marks of a tag whose attribute value runs over a paragraph break as quotation marks', () => {
    const qs = quotes(
      'A reporter noted the empty seats. <tweet tweet-author="@CityDesk" tweet-date="March 9, 2016',
      '">Stadium event in Hialeah. Stands empty; crowd in one end zone.<tweet/>. "We expected more," Mayor Dana Whitfield said.',
    );
    expect(qs.map((q) => q.text)).toEqual(['We expected more']);
    expect(qs[0].speaker).toBe('Dana Whitfield');
  });
});

describe('quote boundaries: titles named as such', () => {
  it('takes a Title Case title with its closing period after a title word or a network possessive for a title', () => {
    const qs = quotes(
      'Her life was the subject of the documentary "Harbinger." It opened in May.',
      'She told the story in her memoir, "Long Roads Home." Critics liked it.',
      'Her rival spoke about it on WXR\'s "Good Day with Ann Tully." Viewers called in.',
      '"We never gave up," Mara Quill said.',
    );
    expect(qs.map((q) => q.text)).toEqual(['We never gave up']);
  });

  it('still reads a one-sentence quote after a cue verb as speech', () => {
    const qs = quotes('Nora Vance shook her head and said: "Not Today." Then she left.');
    expect(qs.map((q) => q.text)).toEqual(['Not Today.']);
  });
});

describe('quote boundaries: invisible characters', () => {
  it('reads a closing glyph after a bidi mark as an opening mark', () => {
    const qs = quotes('Readers wrote back within minutes. \u202a”We will keep reading your paper every day,” wrote Ana Solis.');
    expect(qs.map((q) => q.text)).toEqual(['We will keep reading your paper every day']);
    expect(qs[0].speaker).toBe('Ana Solis');
  });
});

describe('cue verbs', () => {
  it('reads phrasal cues: shot back, went on', () => {
    const qs = quotes('"You are wrong," Governor Alan Pryce shot back.', 'Irene Saldo went on: "The budget cannot wait."', 'Pryce was shot at in 2010.');
    expect(by(qs, 'You are wrong').speaker).toBe('Alan Pryce');
    expect(by(qs, 'You are wrong').cue).toBe('shot back');
    expect(by(qs, 'The budget').speaker).toBe('Irene Saldo');
  });

  it('reads any -ed verb inverted before a name that closes the sentence after the quote', () => {
    const qs = quotes(
      'The mayor spoke about the plant on Sunday.',
      '"Is the mayor profiling workers?" reacted Tom Hale.',
      '"Analysts said no, and she did it anyway," remembered Ray Verdi, the firm\'s former spokesman.',
    );
    expect(by(qs, 'Is the mayor').speaker).toBe('Tom Hale');
    expect(by(qs, 'Analysts said').speaker).toBe('Ray Verdi');
  });

  it('reads the subject of the verb governing an infinitive cue: "was prompted to say", "went so far as to say"', () => {
    const qs = quotes(
      'The debate was so calm that Mr. Tom Hale was prompted to say, "I cannot believe how civil it is."',
      'The columnist Rita Moss went so far as to say: "The network as we know it is over."',
    );
    expect(by(qs, 'I cannot believe').speaker).toBe('Tom Hale');
    expect(by(qs, 'The network').speaker).toBe('Rita Moss');
  });

  it('reads boomed and beamed', () => {
    const qs = quotes('The mayor leaned in and boomed: "We will win in November."', '"This is wonderful!" beamed Rosa Delgado of Tucson, Arizona.');
    expect(by(qs, 'This is wonderful').speaker).toBe('Rosa Delgado');
    expect(by(qs, 'We will win').cue).toBe('boomed');
  });
});

describe('titles and appositions', () => {
  it('reads capitalised title words before a name after the cue', () => {
    const qs = quotes('"I disagree with the plan," said retired Navy Vice Adm. Carla Dunmore, who led the fleet until 2014.');
    expect(qs[0].speaker).toBe('Carla Dunmore');
  });

  it('reads two titles joined by "and" before the name', () => {
    const qs = quotes('"He is reprising that role," said former Ohio Gov. and Democratic National Committee Chairman Ted Marlow.');
    expect(qs[0].speaker).toBe('Ted Marlow');
  });

  it('takes the person heading the clause when the apposition runs up to the cue: "Name, the director of X said"', () => {
    const qs = quotes(
      'Lena Ortiz, the press director for the Marion County Democratic Party said in a statement. "There will be no recount."',
      'Paul Hume, chairman of Citizens First (a local watchdog), wrote: "The count was clean."',
      '"Nobody asked us," Greta Moll, president of the Harbor Merchants Guild stated.',
    );
    expect(by(qs, 'There will be').speaker).toBe('Lena Ortiz');
    expect(by(qs, 'The count').speaker).toBe('Paul Hume');
    expect(by(qs, 'Nobody asked').speaker).toBe('Greta Moll');
  });

  it('reads the name set off by commas before the cue: "the county press secretary, Name, said"', () => {
    const qs = quotes(
      '"It would have cost less," the Harbor County press secretary, Jon Abbe, said on Tuesday.',
      'The mayor\'s chief of staff, Elsa Varga, stated: "We will publish the figures."',
    );
    expect(by(qs, 'It would have').speaker).toBe('Jon Abbe');
    expect(by(qs, 'We will publish').speaker).toBe('Elsa Varga');
  });

  it('reads the name before an affiliation when the cue follows the quote', () => {
    const qs = quotes('"Taxes should go down," former Gov. Nina Castell of Oregon said on Twitter.');
    expect(qs[0].speaker).toBe('Nina Castell');
  });

  it('keeps a surname that the lexicon reads as a word after an honorific: "Mr. Prince"', () => {
    const qs = quotes('Walter Prince runs a shipping firm in Ohio.', '"It is risky to cut staff now," Mr. Prince said.');
    expect(qs[0].speaker).toBe('Walter Prince');
  });
});

describe('cue verbs: a cue closing the sentence after a clause of narrative', () => {
  it('reads ", said Name" and ", Name wrote" at the end of the quote\'s sentence', () => {
    const qs = quotes(
      'Laura Fenn, a law professor, was cautious about the case.',
      '"To count the rulings that could flip is sobering," given how many were decided by one vote, said Omar Kettle, who teaches at Bryce University.',
      '"If the agency finds more records, it will search them" for the requested files, county attorney Rita Salgado wrote in a filing.',
    );
    expect(by(qs, 'To count').speaker).toBe('Omar Kettle');
    expect(by(qs, 'If the agency').speaker).toBe('Rita Salgado');
  });

  it('reads past an "as" clause after the quote to the cue closing the sentence', () => {
    const qs = quotes('Freddy Dace was eager to make his mark.', "''He was going to make the family name known,'' as his father planned, Mr. Tolland said.");
    expect(by(qs, 'He was going').speaker).toBe('Tolland');
  });

  it('takes capitalised and lower-case role words before the name at the end of the sentence', () => {
    const qs = quotes(
      'Laura Fenn, a law professor, was cautious about the case.',
      '"If the agency finds more records, it will search them" for files sought by the newspaper, Harbor County senior trial counsel Rita Salgado wrote in a filing.',
    );
    expect(by(qs, 'If the agency').speaker).toBe('Rita Salgado');
  });
});

describe('cue verbs: a quote signed by the paragraph below it', () => {
  it('reads "- Name." opening the next paragraph as the speaker of a quote that closes its own', () => {
    const qs = quotes(
      'We checked the claims of both candidates after the debate.',
      '"Almost every new dollar of income goes to the top earners."',
      '- Nadia Brand.',
      'The figure is out of date.',
      '"I will look into releasing them."',
      '— Owen Pryce',
    );
    expect(by(qs, 'Almost every').speaker).toBe('Nadia Brand');
    expect(by(qs, 'I will look').speaker).toBe('Owen Pryce');
  });

  it('reads a signature whose name opens with a title ("-Governor Nadia Brand, writing after …")', () => {
    const qs = quotes(
      '"The count is late," Owen Pryce said. "But it will be right."',
      '"Great night. She is ready. She never quits."',
      '-Governor Nadia Brand, writing after the speech.',
    );
    expect(by(qs, 'Great night').speaker).toBe('Nadia Brand');
  });
});

describe('cue verbs: a cue word written as a noun is no cue', () => {
  it('reads past "Mr. Hale\'s comments" to the real speaker', () => {
    const qs = quotes(
      'On television, Mr. Hale\'s campaign chairman, Ivo Marsh, dismissed criticism of Mr. Hale\'s comments about Ms. Ruiz as "Ruiz talking points."',
      'Ryan\'s campaign shrugged off Hale\'s comments, telling reporters, "Nobody on his team has ever asked for it."',
    );
    expect(by(qs, 'Ruiz talking points').speaker).toBe('Ivo Marsh');
    expect(by(qs, 'Nobody on his team').speaker).toBe("Ryan's campaign");
  });

  it('reads a possessive written with the apostrophe alone ("Myers\' comments") as a noun\'s owner', () => {
    const qs = quotes('Dale Weller did not seem impressed with Myers\' comments on Tuesday, telling reporters, "Plenty of people said the mayor should go."');
    expect(by(qs, 'Plenty of people').speaker).toBe('Dale Weller');
  });
});

describe('organisations', () => {
  it('reads a title after an organisation word as leading to a person', () => {
    const qs = quotes('"We will appeal," Harbor Port Authority Chairman Leo Brandt said.');
    expect(qs[0].speaker).toBe('Leo Brandt');
    expect(qs[0].speakerKind).toBe('person');
  });
});

describe('coreference', () => {
  it('learns a person\'s sex from the article\'s own pronouns when the given name leaves it open', () => {
    const qs = quotes(
      'Sen. Kelly Ambrose (R-Ohio) attacked his rival Mark Feld for the ads.',
      'Ambrose, who has his own ads on the air, spoke in Dayton.',
      'Ambrose said, "We lose voters with this talk."',
      'Rep. Sara Quint answered that the ads were fair.',
      'He continued, "I believe it is about the damage done."',
    );
    expect(by(qs, 'I believe').speaker).toBe('Kelly Ambrose');
  });

  it('reads the sex of a name with a party word before it', () => {
    const qs = quotes('Democrat Hillary Voss met Mayor Paul Dent on Monday.', '"We need the votes," he said.');
    expect(qs[0].speaker).toBe('Paul Dent');
  });

  it('makes the subject of inverted reported speech the current speaker', () => {
    const qs = quotes(
      'Governor Thomas Reyes wants tariffs on steel. Tariffs will not bring these jobs back, said David Amsel, a professor of economics at the state university.',
      '"We have no silver bullets," he said.',
    );
    expect(qs[0].speaker).toBe('David Amsel');
  });

  it('does not take a capitalised place the name finder misread for the antecedent of he/she', () => {
    const qs = quotes('Mayor Tom Reilly toured the county on Monday.', 'In Brookfield, he spoke to farmers. "The roads come first," he said.');
    expect(qs[0].speaker).toBe('Tom Reilly');
  });

  it('does not take the hometown in "Name, 33, of Baldwin, Miss.," for the antecedent of he', () => {
    const qs = quotes('Voters were polled in January.', 'Dewayne Smithy, 33, of Baldwin, Miss., dismisses the idea. "I cannot find a candidate," he said.');
    expect(qs[0].speaker).toBe('Dewayne Smithy');
  });

  it('takes neither an opening adverb nor the subject of a passive cue for a speaker', () => {
    const qs = quotes('Recently, Herman Cole, the host of a radio show, was asked by a caller why they come. "So they can hurt us," he said.');
    expect(qs[0].speaker).toBe('Herman Cole');
  });

  it('skips time words between a subject and its cue: "Priebus later Thursday told"', () => {
    const qs = quotes('Chairman Ross Pell later Thursday told Fox News: "Both men will meet next week."');
    expect(qs[0].speaker).toBe('Ross Pell');
  });

  it('gives a quote opening its sentence the speaker of a short report just before it', () => {
    const qs = quotes('Sam Loew, the spokesman for the county party, said in a statement. "There are no paper ballots to recount."');
    expect(qs[0].speaker).toBe('Sam Loew');
  });

  it('does not take a name listed after a comma for the subject that he/she refers to', () => {
    const qs = quotes(
      '"We show our anger," said Tom Harlan, a delegate from Ohio, who named his favourites, behind Governor Ray Pollard, Senator Mark Dale. "We are alive," he said.',
    );
    expect(by(qs, 'We are alive').speaker).toBe('Tom Harlan');
  });

  it('does not take a possessive name ("Mr. Dorn\'s remarks") for the subject that he/she refers to, unless it is "has"/"is"', () => {
    const qs = quotes(
      'Senator Paul Avery spoke on Sunday. Like the earlier attacks, Mr. Avery said, Mr. Dorn\'s remarks about the family were wrong. "This is a place we have never gone before," he said.',
      'Governor Ken Lasko\'s been making the case for weeks that Mr. Dorn is not ready. "He is not," he said.',
    );
    expect(by(qs, 'This is a place').speaker).toBe('Paul Avery');
    expect(by(qs, 'He is not').speaker).toBe('Ken Lasko');
  });
});

describe('cue verbs: a party and state in parentheses before the cue', () => {
  it('reads "Sen. Name (R-Fla.) said" after a quote as the speaker', () => {
    const qs = quotes('The question drew sharp lines. "It reminds us how important this election is," Sen. Mark Dolan (R-Fla.) said Saturday night at the debate.');
    expect(qs[0].speaker).toBe('Mark Dolan');
    expect(qs[0].cue).toBe('said');
  });
});

describe('cue verbs: a sentence with a scare-quoted phrase and its cue before a quote', () => {
  it('gives a quote opening its sentence the speaker of "\"…\" before the crash, she said." just before it', () => {
    const qs = quotes('Maria Lopez was at the park with her sister.', '"People were celebrating" before the crash, she said. "And it was so peaceful. It was a festive night."');
    expect(by(qs, 'And it was so peaceful').speaker).toBe('Maria Lopez');
  });
});

describe('coreference: object pronouns cast no vote for the subject\'s sex', () => {
  it('does not read "Name called her … asked her" as saying that Name is a woman', () => {
    const qs = quotes(
      'Ruth Dale says an aide to the mayor threatened her after the vote.',
      'Kerr Wallis called her twice that night and asked her to keep quiet. On Monday, Kerr Wallis denied it. "I never called anyone," he said.',
    );
    expect(by(qs, 'I never called anyone').speaker).toBe('Kerr Wallis');
  });
});

describe('coreference: role words before a name opening its sentence', () => {
  it('takes "Longtime consultant Name, …, picked up" for the subject that he/she refers to', () => {
    const qs = quotes(
      'Governor Ray Pollard spoke first at the dinner on Friday.',
      'Longtime consultant Tim Rourke, who ran three of his campaigns, picked up the thread. "We have a lot more in common than not," he said.',
    );
    expect(by(qs, 'We have a lot more').speaker).toBe('Tim Rourke');
  });
});

describe('coreference: a comma right after a preposition ends no opening phrase', () => {
  it('does not take the name after "ahead of," for the subject that he/she refers to', () => {
    const qs = quotes(
      'Carl Benson, who trails far behind the leader, and well ahead of, front-runner Ray Pollard in the polls, would stay. "We are not done yet," he said.',
      'Tom Harlan spoke to the crowd on Monday. In most states he runs well ahead of, Governor Ken Lasko among the voters. "We have only started," he said.',
    );
    expect(by(qs, 'We are not done yet').speaker).toBe('Carl Benson');
    expect(by(qs, 'We have only started').speaker).toBe('Tom Harlan');
  });
});

describe('cue verbs: a naming verb before the quote', () => {
  it('gives a quote naming something after "called"/"dubbed" to the person named right before the verb', () => {
    const qs = quotes(
      'The conservative writer Dan Frost called the moment "a display of nerves at the worst time." The debate went on.',
      'The town hoped the fair would help it shed what Ann Gilbey dubbed "a sleepy reputation." It drew crowds.',
      'In a statement Tuesday, board chairman Tom Fenton called the mayor\'s claim of a "right to privacy" over her emails "hard to believe." It was a short statement.',
    );
    expect(by(qs, 'a display of nerves').speaker).toBe('Dan Frost');
    expect(by(qs, 'a sleepy reputation').speaker).toBe('Ann Gilbey');
    expect(by(qs, 'hard to believe').speaker).toBe('Tom Fenton');
  });

  it('gives a quote opening the paragraph after "Name called them on it:" to that name, not to an earlier person', () => {
    const qs = quotes(
      'When the hosts gave in to the lure of cheap jokes, and Ann Pyle, you can see why they might, Tom Dace called them on it:',
      '"The questions asked tonight show why nobody trusts this panel. Everyone at home knows it."',
    );
    expect(by(qs, 'The questions asked').speaker).toBe('Tom Dace');
  });

  it('skips a short parenthetical between the name and the naming verb, before an earlier cue or subject', () => {
    const qs = quotes('Mr. Tate lost friends by repeating claims that Rush Dalton, for one, called "spin of the cheapest sort."');
    expect(by(qs, 'spin of the cheapest').speaker).toBe('Rush Dalton');
  });
});

describe('coreference: a finite verb ends the role words before a name', () => {
  it('does not give the role of a subject to the object of its verb ("Ohio senator endorses Name")', () => {
    const qs = quotes(
      'Ohio senator endorses Dana Reyes at the county fair.',
      'Senator Mark Hollis spoke on Friday at the fair. Later, Dana Reyes thanked the crowd for coming.',
      '"We are proud of the work done here," the senator said.',
    );
    expect(by(qs, 'We are proud').speaker).toBe('Mark Hollis');
  });
});

describe('cue verbs: a relative clause or participle phrase between the speaker and the cue', () => {
  it('takes the person named before a comma-bounded who-clause or participle phrase for the subject of the cue', () => {
    const qs = quotes(
      'The row began last week after Ms. Ferrow, asked about the mill closures, had said, "We will not reopen a single plant."',
      'The rule dates from 1972, when Tobias Wendle, who founded the league that spring, said, "Nobody here ever keeps score."',
    );
    expect(by(qs, 'We will not').speaker).toBe('Ferrow');
    expect(by(qs, 'Nobody here').speaker).toBe('Tobias Wendle');
  });

  it('does not take a place abbreviation before the clause for a person', () => {
    const qs = quotes('Paul Grane, a welder from Ava, Mo., who joined the union in 1990, said the plant had been the heart of the town for a century.', '"It is all we have," he said.');
    expect(by(qs, 'It is all').speaker).toBe('Paul Grane');
  });
});

describe('cue verbs: a comma inside the closing mark of a scare-quoted phrase before the cue', () => {
  it('reads the comma tucked inside a scare quote as the comma before a cue closing the sentence', () => {
    const qs = quotes('Her publisher promised a frank account of the marriage.', '"What stays buried never stays quiet" was to be a "warning to others," said Nora Vell, then the author\'s agent.');
    expect(by(qs, 'What stays').speaker).toBe('Nora Vell');
  });
});

describe('cue verbs: a cue after the quote that reports speech', () => {
  it('does not take the subject of reported speech after the cue for the speaker', () => {
    const qs = quotes('Ray Dunmore, citing "the quiet strength of the district," said the mayor could win every ward in the fall.');
    expect(by(qs, 'the quiet strength').speaker).toBe('Ray Dunmore');
  });
});

describe('cue verbs: the owner of a statement or saying that introduces the quote', () => {
  it('takes the name whose possessive owns the noun of words said for the speaker', () => {
    const qs = quotes(
      'Ann Pyle left the race on Monday.',
      'From Pyle\'s Facebook post: "We ran a clean campaign and I am proud of every volunteer who knocked on a door."',
      'Voters still remember Mr. Tolland\'s lyrical rejection of "a town that counts only its losses" at the fair.',
      'Organisers say the mill will keep Tolland\'s "no worker left behind" promise: every job stays in the valley.',
    );
    expect(by(qs, 'We ran a clean').speaker).toBe('Ann Pyle');
    expect(by(qs, 'a town that counts').speaker).toBe('Tolland');
    expect(by(qs, 'no worker left').speaker).toBe('Tolland');
  });

  it('reads "Name\'s word:" as the owner\'s words', () => {
    const qs = quotes('Ann Pyle spoke first. The plan rests on blind faith in Tolland\'s word: "We will keep every job in the valley for as long as I am mayor."');
    expect(by(qs, 'We will keep').speaker).toBe('Tolland');
  });

  it('takes the subject of the verb whose object is the statement for the speaker', () => {
    const qs = quotes(
      'After the bridge collapsed in 1991, Governor Ray Dunmore released the following statement:',
      '"Our thoughts are with the families tonight. We will rebuild it."',
      'Hours after the storm, Mayor Edda Lint issued a statement, "No one should drive on the coast road tonight."',
    );
    expect(by(qs, 'Our thoughts').speaker).toBe('Ray Dunmore');
    expect(by(qs, 'No one should').speaker).toBe('Edda Lint');
  });

  it('takes the subject of the clause whose action comes "with a message:" for the speaker', () => {
    const qs = quotes("Ever since she backed Mr. Dole in May, Ms. Pyle has been a tireless campaigner, visiting the Dole field office in Erie to rally the volunteers with a short message: ''Don't mess this up!''");
    expect(by(qs, "Don't mess").speaker).toBe('Pyle');
  });
});

describe('cue verbs: a colon closing a longer clause after the cue', () => {
  it('reads the cue of a clause ending in a colon before the quote, up to sixteen words after the cue', () => {
    const qs = quotes('As Tara Moss tried to turn to the school budget, Ned Pollock answered with a remark that might have come from his old rival himself: "Do not lecture me about taxes."');
    expect(by(qs, 'Do not lecture').speaker).toBe('Ned Pollock');
  });
});

describe('quote boundaries: what a named person called something', () => {
  it('keeps a short quote after a name, a naming verb and its object as speech, not a scare quote', () => {
    const qs = quotes(
      'Mr. Tolland called the count "rigged" in a post on Tuesday, and his allies asked for a recount.',
      'A blog called the "Ledger," run by three writers, posts every hour. A group called "Fair Votes" met on Monday.',
    );
    expect(qs.map((q) => q.text)).toEqual(['rigged']);
    expect(qs[0].speaker).toBe('Tolland');
  });
});

describe('cue verbs: a transcript label read as a sentence of its own', () => {
  it('reads `Name (party):` right before a quote that opens the next sentence as its label', () => {
    const qs = quotes('The hearing turned sharp. Rep. Ann Pyle (R-Ohio):"Who told you that figure? Who told you that?"');
    expect(by(qs, 'Who told you').speaker).toBe('Ann Pyle');
  });
});

describe('cue verbs: a subject inside the clause a partial quote runs on into', () => {
  it('does not take the subject of a clause after a preposition following the quote for the speaker', () => {
    const qs = quotes('While Governor Ann Pyle has warned against "a betrayal of our oldest values" in the way the Harbor Authority responds to the floods, she has ordered a review.');
    expect(by(qs, 'a betrayal').speaker).toBe('Ann Pyle');
    expect(by(qs, 'a betrayal').cue).toBe('warned');
  });
});

describe('titles and appositions: a place opening the role words before a name and its apposition', () => {
  it('reads `"…," Ohio delegate Carl Brenner, wearing …, said` as Carl Brenner', () => {
    const qs = quotes('Not everyone was pleased. "We have had better weeks than this one," Ohio delegate Carl Brenner, wearing a wide hat and "Vote Pyle" pins, said with a shrug.');
    expect(by(qs, 'We have had better').speaker).toBe('Carl Brenner');
  });
});

describe('quote boundaries: a closing mark typed for an opening one', () => {
  it('reads a closing glyph right after a cue and its comma, with a mark still to come, as the opening mark', () => {
    const qs = quotes('Carl Brenner has kept the bakery open since 1990. He says,” most of the people on this street have never been asked what they think.”');
    expect(qs.map((q) => q.text)).toEqual(['most of the people on this street have never been asked what they think.']);
    expect(qs[0].speaker).toBe('Carl Brenner');
  });
});

describe('quote boundaries: a short quote opening a sentence that a cue closes', () => {
  it('keeps a short quote opening its sentence as speech when ", said Name" closes the sentence', () => {
    const qs = quotes('The vote was close. "We are thrilled" about the ruling, said Nora Vell, director of the Harbor Nurses Union, a group that backed the bill.', 'The "fresh start" plan was dropped.');
    expect(qs.map((q) => q.text)).toEqual(['We are thrilled']);
    expect(qs[0].speaker).toBe('Nora Vell');
  });
});

describe('quote boundaries: a quote nested in another with the same marks', () => {
  it('reads “… “…” …,” as one quote running to the second closing mark', () => {
    const qs = quotes('The speech angered some donors. “Tate’s absurd claim that a deal “has to do with the port and whether the port will bend” shows he has no grasp of the region,” wrote Ivo Marsh, president of the Harbor League.');
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toMatch(/^Tate’s absurd claim .* of the region$/);
    expect(qs[0].speaker).toBe('Ivo Marsh');
  });
});

describe('cue verbs: a quote inside a subordinate clause opening the sentence', () => {
  it('gives the quote to the person named right after the subordinator when no main clause comes first', () => {
    const qs = quotes(
      'The hall was half empty. When Tate at last finished — "I will stand with you, and I will win this for you!" — the confetti fell.',
      'When Tate finished, Ann Pyle told the crowd: "Go home and vote."',
    );
    expect(by(qs, 'I will stand').speaker).toBe('Tate');
    expect(by(qs, 'Go home').speaker).toBe('Ann Pyle');
  });

  it('finds the name run together with the capitalised subordinator ("While Mr. Tolland, …, laid out …")', () => {
    const qs = quotes("While Mr. Tolland, speaking for the party's old guard, laid out a vision for ''a simpler tax code that rewards hard work,'' Ann Pyle, the physician who ran last year, used her time to attack the press.");
    expect(by(qs, 'a simpler tax code').speaker).toBe('Tolland');
  });
});

describe('quote boundaries: short phrases set off by dashes or listed', () => {
  it('takes a short quoted phrase between two dashes for a scare quote, not speech', () => {
    const qs = quotes('The rule sets up a new board. That wording -- "qualified applicants" -- is a quiet shift from 2011.', '"No," Ann Pyle said -- and left.');
    expect(qs.map((q) => q.text)).toEqual(['No']);
  });

  it('takes the words of a quoted list for scare quotes, not speech', () => {
    const qs = quotes('Clerks searched the files for words such as "harbor," "levy," "Tolland" and "dredging" in any memo. Nothing came up.', '"Nothing," Ann Pyle said, "was hidden."');
    expect(qs.map((q) => q.text)).toEqual(['Nothing', 'was hidden.']);
  });
});
