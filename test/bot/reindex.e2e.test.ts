/**
 * End to end with the real bot process: while hundreds of files are added and re-indexed, every interaction gets its
 * first response within Discord's window. The window is checked by order, not by clock: interactions go out every
 * 250 ms, so each one's first response must reach the fake Discord before the interaction sent 3 s after it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { article, startProcess } from '../fake-discord/process.ts';
import { snowflake, type InteractionPayload } from '../fake-discord/payloads.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const EVERY_MS = 250;
/** Interactions sent within Discord's 3 s. */
const WINDOW = 3000 / EVERY_MS;
// Enough files that the re-index outlasts Discord's window several times over, even on a fast machine.
const FILES = 2500;

describe('re-indexing while answering', () => {
  it(`answers or defers every interaction in time while ${FILES} files are added, then answers from them`, async () => {
    const bot = await startProcess('node', cleanup);
    const from = bot.logs.length;
    for (let n = 0; n < FILES; n++) writeFileSync(path.join(bot.corpus, `bridge-${n}.md`), article(n));
    let swapped = false;
    const swap = bot.logged((l) => l.msg === 'corpus re-indexed' && bot.logs.indexOf(l) >= from, 300_000).then(() => (swapped = true));
    const sent: Array<{ interaction: InteractionPayload; at: number }> = [];
    const questions = ['How much did the US seize?', 'Qatar talks', 'frozen assets', 'humanitarian aid'];
    while (!swapped) {
      // A different reader each time: the per-user rate limit is not what this is about.
      sent.push({ at: bot.fake.calls.length, interaction: bot.fake.command('ask', { question: questions[sent.length % questions.length]! }, snowflake()) });
      await new Promise((r) => setTimeout(r, EVERY_MS));
    }
    await swap;
    const rebuilding = bot.logs.findIndex((l, i) => i >= from && l.msg?.startsWith('rebuilding the index'));
    expect(rebuilding).toBeGreaterThan(-1);
    expect(sent.length).toBeGreaterThan(WINDOW);

    for (const [k, { interaction }] of sent.entries()) {
      const reply = await bot.fake.reply(interaction, 30_000);
      expect([4, 5]).toContain(reply.callbackType);
      expect(reply.data.embeds?.length ?? 0, `interaction ${k}: ${JSON.stringify(reply.data).slice(0, 300)}`).toBeGreaterThan(0);
      const first = bot.fake.calls.findIndex((c) => c.path.startsWith(`/interactions/${interaction.id}/`) && c.path.endsWith('/callback'));
      const deadline = sent[k + WINDOW]?.at ?? Infinity;
      expect(first, `interaction ${k} (of ${sent.length}) was first answered after the one sent 3 s later`).toBeLessThan(deadline);
    }

    const answer = await bot.fake.reply(bot.fake.command('ask', { question: 'repairs estimated at 17500 euros' }), 20_000);
    expect(JSON.stringify(answer.data)).toContain('17500 euros');
  });
});
