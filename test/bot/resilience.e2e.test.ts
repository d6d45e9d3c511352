/**
 * End to end, when things go wrong: gateway closes and RECONNECTs, a burst of interactions, REST rate limits,
 * a corpus still loading (or failing to), a command that throws. The bot must answer and keep running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { loadCommands, type Command } from '../../commands/index.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { SEED_CORPUS, startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';

let desk: Newsdesk;
beforeAll(async () => {
  desk = await Newsdesk.open({ corpusDir: SEED_CORPUS });
});

const isEphemeral = (data: any) => ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

describe('gateway', () => {
  let env: BotOnFake;
  beforeAll(async () => {
    env = await startBotOnFake(desk, { heartbeatInterval: 300 });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('heartbeats, and the fake ACKs them', async () => {
    if (env.fake.gateway.heartbeats === 0) await env.fake.next('heartbeat', 5000);
    expect(env.fake.gateway.heartbeats).toBeGreaterThan(0);
    expect(env.fake.gateway.acks).toBe(env.fake.gateway.heartbeats);
  });

  it('survives a resumable close (4000) mid-session and answers the next interaction', async () => {
    const before = env.fake.gateway.resumes;
    const resumed = env.fake.next('resumed');
    env.fake.closeGateway(4000);
    await resumed;
    expect(env.fake.gateway.closes).toContain(4000);
    expect(env.fake.gateway.resumes).toBeGreaterThan(before);
    expect(env.fake.gateway.identifies).toBe(1);
    const reply = await env.fake.reply(env.fake.command('ask', { question: 'How much did the US seize?' }));
    expect(reply.data.embeds[0].description).toContain('$9.5 billion');
  });

  it('survives an op 7 RECONNECT, and an interaction sent meanwhile is replayed and answered', async () => {
    const before = env.fake.gateway.resumes;
    const resumed = env.fake.next('resumed');
    env.fake.sendReconnect();
    // Sent while the bot reconnects: Discord replays it on RESUME.
    const during = env.fake.command('sources', { filter: 'TASS' });
    await resumed;
    expect(env.fake.gateway.resumes).toBeGreaterThan(before);
    expect(env.fake.gateway.identifies).toBe(1);
    const reply = await env.fake.reply(during);
    expect(reply.data.embeds[0].description).toContain('1 article matching "TASS"');
    const after = await env.fake.reply(env.fake.command('ask', { question: 'Qatar talks' }));
    expect(after.callbackType).toBe(4);
  });

  it('answers a burst of 200 interactions, every one', async () => {
    const questions = ['How much did the US seize?', 'Qatar talks', 'Thomas West', 'frozen assets', 'humanitarian aid'];
    const sent = Array.from({ length: 200 }, (_, n) =>
      n % 4 === 3 ? env.fake.command('sources', n % 8 === 3 ? { filter: 'Press' } : {}) : env.fake.command('ask', { question: questions[n % questions.length]! }),
    );
    const replies = await Promise.all(sent.map((i) => env.fake.reply(i, 50_000)));
    expect(replies).toHaveLength(200);
    for (const r of replies) {
      expect(r.callbackType).toBe(4);
      expect(r.data.embeds.length).toBeGreaterThan(0);
      expect(r.data.allowed_mentions).toEqual({ parse: [] });
    }
    // Exactly one response per interaction.
    const callbacks = env.fake.calls.filter((c) => c.path.endsWith('/callback') && sent.some((i) => c.path.startsWith(`/interactions/${i.id}/`)));
    expect(callbacks).toHaveLength(200);
  });
});

describe('REST trouble', () => {
  let env: BotOnFake;
  beforeAll(async () => {
    env = await startBotOnFake(desk);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('retries after a 429 with retry_after instead of failing', async () => {
    env.fake.failNext((c) => c.method === 'POST' && c.path.endsWith('/callback'), { count: 2, retryAfter: 0.05 });
    const i = env.fake.command('ask', { question: 'How much did the US seize?' });
    const reply = await env.fake.reply(i);
    expect(reply.data.embeds[0].description).toContain('$9.5 billion');
    expect(env.fake.callsFor(i).map((c) => c.status)).toEqual([429, 429, 204]);
    // The same body each time.
    const bodies = env.fake.callsFor(i).map((c) => JSON.stringify(c.body));
    expect(new Set(bodies).size).toBe(1);
    expect(env.logs.some((l) => l.includes('rate limited by Discord'))).toBe(true);
  });

  it('retries a rate-limited edit of a deferred answer too', async () => {
    // A deferred answer: hold the desk back so the bot defers, then edits.
    let release!: (d: Newsdesk) => void;
    const slow = await startBotOnFake(new Promise<Newsdesk>((resolve) => (release = resolve)));
    try {
      slow.fake.failNext((c) => c.method === 'PATCH', { count: 1, retryAfter: 0.05 });
      const i = slow.fake.command('ask', { question: 'Qatar talks' });
      await slow.fake.waitFor(() => slow.fake.callsFor(i).length > 0);
      release(desk);
      const reply = await slow.fake.reply(i);
      expect(reply.callbackType).toBe(5);
      expect(slow.fake.callsFor(i).map((c) => `${c.method} ${c.status}`)).toEqual(['POST 204', 'PATCH 429', 'PATCH 200']);
      expect(reply.data.embeds.length).toBeGreaterThan(0);
    } finally {
      await slow.stop();
    }
  });

  it('keeps running when Discord refuses a response for good (an expired interaction: 404)', async () => {
    let target = '';
    env.fake.failNext((c) => target !== '' && c.path.startsWith(`/interactions/${target}/`), { count: 10, status: 404 });
    const lost = env.fake.command('ask', { question: 'Thomas West' });
    target = lost.id;
    // The answer is refused, then so is the polite error: both are logged, nothing crashes.
    await env.fake.waitFor(() => env.fake.callsFor(lost).filter((c) => c.status === 404).length >= 2);
    await expect.poll(() => env.logs.some((l) => l.includes('could not tell the user about an error'))).toBe(true);
    const next = await env.fake.reply(env.fake.command('sources'));
    expect(next.callbackType).toBe(4);
  });
});

describe('first response within 3 seconds', () => {
  it('defers while the index is still loading, then edits in the answer', async () => {
    let release!: (d: Newsdesk) => void;
    const loading = new Promise<Newsdesk>((resolve) => (release = resolve));
    const env = await startBotOnFake(loading);
    try {
      const pub = env.fake.command('ask', { question: 'How much did the US seize?' });
      const priv = env.fake.command('ask', { question: 'How much did the US seize?', private: true });
      const auto = env.fake.command('sources');
      await env.fake.waitFor(() => [pub, priv, auto].every((i) => env.fake.callsFor(i).length > 0));
      expect(env.fake.callsFor(pub)[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
      expect(env.fake.callsFor(priv)[0]!.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });

      // Autocomplete cannot be deferred: while loading it offers nothing (rather than an error).
      const suggestion = await env.fake.reply(env.fake.autocomplete('who', 'name', 'Tal'));
      expect(suggestion.data).toEqual({ choices: [] });

      release(desk);
      const reply = await env.fake.reply(pub);
      expect(reply.calls.map((c) => c.method)).toEqual(['POST', 'PATCH']);
      expect(reply.calls[1]!.path).toBe(`/webhooks/${env.fake.ids.applicationId}/${pub.token}/messages/@original`);
      expect(reply.data.embeds[0].description).toContain('$9.5 billion');
      expect(reply.data.allowed_mentions).toEqual({ parse: [] });
      expect((await env.fake.reply(priv)).data.embeds[0].description).toContain('$9.5 billion');

      // Once loaded, answers go out directly.
      const direct = await env.fake.reply(env.fake.command('sources'));
      expect(direct.callbackType).toBe(4);
    } finally {
      await env.stop();
    }
  });

  it('defers a slow answer, and defers up front the next time', async () => {
    const real = await loadCommands();
    let runs = 0;
    const slow: Command = {
      data: { name: 'slow', description: 'Takes its time.', options: [] },
      execute: async (d) => {
        if (runs++ === 0) {
          await new Promise((resolve) => setTimeout(resolve, 250));
        } else {
          // Blocking work: no timer can interrupt it, so only deferring up front answers in time.
          const end = Date.now() + 250;
          while (Date.now() < end);
        }
        return d.answer({ command: 'sources', query: '' });
      },
    };
    const env = await startBotOnFake(desk, { commands: new Map([...real, ['slow', slow]]), deferAfterMs: 100 });
    try {
      const first = await env.fake.reply(env.fake.command('slow'));
      expect(first.callbackType).toBe(5);
      expect(first.calls.map((c) => c.method)).toEqual(['POST', 'PATCH']);
      expect(first.data.embeds[0].description).toContain('5 articles');
      // Known to be slow now: deferred before the (blocking) work starts.
      const second = await env.fake.reply(env.fake.command('slow'));
      expect(second.callbackType).toBe(5);
      expect(second.data.embeds[0].description).toContain('5 articles');
      // Fast commands still answer directly.
      expect((await env.fake.reply(env.fake.command('sources'))).callbackType).toBe(4);
    } finally {
      await env.stop();
    }
  });

  it('says so politely when the corpus failed to load, and keeps running', async () => {
    const broken = Promise.reject(new Error('EACCES: permission denied, scandir /srv/corpus'));
    const env = await startBotOnFake(broken);
    try {
      const reply = await env.fake.reply(env.fake.command('ask', { question: 'Taliban' }));
      expect(isEphemeral(reply.data) || reply.calls.some((c) => c.method === 'POST' && c.path.includes('/webhooks/'))).toBe(true);
      expect(reply.data.content).toMatch(/^The articles could not be loaded, so I cannot answer yet \(reference [0-9a-f]{8}\)/);
      expect(env.logs.some((l) => l.includes('EACCES'))).toBe(true);
    } finally {
      await env.stop();
    }
  });
});

describe('the one dispatcher', () => {
  it('turns a fault into a short private message with a reference, logs the details, and keeps going', async () => {
    const real = await loadCommands();
    let token = '';
    const boom: Command = {
      data: { name: 'boom', description: 'Fails on purpose.', options: [] },
      execute: () => {
        throw new Error(`index corrupted near ${token}`);
      },
    };
    const env = await startBotOnFake(desk, { commands: new Map([...real, ['boom', boom]]) });
    token = env.fake.token;
    try {
      const reply = await env.fake.reply(env.fake.command('boom'));
      expect(reply.callbackType).toBe(4);
      expect(isEphemeral(reply.data)).toBe(true);
      const reference = /^Sorry, something went wrong on my side \(reference ([0-9a-f]{8})\)\. Please try again\.$/.exec(reply.data.content)?.[1];
      expect(reference).toBeDefined();
      expect(reply.data.embeds).toEqual([]);

      const line = env.logs.map((l) => JSON.parse(l)).find((l) => l.reference === reference);
      expect(line).toMatchObject({ level: 50, msg: 'interaction failed', command: 'boom', err: { message: 'index corrupted near [redacted]' } });
      expect(line.err.stack).toContain('resilience.e2e.test.ts');

      // The bot keeps running.
      const next = await env.fake.reply(env.fake.command('ask', { question: 'How much did the US seize?' }));
      expect(next.data.embeds[0].description).toContain('$9.5 billion');
      for (const l of env.logs) expect(l).not.toContain(token);
      expect(JSON.stringify(env.fake.calls.map((c) => c.body))).not.toContain(token);
    } finally {
      await env.stop();
    }
  });
});
