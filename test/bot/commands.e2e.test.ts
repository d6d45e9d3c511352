/**
 * End to end: the real discord.js client, logged into the fake Discord, answering slash commands, autocomplete and
 * buttons over the seed corpus. Assertions are on the exact bodies the bot sends to Discord's REST API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayIntentBits, MessageFlags } from 'discord.js';
import { Newsdesk } from '../../src/newsdesk.ts';
import { SEED_CORPUS, startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import type { FakeDiscord } from '../fake-discord/server.ts';

let env: BotOnFake;
let fake: FakeDiscord;
let desk: Newsdesk;

beforeAll(async () => {
  desk = await Newsdesk.open({ corpusDir: SEED_CORPUS });
  env = await startBotOnFake(desk);
  fake = env.fake;
});

afterAll(async () => {
  await env?.stop();
});

/** The text a user sees in a reply: all embed titles and descriptions and the content. */
function shown(data: any): string {
  return [data.content ?? '', ...(data.embeds ?? []).flatMap((e: any) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])].join('\n');
}

function buttons(data: any): Array<{ custom_id: string; label: string; disabled?: boolean }> {
  return (data.components ?? []).flatMap((r: any) => r.components);
}

function isEphemeral(data: any): boolean {
  return ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

describe('login', () => {
  it('identifies with the Guilds intent only (no privileged intents) and the configured token', () => {
    expect(fake.gateway.identifies).toBe(1);
    expect(fake.gateway.intents).toEqual([GatewayIntentBits.Guilds]);
    expect(fake.calls.find((c) => c.path === '/gateway/bot')?.authorization).toBe(`Bot ${fake.token}`);
  });
});

describe('/ask', () => {
  it('answers a seed question with the cited passage, query terms in bold', async () => {
    const i = fake.command('ask', { question: 'How much did the US seize?' });
    const reply = await fake.reply(i);
    expect(reply.callbackType).toBe(4);
    expect(isEphemeral(reply.data)).toBe(false);
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    const embed = reply.data.embeds[0];
    expect(embed.title).toBe('Ask: How much did the US seize?');
    expect(embed.description).toContain('The United States **seized** nearly $9.5 billion in assets');
    expect(embed.description).toContain('└ Press TV · 2021-11-24 · ¶8 · *The US Resume Talks With The Taliban in Qatar*');
    expect(buttons(reply.data)).toContainEqual(expect.objectContaining({ custom_id: 'nd1|cx|1|8|002_623ccbdca21ca097', label: 'Context 1' }));
  });

  it('answers privately with a "share" button when asked to', async () => {
    const i = fake.command('ask', { question: 'How much did the US seize?', private: true });
    const reply = await fake.reply(i);
    expect(reply.callbackType).toBe(4);
    expect(isEphemeral(reply.data)).toBe(true);
    const share = buttons(reply.data).find((b) => b.label === 'Share');
    expect(share?.custom_id).toBe('nd1|sh|0|ask|["How much did the US seize?"]');

    // "Share" posts the same answer publicly, saying who shared it — without pinging them.
    const click = fake.click(share!.custom_id, reply.data);
    const shared = await fake.reply(click);
    expect(shared.callbackType).toBe(4);
    expect(isEphemeral(shared.data)).toBe(false);
    expect(shared.data.content).toBe(`Shared by <@${fake.ids.userId}>`);
    expect(shared.data.allowed_mentions).toEqual({ parse: [] });
    expect(shared.data.embeds[0].description).toContain('$9.5 billion');
    expect(buttons(shared.data).map((b) => b.label)).not.toContain('Share');
  });

  it('pages through more than five passages with ◀ ▶', async () => {
    const first = await fake.reply(fake.command('ask', { question: 'Taliban' }));
    expect(first.data.embeds[0].description).toMatch(/\*\*5\.\*\* /);
    expect(first.data.embeds[0].description).not.toMatch(/\*\*6\.\*\* /);
    expect(first.data.embeds.at(-1).footer.text).toMatch(/^Page 1 of 2 · \d+ results$/);
    const [prev, next] = buttons(first.data);
    expect(prev).toMatchObject({ label: '◀', disabled: true });
    expect(next).toMatchObject({ label: '▶', disabled: false, custom_id: 'nd1|pg|1|ask|["Taliban"]' });

    const second = await fake.reply(fake.click(next!.custom_id, first.data));
    expect(second.callbackType).toBe(7); // the message itself is updated
    expect(second.data.embeds[0].description).toMatch(/\*\*6\.\*\* /);
    expect(second.data.embeds.at(-1).footer.text).toMatch(/^Page 2 of 2/);
    expect(second.data.allowed_mentions).toEqual({ parse: [] });

    const back = await fake.reply(fake.click(buttons(second.data)[0]!.custom_id, second.data));
    expect(back.data.embeds[0].description).toBe(first.data.embeds[0].description);
  });

  it('keeps paging working for a question too long for a custom_id (kept in memory)', async () => {
    const question = 'Taliban ' + 'government recognition talks Doha Qatar '.repeat(3);
    const first = await fake.reply(fake.command('ask', { question }));
    const next = buttons(first.data).find((b) => b.label === '▶');
    expect(next?.custom_id).toMatch(/^nd1\|pg\|1\|~/);
    const second = await fake.reply(fake.click(next!.custom_id, first.data));
    expect(second.callbackType).toBe(7);
    expect(second.data.embeds[0].description).toMatch(/\*\*6\.\*\* /);
  });

  it('shows the paragraphs around a passage with the "context" button', async () => {
    const reply = await fake.reply(fake.command('ask', { question: 'How much did the US seize?' }));
    const context = await fake.reply(fake.click('nd1|cx|1|8|002_623ccbdca21ca097', reply.data));
    expect(context.callbackType).toBe(4);
    expect(isEphemeral(context.data)).toBe(true);
    const embed = context.data.embeds[0];
    expect(embed.title).toBe('The US Resume Talks With The Taliban in Qatar');
    expect(embed.description).toMatch(/^¶7 /);
    expect(embed.description).toContain('**¶8** ▸ The United States seized nearly $9.5 billion');
    expect(embed.description).toMatch(/\n\n¶9 /);
    expect(embed.footer.text).toBe('Press TV · 2021-11-24 · 002_623ccbdca21ca097');
  });

  it('says politely when the corpus does not cover a question', async () => {
    const reply = await fake.reply(fake.command('ask', { question: 'zzyzx quokka' }));
    expect(reply.callbackType).toBe(4);
    expect(shown(reply.data)).toContain('The corpus does not cover');
  });
});

describe('/sources', () => {
  it('lists every article with source, date and size', async () => {
    const reply = await fake.reply(fake.command('sources'));
    const text = shown(reply.data);
    expect(text).toContain('**5 articles (1 undated) in the corpus.**');
    expect(text).toContain('The US Resume Talks With The Taliban in Qatar — Press TV, 24 November 2021, 14 paragraphs');
    expect(text).toContain('└ Press TV · 2021-11-24 · ¶1');
    expect(text).toContain('└ TASS · 2021-11-08 · ¶1');
    // A listing has no passage to show context around, and fits on one page.
    expect(buttons(reply.data)).toEqual([]);
  });

  it('filters by source', async () => {
    const reply = await fake.reply(fake.command('sources', { filter: 'TASS' }));
    expect(shown(reply.data)).toContain('**1 article matching "TASS".**');
  });
});

describe('autocomplete', () => {
  it('/who suggests merged names, most-mentioned first', async () => {
    const all = await fake.reply(fake.autocomplete('who', 'name', ''));
    expect(all.callbackType).toBe(8);
    const choices = all.data.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(3);
    expect(choices.length).toBeLessThanOrEqual(25);
    const counts = choices.map((c) => Number(/\((\d+) mentions?\)$/.exec(c.name)?.[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(choices.map((c) => c.value)).toContain('Thomas West');

    // "Mottaki" finds the merged person, spelt as the corpus mostly spells them.
    const merged = await fake.reply(fake.autocomplete('who', 'name', 'Mottaki'));
    expect(merged.data.choices).toEqual([expect.objectContaining({ value: 'Amir Khan Muttaki', name: expect.stringMatching(/^Amir Khan Muttaki \(\d+ mentions\)$/) })]);
  });

  it('/quote suggests speakers with their quote counts', async () => {
    const reply = await fake.reply(fake.autocomplete('quote', 'speaker', 'mut'));
    expect(reply.data.choices).toEqual([{ name: expect.stringMatching(/^Amir Khan Muttaki \(\d+ quotes?\)$/), value: 'Amir Khan Muttaki' }]);
  });

  it('answers an option without autocomplete with no choices rather than an error', async () => {
    const reply = await fake.reply(fake.autocomplete('quote', 'about', 'talks', { speaker: 'Muttaki' }));
    expect(reply.data).toEqual({ choices: [] });
  });
});

describe('/who, /when, /quote', () => {
  it('/quote Mottaki cites quotes by Amir Khan Muttaki', async () => {
    const reply = await fake.reply(fake.command('quote', { speaker: 'Mottaki' }));
    const text = shown(reply.data);
    // Every item on the page is a quote by him.
    const items = text.match(/^\*\*\d+\.\*\* /gm) ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(text.match(/— \*\*Amir Khan (Muttaki|Mottaki)\*\*/g)).toHaveLength(items.length);
    expect(text).toMatch(/└ .+ · ¶\d+/);
    expect(buttons(reply.data).some((b) => b.label.startsWith('Context'))).toBe(true);
  });

  it('/who Thomas West cites who he is', async () => {
    const reply = await fake.reply(fake.command('who', { name: 'Thomas West' }));
    const text = shown(reply.data);
    expect(text).toContain('Thomas West');
    expect(text).toMatch(/└ .+ · ¶\d+/);
  });

  it('/when answers with dated, cited items', async () => {
    const reply = await fake.reply(fake.command('when', { event: 'talks in Doha' }));
    expect(shown(reply.data)).toMatch(/└ .+ · ¶\d+/);
  });

  it('/when timeline:true attaches the timeline picture, and only when asked', async () => {
    const plain = await fake.reply(fake.command('when', { event: 'talks in Doha' }));
    expect(plain.calls.flatMap((c) => c.files)).toEqual([]);
    const pictured = await fake.reply(fake.command('when', { event: 'talks in Doha', timeline: true }));
    expect(pictured.calls.flatMap((c) => c.files)).toEqual(['timeline.png']);
    expect(shown(pictured.data)).toMatch(/└ .+ · ¶\d+/);
  });

  it('every command replies within the limits, with mentions off', async () => {
    for (const [name, options] of [
      ['who', { name: 'Taliban' }],
      ['when', { event: 'talks' }],
      ['quote', { speaker: 'Thomas West', about: 'Taliban' }],
    ] as const) {
      const reply = await fake.reply(fake.command(name, options));
      expect([4, 5]).toContain(reply.callbackType);
      expect(reply.data.allowed_mentions).toEqual({ parse: [] });
      expect(reply.data.embeds.length).toBeGreaterThan(0);
    }
  });
});

describe('/brief (a command with a message of its own)', () => {
  it('replies with its own embed, mentions off, and attaches a file from its button', async () => {
    const reply = await fake.reply(fake.command('brief', { topic: 'Taliban' }), 30_000);
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    expect(reply.data.embeds[0].title).toBe('Briefing: Taliban');
    const full = buttons(reply.data).find((b) => b.custom_id.startsWith('brief:'));
    expect(full).toBeDefined();
    const click = fake.click(full!.custom_id, reply.data);
    const file = await fake.reply(click, 30_000);
    expect(isEphemeral(file.data)).toBe(true);
    expect(file.calls.flatMap((c) => c.files)).toEqual([expect.stringMatching(/\.(md|png)$/)]);
  });

  it('shows its input errors politely', async () => {
    const reply = await fake.reply(fake.command('brief', { since: 'yesterday' }));
    expect(isEphemeral(reply.data)).toBe(true);
    expect(reply.data.content).toMatch(/^`since` must be a date/);
  });
});

describe('safety and errors', () => {
  it('pings nobody when a query holds @everyone or a role mention, and shows it escaped', async () => {
    const i = fake.command('ask', { question: '@everyone <@&123456789012345678> @here Taliban talks' });
    const reply = await fake.reply(i);
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    expect(reply.data.embeds[0].title).toBe('Ask: \\@everyone \\<\\@&123456789012345678\\> \\@here Taliban talks');
    // What users see (custom ids are not shown) holds no unescaped ping.
    expect(JSON.stringify({ content: reply.data.content, embeds: reply.data.embeds })).not.toMatch(/(^|[^\\])@everyone/);
  });

  it('answers an unknown command with a polite private message', async () => {
    const reply = await fake.reply(fake.command('horoscope', { sign: 'leo' }));
    expect(reply.callbackType).toBe(4);
    expect(isEphemeral(reply.data)).toBe(true);
    expect(reply.data.content).toMatch(/^I don't know \/horoscope\. I answer .*\/ask.*\/sources/);
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a malformed or missing option with a polite private message', async () => {
    const wrongType = await fake.reply(fake.command('ask', [{ name: 'question', type: 4, value: 42 }]));
    expect(isEphemeral(wrongType.data)).toBe(true);
    expect(wrongType.data.content).toBe('The "question" option of /ask must be text.');

    const missing = await fake.reply(fake.command('quote', {}));
    expect(missing.data.content).toBe('/quote needs its "speaker" option.');

    const unknown = await fake.reply(fake.command('ask', { question: 'Taliban', colour: 'red' }));
    expect(unknown.data.content).toMatch(/^\/ask has no option "colour"/);

    const empty = await fake.reply(fake.command('ask', { question: '   ' }));
    expect(isEphemeral(empty.data)).toBe(true);
    expect(empty.data.content).toBe('Please say what to look for: `ask <question>`.');
  });

  it('says politely that an answer expired, or that a button is unknown', async () => {
    const expired = await fake.reply(fake.click('nd1|pg|1|~gone', { flags: 0 }));
    expect(isEphemeral(expired.data)).toBe(true);
    expect(expired.data.content).toMatch(/^This answer has expired/);

    const foreign = await fake.reply(fake.click('someone-elses-button', { flags: 0 }));
    expect(foreign.data.content).toMatch(/older version of newsdesk/);

    const removed = await fake.reply(fake.click('nd1|cx|1|3|no_such_article', { flags: 0 }));
    expect(removed.data.content).toBe('That article is no longer in the corpus.');
  });

  it('answers a button from before a restart: its state lives in the custom_id', async () => {
    // No message of this bot process carried this id: it is rebuilt from the id alone.
    const reply = await fake.reply(fake.click('nd1|pg|1|ask|["United States"]', { flags: MessageFlags.Ephemeral }));
    expect(reply.callbackType).toBe(7);
    expect(reply.data.embeds[0].description).toMatch(/\*\*6\.\*\* /);
    // Still private (the message was ephemeral), so it can still be shared.
    expect(buttons(reply.data).map((b) => b.label)).toContain('Share');
  });

  it('never writes the token into a log line', () => {
    expect(env.logs.length).toBeGreaterThan(10);
    for (const line of env.logs) expect(line).not.toContain(fake.token);
  });
});
