/** Briefings escape every outside text, in the embed and the Markdown file, and link only vetted http(s) URLs. */
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerItem, Citation } from '../../src/answers/types.ts';
import { renderBriefDiscord } from '../../src/render/brief-discord.ts';
import { renderBriefMarkdown } from '../../src/render/brief-markdown.ts';
import { unescapedProblems } from '../hardening/unescaped.ts';

const HOSTILE = 'Doha @everyone <@123> <@&456> ||spoiler|| [click](http://evil.example) **bold** https://evil.example/x';

function citation(article: string, url: string | null): Citation {
  return { article, title: `Title ${HOSTILE}`, source: `Source <@&456>`, published: '2021-11-08', paragraph: 2, url };
}

function item(extra: Partial<AnswerItem>, url: string | null): AnswerItem {
  return { text: `Text ${HOSTILE}`, citation: citation(`a-${Math.abs(url?.length ?? 0)}`, url), ...extra };
}

const urls = ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://news.example/a_(b))[x](http://evil.example', 'https://news.example/ok', null];

const answer: Answer = {
  command: 'brief',
  query: 'Doha [Free Nitro](http://evil.example) @everyone',
  answer: `Briefing on ${HOSTILE}`,
  items: [],
  notice: `Notice ${HOSTILE}`,
  sections: [
    { kind: 'keyPoints', title: 'Key points', items: urls.map((u) => item({}, u)) },
    { kind: 'people', title: 'People', items: urls.map((u) => item({ speaker: `Speaker ${HOSTILE}`, role: `Role ${HOSTILE}` }, u)) },
    { kind: 'quotes', title: 'Quotes', items: urls.map((u) => item({ speaker: `Speaker ${HOSTILE}`, role: `Role <@1>` }, u)) },
    { kind: 'timeline', title: 'Timeline', items: urls.map((u) => item({ date: '2021-10' }, u)) },
    { kind: 'gaps', title: 'Gaps', items: [], notes: [`Gap ${HOSTILE}`] },
  ],
};

const allowed = new Set(['https://news.example/a_%28b%29%29[x]%28http://evil.example', 'https://news.example/ok']);

describe('briefings from hostile text', () => {
  it('the embed escapes the topic, key points, people, quotes, timeline and gaps, and links only vetted URLs', () => {
    const m = renderBriefDiscord(answer);
    const e = m.embeds[0]!;
    const shown = [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])];
    expect(shown.flatMap((t) => unescapedProblems(t, allowed))).toEqual([]);
    const sources = e.fields!.find((f) => f.name === 'Sources')!.value;
    expect(sources).not.toMatch(/javascript:|data:text/);
    expect(sources).toContain('(https://news.example/ok)');
    // The URL with ")" stays one link, its brackets percent-encoded.
    expect(sources).toContain('](https://news.example/a_%28b%29%29[x]%28http://evil.example)');
    expect(e.title).toContain('\\[Free Nitro\\](http\\://evil.example) \\@everyone');
  });

  it('the Markdown file escapes the same texts and links only vetted URLs', () => {
    const md = renderBriefMarkdown(answer);
    const problems = unescapedProblems(md.replace(/<(https:\/\/news\.example\/[^>\s]*)>/g, '[link]($1)'), allowed);
    expect(problems).toEqual([]);
    expect(md).not.toMatch(/javascript:alert|data:text/);
    expect(md).toContain('# Briefing: Doha \\[Free Nitro\\](http\\://evil.example) \\@everyone');
  });
});
