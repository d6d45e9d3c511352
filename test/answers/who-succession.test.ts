/**
 * `/who` for people named only in relation to a post: the one succeeded gets the role the text implies, cited
 * on the sentence that implies it; "no role stated" only when the text states none.
 */
import { describe, expect, it } from 'vitest';
import { Newsdesk } from '../../src/newsdesk.ts';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { extractEntities } from '../../src/knowledge/people/entities.ts';
import { handArticle } from '../helpers/article.ts';
import { namesPredecessor, postInSentence, predecessorRole } from '../../src/knowledge/people/succession.ts';

const port = handArticle(
  [
    'Port authority names a new chief.',
    'The board on Monday named Maria Santos chief executive of the port authority, replacing Daniel Ortiz, who retired in March.',
    'Santos said the harbour would reopen its north terminal.',
    'Ortiz’s successor starts in June, the board said.',
  ].join('\n\n'),
  { id: 'port', published: '2024-05-06' },
);
const envoy = handArticle(
  [
    'A new envoy for the talks.',
    'The State Department on Friday appointed Ruth Calloway as the new special envoy for the Horn of Africa to succeed Martin Hale.',
    'Calloway will travel to Nairobi next week.',
    'Kline’s successor as mayor, Tom Brandt, took office on Friday. Sara Kline left for a job in Lisbon.',
    'Peter Vogel met the delegation on Tuesday.',
  ].join('\n\n'),
  { id: 'envoy', published: '2024-05-10' },
);
const desk = Newsdesk.fromCorpus({ dir: '', articles: [port, envoy], warnings: [] });
const who = (query: string) => desk.answer({ command: 'who', query });

describe('who: people named in passing', () => {
  it('gives the one succeeded the post the sentence names, cited on that sentence', () => {
    const a = who('Martin Hale');
    expect(a.answer).toBe('Martin Hale — previous special envoy for the Horn of Africa');
    const item = a.items.find((i) => i.role === 'previous special envoy for the Horn of Africa');
    expect(item?.text).toContain('to succeed Martin Hale');
    expect(item?.citation.article).toBe('envoy');
    expect(item?.citation.paragraph).toBe(2);
  });

  it('reads "named POST, replacing X" and carries the post to "X’s successor" elsewhere in the article', () => {
    const a = who('Daniel Ortiz');
    expect(a.answer).toBe('Daniel Ortiz — previous chief executive of the port authority');
    const ortiz = extractEntities(analyseArticle(port)).find((e) => e.canonical === 'Daniel Ortiz');
    expect(ortiz?.roles).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'previous chief executive of the port authority', paragraph: 4, evidence: 'Ortiz’s successor' })]));
  });

  it('reads "X’s successor as POST, Y" for X, and gives Y the post', () => {
    expect(who('Sara Kline').answer).toBe('Sara Kline — previous mayor');
    expect(who('Tom Brandt').answer).toMatch(/^Tom Brandt — mayor/);
  });

  it('gives the successor the post the succession sentence names', () => {
    expect(who('Ruth Calloway').answer).toBe('Ruth Calloway — special envoy for the Horn of Africa');
  });

  it('says "no role stated" only when the text states none', () => {
    expect(who('Peter Vogel').answer).toBe('Peter Vogel (no role stated)');
  });
});

describe('succession phrases', () => {
  it('finds the one succeeded and the post', () => {
    expect(namesPredecessor('He took over from Ann Bell as coach in May.', 'Ann Bell')).toBeTruthy();
    expect(postInSentence('He took over from Ann Bell as head coach in May.', 'Ann Bell')).toBe('head coach in May');
    expect(namesPredecessor('Ann Bell met the coach.', 'Ann Bell')).toBeNull();
  });

  it('falls back to whom they were succeeded by, or to a successor without a post', () => {
    expect(predecessorRole('Lena Ruiz will succeed Omar Diaz.', 'Omar Diaz', 'Lena Ruiz', null)?.role).toBe('predecessor of Lena Ruiz');
    expect(predecessorRole('Diaz’s successor was not named.', 'Diaz', null, null)?.role).toBe('previous holder of a post now filled by a successor');
  });
});
