/**
 * End to end with the real process (`npm start` / `node src/main.ts`) against the fake Discord: a malformed gateway
 * payload does not kill it, SIGTERM to `npm start` stops the bot itself (no orphan), and SIGTERM during a re-index
 * shuts down without finishing the re-index, answering what was in flight.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatInputInteraction } from '../fake-discord/payloads.ts';
import { alive, article, startProcess, waitUntil } from '../fake-discord/process.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('the bot process', () => {
  it('survives a malformed INTERACTION_CREATE (type 2, data.type 2, no resolved) and keeps answering', async () => {
    const bot = await startProcess('node', cleanup);
    const malformed = chatInputInteraction(bot.fake.ids, 'Quote user', []);
    malformed.data = { id: malformed.data.id, name: 'Quote user', type: 2, target_id: bot.fake.ids.userId };
    bot.fake.dispatch('INTERACTION_CREATE', malformed);
    const logged = await bot.logged((l) => /uncaught exception|unhandled promise rejection/.test(String(l.msg)));
    expect(logged.reference).toMatch(/^[0-9a-f]{8}$/);
    const reply = await bot.fake.reply(bot.fake.command('ask', { question: 'How much did the US seize?' }), 20_000);
    expect(reply.data.embeds[0].description).toContain('$9.5 billion');
    expect(bot.child.exitCode).toBeNull();
  });

  it('SIGTERM to `npm start` stops the bot process itself: nothing is left running', async () => {
    const bot = await startProcess('npm', cleanup);
    const pid = bot.logs.find((l) => l.msg === 'bot ready')!.pid as number;
    expect(alive(pid)).toBe(true);
    bot.child.kill('SIGTERM');
    await bot.exited;
    await waitUntil(() => !alive(pid), 20_000, `the bot process ${pid} to end after npm start got SIGTERM`);
    expect(bot.logs.some((l) => l.msg === 'bot stopped')).toBe(true);
  });

  it('SIGTERM during a re-index shuts down without finishing it, after answering what was in flight', async () => {
    const bot = await startProcess('node', cleanup);
    const manifest = () => {
      const dir = path.join(bot.cache, 'corpora');
      return readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    };
    expect(manifest()).not.toContain('bridge-0.md');
    const rebuilding = bot.logs.length;
    for (let n = 0; n < 300; n++) writeFileSync(path.join(bot.corpus, `bridge-${n}.md`), article(n));
    await bot.logged((l) => l.msg?.startsWith('rebuilding the index') && bot.logs.indexOf(l) >= rebuilding);
    const inFlight = bot.fake.command('ask', { question: 'How much did the US seize?' });
    await bot.fake.waitFor(() => bot.fake.callsFor(inFlight).some((c) => c.path.endsWith('/callback')), 20_000);
    bot.child.kill('SIGTERM');
    const code = await bot.exited;
    expect(code).toBe(0);
    const reply = await bot.fake.reply(inFlight, 1000);
    expect(reply.data.embeds[0].description).toContain('$9.5 billion');
    const messages = bot.logs.map((l) => l.msg);
    expect(messages).toContain('bot stopped');
    // The re-index was abandoned, not finished first: it never swapped in, and its result was never recorded.
    expect(messages.slice(messages.indexOf('shutting down: finishing answers in flight'))).not.toContain('corpus re-indexed');
    expect(messages).not.toContain('corpus re-indexed');
    expect(manifest()).not.toContain('bridge-0.md');
  });
});
