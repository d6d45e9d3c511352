/**
 * End to end: the HTTP interactions endpoint (`npm run serve`) against the fake Discord, which POSTs signed
 * interactions to it as Discord does. Unsigned, forged and stale requests get 401; PING gets PONG; commands are
 * answered exactly as the gateway bot answers them (same dispatcher, same bodies), including deferral while the
 * corpus loads (then an edit through REST) and attachments (a multipart response).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBot, type HttpBotHandle } from '../../src/bot/http-bot.ts';
import { createLogger } from '../../src/bot/logger.ts';
import type { BotConfig } from '../../src/bot/config.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { SEED_CORPUS, startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import type { FakeDiscord } from '../fake-discord/server.ts';

let gateway: BotOnFake;
let fake: FakeDiscord;
let http: HttpBotHandle;
let endpoint: string;
const logs: string[] = [];
let desk: Newsdesk;

function configFor(fake: FakeDiscord): BotConfig {
  return { token: fake.token, clientId: fake.ids.applicationId, guildId: fake.ids.guildId, corpusDir: SEED_CORPUS, logLevel: 'debug', apiUrl: fake.apiUrl, publicKey: fake.publicKey };
}

beforeAll(async () => {
  desk = await Newsdesk.open({ corpusDir: SEED_CORPUS });
  gateway = await startBotOnFake(desk);
  fake = gateway.fake;
  const logger = createLogger({ level: 'debug', secrets: [fake.token], destination: { write: (line: string) => void logs.push(line) } });
  http = await startHttpBot(configFor(fake), desk, { port: 0, host: '127.0.0.1', logger, rateLimit: false });
  endpoint = `http://127.0.0.1:${http.port}/interactions`;
});

afterAll(async () => {
  await http?.stop();
  await gateway?.stop();
});

describe('the HTTP interactions endpoint', () => {
  it('answers 401 to unsigned, forged and stale requests, and does nothing with them', async () => {
    const before = fake.calls.length;
    for (const signing of ['none', 'forged', 'stale'] as const) {
      const res = await fake.deliver(endpoint, fake.commandPayload('ask', { question: 'Doha talks' }), signing);
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain(fake.token);
    }
    const garbage = await fetch(endpoint, { method: 'POST', headers: { 'X-Signature-Ed25519': 'zz', 'X-Signature-Timestamp': 'now' }, body: '{}' });
    expect(garbage.status).toBe(401);
    expect(fake.calls.length).toBe(before);
  });

  it('answers PING with PONG, refuses other methods and oversized bodies', async () => {
    expect(await fake.deliver(endpoint, { id: '1', type: 1, application_id: fake.ids.applicationId, token: 'x', version: 1 })).toMatchObject({ status: 200, body: { type: 1 } });
    expect((await fetch(endpoint)).status).toBe(405);
    const big = await fetch(endpoint, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }).catch(() => null);
    expect(big === null || big.status === 413).toBe(true);
  });

  it('answers a command exactly as the gateway bot does', async () => {
    const overGateway = await fake.reply(fake.command('ask', { question: 'How much did the US seize?' }));
    const payload = fake.commandPayload('ask', { question: 'How much did the US seize?' });
    const res = await fake.deliver(endpoint, payload);
    expect(res.status).toBe(200);
    const overHttp = await fake.reply(payload);
    expect(overHttp.callbackType).toBe(overGateway.callbackType);
    expect(overHttp.data).toEqual(overGateway.data);
    expect(overHttp.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers autocomplete and buttons through the same dispatcher', async () => {
    const choices = await fake.deliver(endpoint, fake.autocompletePayload('who', 'name', 'Ned'));
    expect(choices.body.type).toBe(8);
    expect(choices.body.data.choices.map((c: { name: string }) => c.name).join(' ')).toMatch(/Ned Price/);
  });

  it('sends files in a multipart response, as the callback endpoint would get them', async () => {
    const payload = fake.commandPayload('brief', { topic: 'Doha talks', full: true });
    const res = await fake.deliver(endpoint, payload);
    expect(res.status).toBe(200);
    expect(res.files.some((f) => f.endsWith('.md'))).toBe(true);
    const seen = await fake.reply(payload, 20_000);
    expect(seen.data.embeds[0].title).toBe('Briefing: Doha talks');
  });
});

describe('deferring over HTTP', () => {
  it('defers while the corpus loads (type 5 in the HTTP response), then edits the reply through REST', async () => {
    let release!: (d: Newsdesk) => void;
    const loading = new Promise<Newsdesk>((resolve) => (release = resolve));
    const slow = await startHttpBot(configFor(fake), loading, { port: 0, host: '127.0.0.1', logger: createLogger({ level: 'silent' }), rateLimit: false, deferAfterMs: 100 });
    try {
      const payload = fake.commandPayload('ask', { question: 'How much did the US seize?' });
      const res = await fake.deliver(`http://127.0.0.1:${slow.port}/`, payload);
      expect(res.status).toBe(200);
      expect(res.body.type).toBe(5);
      release(desk);
      const seen = await fake.reply(payload);
      expect(seen.callbackType).toBe(5);
      expect(seen.calls.some((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'))).toBe(true);
      expect(JSON.stringify(seen.data)).toContain('seized');
    } finally {
      await slow.stop();
    }
  });
});
