/** End to end: the bot answers from a live corpus folder, and picks up a new article without a restart. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveNewsdesk } from '../../src/pipeline/live.ts';
import { SEED_CORPUS, startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';

describe('a live corpus behind the bot', () => {
  let env: BotOnFake;
  let live: LiveNewsdesk;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-live-bot-'));
    cpSync(SEED_CORPUS, dir, { recursive: true });
    live = await LiveNewsdesk.open({ corpusDir: dir, cacheDir: false, debounceMs: 50, pollMs: 200 });
    env = await startBotOnFake(live);
  });
  afterAll(async () => {
    await env?.stop();
    await live?.close();
  });

  it('answers about an article added while it runs', async () => {
    const before = await env.fake.reply(env.fake.command('ask', { question: 'Kandahar mosque reconstruction grant' }));
    expect(JSON.stringify(before.data)).not.toContain('$2 million');
    writeFileSync(
      path.join(dir, 'new-article.md'),
      '---\ntitle: Grant for mosque\nsource: Example Wire\npublished: 2021-12-01\n---\nThe council approved a reconstruction grant of $2 million for the Kandahar mosque on Wednesday.\n',
    );
    const deadline = Date.now() + 15_000;
    let text = '';
    while (Date.now() < deadline) {
      const reply = await env.fake.reply(env.fake.command('ask', { question: 'Kandahar mosque reconstruction grant' }));
      text = JSON.stringify(reply.data);
      if (text.includes('$2 million')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(text, text.slice(0, 600)).toContain('$2 million');
    expect(text).toContain('Example Wire');
  });
});
