/** End to end: per-user rate limiting, and a graceful stop that finishes the answers in flight. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { loadCommands, type Command } from '../../commands/index.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { SEED_CORPUS, startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';

let desk: Newsdesk;
beforeAll(async () => {
  desk = await Newsdesk.open({ corpusDir: SEED_CORPUS });
});

describe('per-user rate limit', () => {
  let env: BotOnFake;
  beforeAll(async () => {
    env = await startBotOnFake(desk, { rateLimit: { capacity: 2, perMinute: 1 } });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('answers a user up to the limit, then says politely to wait, while other users are still answered', async () => {
    const first = await env.fake.reply(env.fake.command('ask', { question: 'Doha talks' }, '300000000000000001'));
    const second = await env.fake.reply(env.fake.command('ask', { question: 'frozen assets' }, '300000000000000001'));
    const third = await env.fake.reply(env.fake.command('ask', { question: 'embassy' }, '300000000000000001'));
    const other = await env.fake.reply(env.fake.command('ask', { question: 'embassy' }, '300000000000000002'));
    expect(first.data.embeds.length).toBeGreaterThan(0);
    expect(second.data.embeds.length).toBeGreaterThan(0);
    expect(JSON.stringify(third.data)).toMatch(/asking faster than I can look things up/);
    expect(((third.data.flags ?? 0) & MessageFlags.Ephemeral) !== 0).toBe(true);
    expect(other.data.embeds.length).toBeGreaterThan(0);
  });
});

describe('graceful stop', () => {
  it('finishes an answer in flight before closing the connection', async () => {
    const commands = new Map<string, Command>(await loadCommands());
    const ask = commands.get('ask')!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    commands.set('ask', { ...ask, execute: async (d, args) => (await gate, ask.execute!(d, args)) } as Command);
    const env = await startBotOnFake(desk, { commands, deferAfterMs: 60_000 });
    const interaction = env.fake.command('ask', { question: 'How much did the US seize?' });
    const replied = env.fake.reply(interaction, 20_000);
    await new Promise((r) => setTimeout(r, 200));
    const stopping = env.bot.stop();
    setTimeout(release, 300);
    await stopping;
    // stop() resolved only after the answer had been sent.
    expect(env.fake.calls.some((c) => c.path.startsWith(`/interactions/${interaction.id}/`))).toBe(true);
    const reply = await replied;
    expect(JSON.stringify(reply.data)).toContain('9.5 billion');
    await env.fake.stop();
  });
});
