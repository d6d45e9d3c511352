import { handArticle } from '../helpers/article.ts';
import { analyseArticle } from '../../src/knowledge/analysis/analyse.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';
import { extractEntities } from '../../src/knowledge/people/entities.ts';
import { mergeEntities, mergeEntitiesAsync, type FreshMerge } from '../../src/knowledge/people/merge.ts';
import { readStoredMerge, storeMergeSteps } from '../../src/store/stored-merge.ts';
import { runAtOnce } from '../../src/slices.ts';
import { sameGivenName, sameNameWord, skeleton } from '../../src/knowledge/people/name-forms.ts';
import type { ArticleEntity, ArticleKnowledge } from '../../src/knowledge/types.ts';

const article = (text: string, id = 't', published: string | null = '2021-11-08'): Article => handArticle(text, { id, published });

const find = (es: ArticleEntity[], name: string) => es.find((e) => e.variants.includes(name));
const roles = (e: ArticleEntity | undefined) => (e?.roles ?? []).map((r) => r.text);

const seedDir = new URL('../../corpus/', import.meta.url);
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => articleFromText(f.slice(0, 3), readFileSync(new URL(f, seedDir), 'utf8')));
const seed = (n: string) => extractEntities(analyseArticle(seeds.find((a) => a.id === n)!));

describe('extractEntities', () => {
  it('merges a lone surname into the full name and keeps surname variants', () => {
    const es = extractEntities(analyseArticle(article('Foreign Minister Amir Khan Muttaki said the talks went well.\n\n"We made it clear," Mottaki told reporters. Muttaki added more.')));
    const e = find(es, 'Mottaki');
    expect(e?.canonical).toBe('Amir Khan Muttaki');
    expect(e?.variants).toEqual(expect.arrayContaining(['Muttaki', 'Mottaki']));
    expect(e?.mentions).toBe(3);
    expect(roles(e)).toContain('Foreign Minister');
  });

  it('reads premodifier roles', () => {
    const es = extractEntities(analyseArticle(article('A delegation will go, State Department spokesman Ned Price said on Tuesday. Pakistani Foreign Minister Shah Mehmood Qureshi said no. US Secretary of State Anthony Blinken called for unity.')));
    expect(roles(find(es, 'Ned Price'))).toEqual(['State Department spokesman']);
    expect(roles(find(es, 'Shah Mehmood Qureshi'))).toEqual(['Pakistani Foreign Minister']);
    expect(roles(find(es, 'Anthony Blinken'))).toEqual(['US Secretary of State']);
    expect(find(es, 'Blinken')?.canonical).toBe('Anthony Blinken');
  });

  it('reads appositive roles before and after the name', () => {
    const es = extractEntities(analyseArticle(article('The US special envoy to Afghanistan, Thomas West, said today that talks continue. The Foreign Minister in the Taliban government, Amir Khan Muttaki, confirmed it.\n\nTalks were led by Tom West, and Sarah Charles, USAID’s chief humanitarian aid.')));
    expect(roles(find(es, 'Thomas West'))).toContain('US special envoy to Afghanistan');
    expect(find(es, 'Tom West')?.canonical).toBe('Thomas West');
    expect(roles(find(es, 'Amir Khan Muttaki'))).toContain('Foreign Minister in the Taliban government');
    expect(roles(find(es, 'Sarah Charles'))).toContain('USAID’s chief humanitarian aid');
  });

  it('records succession as a role of the one appointed', () => {
    const es = seed('001');
    const west = find(es, 'Thomas West');
    expect(roles(west)).toEqual(expect.arrayContaining(['US special envoy to Afghanistan', 'successor to Zalmay Khalilzad']));
    expect(find(es, 'Zalmay Khalilzad')?.kind).toBe('person');
  });

  it('merges spelled-out and abbreviated groups', () => {
    const es = extractEntities(analyseArticle(article('Attacks by the Islamic State in Khorasan (IS-K) rose. IS-Khorasan denied it. ISIS-Khorasan fighters fled.')));
    const g = find(es, 'IS-K');
    expect(g?.canonical).toBe('Islamic State in Khorasan');
    expect(g?.kind).toBe('group');
    expect(g?.variants).toEqual(expect.arrayContaining(['IS-Khorasan', 'ISIS-Khorasan']));
    const fp = extractEntities(analyseArticle(article('A Foreign Policy (FP) report said so. FP added that it was true.')));
    expect(find(fp, 'FP')?.canonical).toBe('Foreign Policy');
  });

  it('finds the people of the seeds and skips places', () => {
    const people = seeds.flatMap((a) => extractEntities(analyseArticle(a)).filter((e) => e.kind === 'person').map((e) => e.canonical));
    expect(people).toEqual(expect.arrayContaining(['Thomas West', 'Tom West', 'Ned Price', 'Anthony Blinken', 'Shah Mehmood Qureshi', 'Amir Khan Muttaki', 'Sarah Charles', 'Imran Khan', 'Zalmay Khalilzad']));
    for (const place of ['Afghanistan', 'Doha', 'Pakistan', 'Washington', 'Kabul', 'United States']) expect(people).not.toContain(place);
  });

  it('survives bad input', () => {
    expect(extractEntities(analyseArticle(article('')))).toEqual([]);
    expect(extractEntities(analyseArticle(article('no names here, only lower case words.')))).toEqual([]);
    const long = 'The talks went on and on. '.repeat(400) + 'Ned Price said so.';
    const es = extractEntities(analyseArticle(article(long)));
    expect(find(es, 'Ned Price')).toBeDefined();
    expect(() => extractEntities(analyseArticle(article('\u202e\u0000 Ω≈ç 😀 Zoë Ångström-Ñúñez said \ud800 ｆｕｌｌ Ｗｉｄｔｈ.')))).not.toThrow();
  });
});

describe('name likeness', () => {
  it('knows transliteration variants and nicknames', () => {
    expect(sameNameWord('Muttaki', 'Mottaki')).toBe(true);
    expect(sameNameWord('Anthony', 'Antony')).toBe(true);
    expect(skeleton('Muttaki')).toBe(skeleton('Mottaki'));
    expect(sameNameWord('West', 'Price')).toBe(false);
    expect(sameGivenName('Tom', 'Thomas')).toBe(true);
    expect(sameGivenName('Tom', 'Timothy')).toBe(false);
  });
});

describe('mergeEntities', () => {
  const knowledge = (a: Article): ArticleKnowledge => ({ article: a.id, quotes: [], entities: extractEntities(analyseArticle(a)), dates: [] });

  it('merges the seeds: Tom West = Thomas West, Muttaki = Mottaki, IS-K forms', () => {
    const merged = mergeEntities(seeds.map(knowledge), new Map(seeds.map((a) => [a.id, a])));
    const west = merged.entities.find((e) => e.variants.includes('Tom West'));
    expect(west?.canonical).toBe('Thomas West');
    expect(west?.id).toBe('thomas-west');
    expect(west?.articles.sort()).toEqual(['000', '001', '002', '004']);
    const muttaki = merged.entities.find((e) => e.variants.includes('Mottaki'));
    expect(muttaki?.articles.sort()).toEqual(['001', '004']);
    const isk = merged.entities.find((e) => e.variants.includes('IS-K'));
    expect(isk?.variants).toEqual(expect.arrayContaining(['IS-Khorasan', 'ISIS-Khorasan']));
    expect(merged.ids.of(seeds.findIndex((a) => a.id === '002'), 'Tom West')).toBe('thomas-west');
  });

  it('merges spelling variants only with evidence', () => {
    const a = article('US Secretary of State Anthony Blinken met the Taliban in Doha.', 'a');
    const b = article('US Secretary of State Antony Blinken spoke about the Taliban.', 'b');
    const c = article('Antony Blinken, a local shop owner, opened a bakery.', 'c');
    const merged = mergeEntities([a, b, c].map(knowledge), new Map());
    const ab = merged.entities.find((e) => e.variants.includes('Anthony Blinken'));
    expect(ab?.articles.sort()).toEqual(['a', 'b']);
    expect(merged.entities.find((e) => e.articles.includes('c') && e.kind === 'person')?.articles).toEqual(['c']);
  });
});

describe('mergeEntities at scale: copies, async, cached partition', () => {
  const knowledge = (a: Article): ArticleKnowledge => ({ article: a.id, quotes: [], entities: extractEntities(analyseArticle(a)), dates: [] });
  const copyOf = (k: ArticleKnowledge, id: string): ArticleKnowledge => ({ ...k, article: id, entities: k.entities.map((e) => ({ ...e, roles: e.roles.map((r) => ({ ...r, article: id })) })) });
  const list = seeds.map(knowledge);
  const withCopies = [...list, ...list.map((k) => copyOf(k, `copy-${k.article}`))];
  const hashes = new Map(withCopies.map((k) => [k.article, { hash: k.article.replace(/^copy-/, '') }]));

  it('merges an article and its copies like the article alone', () => {
    const alone = mergeEntities(list, new Map());
    const both = mergeEntities(withCopies, hashes);
    const west = both.entities.find((e) => e.variants.includes('Tom West'));
    expect(west?.canonical).toBe('Thomas West');
    expect(west?.articles.sort()).toEqual(['000', '001', '002', '004', 'copy-000', 'copy-001', 'copy-002', 'copy-004']);
    expect(both.ids.of(withCopies.findIndex((k) => k.article === 'copy-002'), 'Tom West')).toBe('thomas-west');
    expect(both.entities.length).toBe(alone.entities.length);
  });

  /** Each quote's speaker rank as the merge gives it, and the merge stored and read back for the same articles. */
  const speakerRanks = (m: FreshMerge, of: ArticleKnowledge[]) => Int32Array.from(of.flatMap((k, a) => k.quotes.map((q, i) => (q.speaker ? m.ids.rankOf(a, i, q.speaker) : -1))));
  const storedAndRead = (m: FreshMerge, of: ArticleKnowledge[]) => readStoredMerge(runAtOnce(storeMergeSteps(m, of, speakerRanks(m, of))), of);
  const quote = (article: string, n: number, speaker: string) => ({ id: `${article}#${n}`, article, paragraph: 1, text: 'We will.', start: 0, end: 8, speaker, speakerMention: speaker, speakerKind: 'person' as const, cue: 'said', partial: false });

  it('gives an article naming one form for two entities the id of the one seen last, stored and read back too', async () => {
    const entity = (kind: 'person' | 'organisation') => ({ canonical: 'Alex Lee', kind, variants: ['Alex Lee'], roles: [], paragraphs: [1], mentions: 1 });
    const two: ArticleKnowledge[] = [{ article: 'x', quotes: [quote('x', 1, 'Alex Lee')], entities: [entity('organisation'), entity('person')], dates: [] }];
    const merged = mergeEntities(two, new Map());
    expect(merged.entities.length).toBe(2);
    const person = merged.entities.find((e) => e.kind === 'person')!;
    expect(merged.ids.of(0, 'Alex Lee')).toBe(person.id);
    const back = (await storedAndRead(merged, two))!;
    expect(back.entities[back.ids.rankOf(0, 0, 'Alex Lee')].id).toBe(person.id);
    expect(back.ids.rankOf(0, 1, 'Alex Lee')).toBe(-1);
    expect(merged.ids.of(0, 'Nobody')).toBeUndefined();
    expect(merged.ids.of(5, 'Alex Lee')).toBeUndefined();
  });

  it('gives the same result in steps, and stored and read back', async () => {
    const quoted = withCopies.map((k) => ({ ...k, quotes: k.entities.filter((e) => e.kind === 'person').map((e, i) => quote(k.article, i, e.canonical)) }));
    const sync = mergeEntities(quoted, hashes);
    const steps = await mergeEntitiesAsync(quoted, hashes, async () => undefined);
    expect(steps.entities).toEqual(sync.entities);
    const idsOf = (m: FreshMerge) => quoted.flatMap((k, a) => k.entities.map((e) => m.ids.of(a, e.canonical)));
    expect(idsOf(sync).every((id) => typeof id === 'string')).toBe(true);
    expect(idsOf(steps)).toEqual(idsOf(sync));
    const back = await storedAndRead(sync, quoted);
    expect(back?.entities).toEqual(sync.entities);
    const ranks = speakerRanks(sync, quoted);
    expect([...ranks].filter((r) => r >= 0).length).toBeGreaterThan(10);
    expect(quoted.flatMap((k, a) => k.quotes.map((q, i) => back!.ids.rankOf(a, i, q.speaker!)))).toEqual([...ranks]);
    // A stored merge that does not fit the articles, or is damaged, is refused.
    const text = runAtOnce(storeMergeSteps(sync, quoted, ranks));
    expect(await readStoredMerge(text, quoted.slice(1))).toBeNull();
    expect(await readStoredMerge(text.slice(0, -20), quoted)).toBeNull();
    expect(await readStoredMerge(text.replace(/"person"/, '7'), quoted)).toBeNull();
  });
});
