import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { APIEmbed } from 'discord.js';
import type { Answer, AnswerItem, Citation } from '../../src/answers/types.ts';
import {
  MAX_REF,
  PAGE_SIZE,
  citationLine,
  decodeButton,
  decodeRef,
  emphasise,
  embedsLength,
  encodeButton,
  encodeRef,
  escapeText,
  itemAt,
  pageCount,
  renderAnswer,
  renderContext,
  renderNotice,
  suppressLinkPreviews,
  toChoices,
  type DiscordMessage,
} from '../../src/render/discord.ts';
import { LIMITS, fitText, splitText } from '../../src/render/limits.ts';

const citation = (over: Partial<Citation> = {}): Citation => ({
  article: '002_623ccbdca21ca097',
  title: 'The US Resume Talks With The Taliban in Qatar',
  source: 'Press TV',
  published: '2021-11-24',
  paragraph: 8,
  url: null,
  ...over,
});

const item = (text: string, over: Partial<AnswerItem> = {}): AnswerItem => ({ text, citation: citation(), ...over });

const answer = (items: AnswerItem[], over: Partial<Answer> = {}): Answer => ({ command: 'ask', query: 'q', answer: `${items.length} passages.`, items, ...over });

/** Every limit Discord enforces on a message we send. */
function expectWithinDiscordLimits(m: DiscordMessage): void {
  expect(m.allowedMentions).toEqual({ parse: [] });
  expect(m.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embedsLength(m.embeds)).toBeLessThanOrEqual(LIMITS.embedsTotal);
  for (const e of m.embeds as APIEmbed[]) {
    expect((e.description ?? '').length).toBeGreaterThan(0);
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.embedFooter);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
  }
  expect(m.components.length).toBeLessThanOrEqual(LIMITS.rowsPerMessage);
  const ids = new Set<string>();
  for (const row of m.components) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect((b.label ?? '').length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      expect(ids.has(b.custom_id)).toBe(false);
      ids.add(b.custom_id);
    }
  }
}

/** Words of `original` that appear in `shortened` must appear whole (no word cut in half). */
function expectNoCutWords(original: string, shortened: string): void {
  const words = new Set(original.split(/\s+/));
  const pieces = shortened.replace(/…$/, '').split(/\s+/).filter(Boolean);
  const last = pieces.at(-1);
  if (last !== undefined) expect(words.has(last), `"${last}" is a cut word`).toBe(true);
}

describe('text limits', () => {
  it('fitText cuts at a sentence end when there is one', () => {
    const text = 'The talks resumed in Doha. Officials met for two days. Nothing was agreed.';
    expect(fitText(text, 60)).toBe('The talks resumed in Doha. Officials met for two days.…');
    expect(fitText(text, 200)).toBe(text);
  });

  it('fitText falls back to a space, never cutting a word', () => {
    const out = fitText('Washington and Islamabad disagreed about everything', 30);
    expect(out).toBe('Washington and Islamabad…');
    expect(out.length).toBeLessThanOrEqual(30);
  });

  it('splitText splits at sentences and lines, never mid-word, losing nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z]{1,12}$/), { minLength: 1, maxLength: 400 }),
        fc.array(fc.constantFrom(' ', ' ', ' ', '. ', '\n', ', '), { minLength: 400, maxLength: 400 }),
        fc.integer({ min: 20, max: 300 }),
        (words, seps, max) => {
          const text = words.map((w, i) => w + (i < words.length - 1 ? seps[i] : '')).join('');
          const pieces = splitText(text, max);
          for (const p of pieces) {
            expect(p.length).toBeLessThanOrEqual(max);
            expect(p.length).toBeGreaterThan(0);
          }
          // Every word survives whole, in order.
          expect(pieces.join(' ').split(/[\s.,]+/).filter(Boolean)).toEqual(text.split(/[\s.,]+/).filter(Boolean));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fitText never exceeds the limit and never ends in half a word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,10}[.,]?$/), { minLength: 1, maxLength: 200 }), fc.integer({ min: 12, max: 500 }), (words, max) => {
        const text = words.join(' ');
        const out = fitText(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expectNoCutWords(text, out);
      }),
      { numRuns: 200 },
    );
  });
});

describe('escaping and emphasis', () => {
  it('escapes markdown, mentions and masked links from users and files', () => {
    expect(escapeText('*bold* _it_ `code` ~~s~~ ||spoiler||')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|');
    expect(escapeText('@everyone <@&123> [x](http://evil)')).toBe('\\@everyone \\<\\@&123\\> \\[x\\](http\\://evil)');
    expect(escapeText('# Heading\n- item\n1. one')).toBe('\\# Heading\n\\- item\n1\\. one');
    expect(escapeText('a\u200bb\u0007c')).toBe('abc');
  });

  it('bolds the marked query terms and escapes everything else', () => {
    const text = 'The US seized *nearly* $9.5 billion';
    expect(emphasise(text, [[7, 13]])).toBe('The US **seized** \\*nearly\\* $9.5 billion');
    expect(emphasise('ab', [[0, 1], [1, 2]])).toBe('**ab**');
    expect(emphasise('abc', [[2, 99], [-5, 1]])).toBe('**a**b**c**');
  });

  it('wraps bare links of plain text in <...> so Discord shows no preview card', () => {
    expect(suppressLinkPreviews('see https://example.com/a?b=1.')).toBe('see <https://example.com/a?b=1>.');
    expect(suppressLinkPreviews('already <https://example.com>')).toBe('already <https://example.com>');
  });
});

describe('citations', () => {
  it('reads "Source · date · ¶n" with the title', () => {
    expect(citationLine(citation())).toBe('Press TV · 2021-11-24 · ¶8 · *The US Resume Talks With The Taliban in Qatar*');
  });

  it('links the title when there is a URL', () => {
    expect(citationLine(citation({ url: 'https://www.presstv.ir/Detail/2021/11/24/(x)' }))).toBe(
      'Press TV · 2021-11-24 · ¶8 · [The US Resume Talks With The Taliban in Qatar](https://www.presstv.ir/Detail/2021/11/24/%28x%29)',
    );
  });

  it('says so when the source or date is unknown, and never links a non-http URL', () => {
    expect(citationLine(citation({ source: null, published: null, title: null, url: 'javascript:alert(1)' }))).toBe('source unknown · date unknown · ¶8 · 002\\_623ccbdca21ca097');
    expect(citationLine(citation({ published: '--09-09' }))).toContain('9 September (year unknown)');
  });
});

describe('renderAnswer', () => {
  const ref = encodeRef('ask', ['Taliban']);

  it('shows the answer line, then numbered items with their citations', () => {
    const m = renderAnswer(answer([item('The United States seized nearly $9.5 billion.', { marks: [[18, 24]] })], { answer: '1 passage from 1 article.' }), { page: 0, private: false, ref });
    expectWithinDiscordLimits(m);
    expect(m.embeds).toHaveLength(1);
    expect(m.embeds[0]!.title).toBe('Ask: q');
    expect(m.embeds[0]!.description).toBe(
      '**1 passage from 1 article.**\n\n**1.** The United States **seized** nearly $9.5 billion.\n└ Press TV · 2021-11-24 · ¶8 · *The US Resume Talks With The Taliban in Qatar*',
    );
    expect(m.components).toEqual([
      { type: 1, components: [{ type: 2, custom_id: 'nd1|cx|1|8|002_623ccbdca21ca097', label: 'Context 1', style: 2, disabled: false }] },
    ]);
  });

  it('pages five items at a time with ◀ ▶ buttons carrying their state', () => {
    const a = answer(Array.from({ length: 12 }, (_, i) => item(`Passage number ${i + 1}.`, { citation: citation({ paragraph: i + 1 }) })));
    expect(pageCount(a)).toBe(3);
    const first = renderAnswer(a, { page: 0, private: false, ref });
    expect(first.embeds[0]!.description).toContain('**5.** Passage number 5.');
    expect(first.embeds[0]!.description).not.toContain('**6.**');
    expect(first.embeds.at(-1)!.footer?.text).toBe('Page 1 of 3 · 12 results');
    const [prev, next] = first.components[0]!.components;
    expect(prev).toMatchObject({ label: '◀', disabled: true });
    expect(next).toMatchObject({ label: '▶', disabled: false, custom_id: `nd1|pg|1|${ref}` });
    expect(decodeButton(next!.custom_id)).toEqual({ kind: 'page', page: 1, ref });

    const last = renderAnswer(a, { page: 2, private: false, ref });
    expect(last.embeds[0]!.description).toContain('**12.** Passage number 12.');
    expect(last.components[0]!.components[1]).toMatchObject({ disabled: true });
    expect(last.components[1]!.components.map((b) => b.label)).toEqual(['Context 11', 'Context 12']);
    // Out-of-range pages clamp.
    expect(renderAnswer(a, { page: 99, private: false, ref }).embeds[0]!.description).toContain('**12.**');
  });

  it('offers "share" on a private answer only', () => {
    const a = answer([item('One.')]);
    const priv = renderAnswer(a, { page: 0, private: true, ref });
    expect(priv.components[0]!.components.map((b) => b.label)).toEqual(['Share']);
    expect(decodeButton(priv.components[0]!.components[0]!.custom_id)).toEqual({ kind: 'share', page: 0, ref });
    expect(renderAnswer(a, { page: 0, private: false, ref }).components.flatMap((r) => r.components).map((b) => b.label)).toEqual(['Context 1']);
  });

  it('renders quotes with their speaker, dated items with their date, and other reports', () => {
    const m = renderAnswer(
      answer([
        item('We want good relations', { speaker: 'Amir Khan Muttaki', role: 'acting foreign minister', partial: true }),
        item('Talks resumed', { date: '2021-11-29', alsoCitedBy: [citation({ source: 'TASS', paragraph: 2 })] }),
      ], { command: 'quote' }),
      { page: 0, private: false, ref },
    );
    const d = m.embeds[0]!.description!;
    expect(d).toContain('**1.** “We want good relations” (partial) — **Amir Khan Muttaki**, acting foreign minister');
    expect(d).toContain('**2.** **29 November 2021:** Talks resumed');
    expect(d).toContain('also reported by TASS · 2021-11-24 · ¶2');
  });

  it('escapes user text in the title and item text, so a mention is shown, not parsed', () => {
    const m = renderAnswer(answer([item('Hello @everyone <@&42>')], { query: '@everyone **x**' }), { page: 0, private: false, ref });
    expect(m.embeds[0]!.title).toBe('Ask: \\@everyone \\*\\*x\\*\\*');
    expect(m.embeds[0]!.description).toContain('Hello \\@everyone \\<\\@&42\\>');
    expect(m.allowedMentions).toEqual({ parse: [] });
  });

  it('says "nothing found" or the notice when there are no items', () => {
    expect(renderAnswer(answer([], { answer: '' }), { page: 0, private: false, ref }).embeds[0]!.description).toBe('Nothing found.');
    const m = renderAnswer(answer([], { answer: '', notice: 'The corpus does not cover "mars".' }), { page: 0, private: true, ref });
    expect(m.embeds[0]!.description).toBe('*The corpus does not cover "mars".*');
    expect(m.components).toEqual([]);
  });

  it('shows briefing sections with headings and notes', () => {
    const a: Answer = {
      command: 'brief',
      query: '',
      answer: 'Briefing.',
      items: [],
      sections: [
        { kind: 'keyPoints', title: 'Key points', items: [item('Point one.'), item('Point two.')] },
        { kind: 'gaps', title: 'Gaps', items: [], notes: ['No source says who chairs the talks.'] },
      ],
    };
    const d = renderAnswer(a, { page: 0, private: false, ref }).embeds[0]!.description!;
    expect(d).toContain('__**Key points**__\n\n**1.** Point one.');
    expect(d).toContain('Gaps:\n• No source says who chairs the talks.');
    expect(itemAt(a, 1)!.text).toBe('Point two.');
  });

  it('never breaks a Discord limit, whatever the answer holds', () => {
    const longText = fc.array(fc.stringMatching(/^[A-Za-z*_@<>#]{1,14}$/), { minLength: 1, maxLength: 700 }).map((w) => w.join(' ') + '.');
    const anItem = fc.record({
      text: longText,
      speaker: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
      title: fc.option(fc.string({ maxLength: 400 }), { nil: null }),
      url: fc.option(fc.constantFrom('https://example.com/' + 'x'.repeat(300), 'http://a.b/c'), { nil: null }),
      also: fc.integer({ min: 0, max: 8 }),
    }).map(({ text, speaker, title, url, also }) =>
      item(text, {
        speaker,
        marks: [[0, 5], [10, 30]],
        citation: citation({ title, url, article: 'a'.repeat(40) }),
        alsoCitedBy: Array.from({ length: also }, () => citation({ title, url })),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(anItem, { minLength: 0, maxLength: 13 }),
        fc.string({ maxLength: 3000 }),
        fc.option(fc.string({ maxLength: 8000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (items, line, notice, page, priv) => {
          const m = renderAnswer(answer(items, { answer: line, notice, query: line }), { page, private: priv, ref: encodeRef('ask', ['x'.repeat(MAX_REF - 10)]) });
          expectWithinDiscordLimits(m);
          const shown = m.embeds.map((e) => e.description).join('\n');
          expect((shown.match(/^\*\*\d+\.\*\* /gm) ?? []).length).toBeLessThanOrEqual(PAGE_SIZE);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('button state', () => {
  it('round-trips every kind of button through its custom_id', () => {
    const ref = encodeRef('quote', ['Mottaki', null]);
    for (const action of [
      { kind: 'page', page: 3, ref },
      { kind: 'share', page: 0, ref: '~abc' },
      { kind: 'context', n: 4, article: 'id|with|bars', paragraph: 12 },
      { kind: 'contextOf', index: 7, ref },
    ] as const) {
      expect(decodeButton(encodeButton(action)!)).toEqual(action);
    }
    expect(decodeRef(ref)).toEqual({ command: 'quote', args: ['Mottaki', null] });
    expect(decodeRef('ask|["a|b"]')).toEqual({ command: 'ask', args: ['a|b'] });
    expect(decodeRef('~k1')).toEqual({ key: 'k1' });
  });

  it('refuses ids it did not write, and ids over 100 characters', () => {
    expect(decodeButton('brief:full:x')).toBeNull();
    expect(decodeButton('nd1|pg|x|ask|[]')).toBeNull();
    expect(decodeRef('ask|{"a":1}')).toBeNull();
    expect(decodeRef('ask|not json')).toBeNull();
    expect(encodeButton({ kind: 'page', page: 1, ref: 'x'.repeat(100) })).toBeNull();
  });

  it('MAX_REF leaves room for every prefix', () => {
    const ref = 'r'.repeat(MAX_REF);
    expect(encodeButton({ kind: 'page', page: 999, ref })).not.toBeNull();
    expect(encodeButton({ kind: 'contextOf', index: 99, ref })).not.toBeNull();
  });
});

describe('context, notices and choices', () => {
  const article = { id: '002_623ccbdca21ca097', title: 'Talks', source: 'Press TV', published: '2021-11-24', url: 'https://example.com/a' };
  const para = (n: number, text: string) => ({ n, text, norm: text, start: 0, drops: [] });

  it('shows the paragraphs around a passage, the passage marked', () => {
    const m = renderContext(article, [para(7, 'Before.'), para(8, 'The passage.'), para(9, 'After.')], 8);
    expect(m.embeds[0]).toMatchObject({ title: 'Talks', url: 'https://example.com/a', description: '¶7 Before.\n\n**¶8** ▸ The passage.\n\n¶9 After.' });
    expect(m.embeds[0]!.footer!.text).toBe('Press TV · 2021-11-24 · 002_623ccbdca21ca097');
  });

  it('splits very long paragraphs across embeds within the limits', () => {
    const long = (n: number) => Array.from({ length: 900 }, (_, i) => `word${i}${i % 9 === 8 ? '.' : ''}`).join(' ') + ` end${n}.`;
    const m = renderContext(article, [para(1, long(1)), para(2, long(2)), para(3, long(3))], 2);
    expectWithinDiscordLimits(m);
    expect(m.embeds.map((e) => e.description).join('\n')).toContain('**¶2** ▸ word0');
  });

  it('keeps notices inside 2,000 characters', () => {
    const m = renderNotice('x '.repeat(3000));
    expectWithinDiscordLimits(m);
  });

  it('turns completions into at most 25 choices within 100 characters', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ name: `${'Name '.repeat(30)}${i}`, value: `${'v'.repeat(i % 2 ? 120 : 90)}${i}` }));
    const choices = toChoices([...rows, { name: '', value: 'x' }, rows[0]!]);
    expect(choices).toHaveLength(20);
    expect(choices[0]).toEqual({ name: `${'Name '.repeat(19)}Name…`, value: `${'v'.repeat(90)}0` });
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });
});
