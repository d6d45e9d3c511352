import { beforeAll, describe, expect, it } from 'vitest';
import { Newsdesk } from '../../src/newsdesk.ts';
import { articleFromText } from '../../src/corpus/load.ts';
import { answerBrief, dayRange, KEY_POINTS, SECTION } from '../../src/answers/brief/brief.ts';
import type { Answer, AnswerItem, SectionKind } from '../../src/answers/types.ts';
import { renderBriefDiscord, embedLength, parseBriefButtonId } from '../../src/render/brief-discord.ts';
import { renderBriefMarkdown } from '../../src/render/brief-markdown.ts';
import { LIMITS } from '../../src/render/limits.ts';

let desk: Newsdesk;
beforeAll(async () => {
  desk = await Newsdesk.open({ corpusDir: 'corpus' });
});

const brief = (query: string, options = {}) => desk.answer({ command: 'brief', query, options });
const section = (a: Answer, title: string) => a.sections?.find((s) => s.title === title);
const articlesOf = (i: AnswerItem) => [i.citation, ...(i.alsoCitedBy ?? [])].map((c) => c.article.slice(0, 3));
const ORDER = Object.values(SECTION);

describe('brief over the seeds', () => {
  it('reports the 8 Nov 2021 briefing once with both outlets cited (TASS 000 and the undated 001)', () => {
    const a = brief('Pakistan, Russia and India');
    const trip = a.sections![0].items.filter((i) => /visit Pakistan, Russia and India/.test(i.text));
    expect(trip).toHaveLength(1);
    expect(articlesOf(trip[0]).sort()).toEqual(['000', '001']);
    const qaeda = section(brief('al-Qaeda'), SECTION.keyPoints)!.items;
    expect(qaeda.some((i) => articlesOf(i).includes('000') && articlesOf(i).includes('001'))).toBe(true);
  });

  it('briefs the whole corpus in the section order, 3–7 key points, every item cited', () => {
    const a = brief('');
    expect(a.sections![0].title).toBe(SECTION.keyPoints);
    const titles = a.sections!.map((s) => s.title);
    expect(titles).toEqual([...titles].sort((x, y) => ORDER.indexOf(x as never) - ORDER.indexOf(y as never)));
    const keys = a.sections![0].items;
    expect(keys.length).toBeGreaterThanOrEqual(KEY_POINTS.min);
    expect(keys.length).toBeLessThanOrEqual(KEY_POINTS.max);
    expect(a.items).toEqual(keys);
    for (const s of a.sections!) for (const i of s.items) expect(i.citation.article).toMatch(/^00\d_/);
    // Extractive: each key point is text of its paragraph (a bracketed resolution aside).
    for (const k of keys) {
      const para = desk.ctx.articles.get(k.citation.article)!.paragraphs[k.citation.paragraph - 1].text;
      const pieces = k.text.split(/\[[^\]]+\]/).map((p) => p.trim()).filter((p) => p.length > 3);
      for (const p of pieces) expect(para).toContain(p);
    }
  });

  it('never opens a key point with a word that needs the sentence before', () => {
    for (const q of ['', 'Thomas West', 'Taliban', 'embassy', 'al-Qaeda', 'vaccination']) {
      for (const k of section(brief(q), SECTION.keyPoints)?.items ?? []) {
        expect(k.text).not.toMatch(/^(He|She|They|It|This|That|These|However|But|And|Also)\b/);
      }
    }
  });

  it('orders the timeline by date and flags undated articles instead of guessing', () => {
    const t = section(brief(''), SECTION.timeline)!;
    const starts = t.items.map((i) => dayRange(i.date)![0]);
    expect(starts).toEqual([...starts].sort());
    expect(t.items.some((i) => i.date === '2021-11-08')).toBe(true);
    expect(t.items.every((i) => !i.citation.article.startsWith('001'))).toBe(true);
    expect(t.notes!.some((n) => /^Undated: .*001/.test(n))).toBe(true);
    expect(t.notes!.some((n) => /^Year unknown: .*003/.test(n))).toBe(true);
  });

  it('points out where outlets disagree on a date (August 2021 vs August 2023)', () => {
    const gaps = section(brief(''), SECTION.gaps)!.notes!;
    expect(gaps.some((n) => /disagree/.test(n) && /002/.test(n) && /004/.test(n) && /August 2021/.test(n) && /August 2023/.test(n))).toBe(true);
  });

  it('says clearly when the corpus has nothing on a topic', () => {
    const a = brief('quantum computing');
    expect(a.sections).toBeUndefined();
    expect(a.items).toEqual([]);
    expect(a.notice).toMatch(/^Nothing on "quantum computing"/);
    expect(renderBriefMarkdown(a)).toMatch(/Nothing on "quantum computing"/);
    expect(renderBriefDiscord(a).embeds[0].description).toMatch(/Nothing on "quantum computing"/);
  });

  it('keeps to the window, and says which undated articles it left out', () => {
    const a = brief('', { since: '2021-11', until: '2021-11-30' });
    const cited = new Set(a.sections!.flatMap((s) => s.items.flatMap(articlesOf)));
    expect([...cited].sort()).toEqual(['000', '002']);
    expect(section(a, SECTION.gaps)!.notes!.some((n) => /undated article.*left out.*001/.test(n))).toBe(true);
    expect(brief('', { since: '2030' }).notice).toMatch(/No article in the corpus is dated since 2030/);
  });
});

describe('brief rendered', () => {
  it('fits one Discord message within the limits, with buttons that ask again', () => {
    for (const q of ['', 'Taliban', 'Thomas West']) {
      const m = renderBriefDiscord(brief(q));
      expect(m.embeds).toHaveLength(1);
      const e = m.embeds[0];
      expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedsTotal);
      expect(e.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
      const ids = m.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
      for (const id of ids) expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(parseBriefButtonId(ids[0])).toMatchObject({ kind: 'full', query: q });
    }
  });

  it('stays within the limits for a huge briefing', () => {
    const long = 'word '.repeat(400).trim() + '.';
    const item: AnswerItem = { text: long, speaker: 'Somebody', role: 'x'.repeat(300), date: '2021-11-08', citation: { article: 'a', title: 't'.repeat(300), source: 's', published: '2021-11-08', paragraph: 1, url: 'https://example.org/' + 'p'.repeat(200) } };
    const many = Array.from({ length: 30 }, (_, i) => ({ ...item, citation: { ...item.citation, article: `a${i}` } }));
    const a: Answer = { command: 'brief', query: 'q'.repeat(400), answer: 'x', items: many, sections: (Object.entries(SECTION) as Array<[SectionKind, string]>).map(([kind, title]) => ({ kind, title, items: many, notes: [long, long] })) };
    const m = renderBriefDiscord(a);
    expect(embedLength(m.embeds[0])).toBeLessThanOrEqual(LIMITS.embedsTotal);
    expect(m.embeds[0].title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(m.components).toEqual([]); // the request does not fit a custom id: no buttons
  });

  it('attaches the full briefing as Markdown and the timeline as a PNG when asked', () => {
    const a = brief('Taliban');
    const m = renderBriefDiscord(a, { full: true, timeline: true });
    const names = m.files.map((f) => f.name);
    expect(names).toEqual(['briefing-taliban.md', 'timeline-taliban.png']);
    const md = m.files[0].attachment.toString('utf8');
    expect(md).toMatch(/^# Briefing: Taliban/);
    for (const h of ['## Key points', '## Timeline', '## Sources']) expect(md).toContain(h);
    expect(md).toMatch(/\[\d+ ¶\d+\]/);
    expect(m.files[1].attachment.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(m.embeds[0].image?.url).toBe('attachment://timeline-taliban.png');
  });
});

describe('brief without knowledge modules (hand-built context)', () => {
  it('merges the same fact from two outlets and resolves nothing it cannot', () => {
    const a1 = articleFromText('a1', 'date 2021-11-08\n\nThe envoy Jane Roe said the ministry will reopen the border crossing at Torkham next week for trucks carrying food aid.\n\nShe added that talks continue.\n');
    const a2 = articleFromText('a2', 'date 2021-11-09\n\nOfficials confirmed the border crossing at Torkham will reopen next week for trucks with food aid, Jane Roe said.\n\nSeparately, rain fell in the capital on Tuesday, flooding several streets near the river.\n');
    const d = Newsdesk.fromCorpus({ dir: '', articles: [a1, a2], warnings: [] });
    const ans = answerBrief(d.ctx, 'Torkham border', {});
    const keys = ans.sections![0].items;
    expect(keys).toHaveLength(1);
    expect(articlesOf(keys[0]).sort()).toEqual(['a1', 'a2']);
  });
});
