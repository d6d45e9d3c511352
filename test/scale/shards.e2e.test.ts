/**
 * The gateway sharded over processes: `npm start` asks /gateway/bot (on DISCORD_API_URL) how many shards to run
 * (NEWSDESK_SHARDS=auto), the fake Discord recommends 2, and discord.js's ShardingManager spawns one bot process per
 * shard; each identifies as its shard and answers the interactions of the servers on it. Needs no database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CORPUS } from '../fake-discord/harness.ts';
import { FakeDiscord, shardOfGuild } from '../fake-discord/server.ts';
import { NewsdeskProcess } from '../helpers/processes.ts';

describe('the sharded gateway', () => {
  let fake: FakeDiscord;
  let bot: NewsdeskProcess;
  let cache: string;

  beforeAll(async () => {
    fake = await new FakeDiscord({ shards: 2 }).start();
    cache = mkdtempSync(path.join(tmpdir(), 'newsdesk-shards-cache-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['SHARDS', 'SHARD_COUNT', 'SHARDING_MANAGER', 'DATABASE_URL', 'DISCORD_GUILD_ID', 'DISCORD_CLIENT_ID']) delete env[name];
    Object.assign(env, { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: SEED_CORPUS, NEWSDESK_CACHE_DIR: cache, NEWSDESK_SHARDS: 'auto', LOG_LEVEL: 'info' });
    bot = new NewsdeskProcess('sharded bot', 'src/main.ts', env);
    // Both shard processes ready (their logs come through the manager's output).
    const deadline = Date.now() + 120_000;
    while (bot.lines.filter((l) => l.includes('"bot ready"')).length < 2) {
      if (Date.now() > deadline) throw new Error(`the shards did not get ready:\n${bot.lines.slice(-20).join('\n')}`);
      await bot.waitForLine(/"bot ready"/, deadline - Date.now());
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 150_000);

  afterAll(async () => {
    await bot?.kill('SIGTERM');
    await fake?.stop();
    rmSync(cache, { recursive: true, force: true });
  });

  it('runs one process per recommended shard, each identifying as its shard', () => {
    expect(fake.calls.some((c) => c.path === '/gateway/bot')).toBe(true);
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const pids = new Set(bot.lines.filter((l) => l.includes('"bot ready"')).map((l) => JSON.parse(l).pid));
    expect(pids.size).toBe(2);
  });

  it('answers the servers of each shard from that shard', async () => {
    expect(shardOfGuild(fake.ids.guildId, 2)).not.toBe(shardOfGuild(fake.ids.otherGuildId, 2));
    for (const guildId of [fake.ids.guildId, fake.ids.otherGuildId]) {
      const reply = await fake.reply(fake.command('ask', { question: 'How much did the US seize?' }, { guildId }), 30_000);
      expect(reply.callbackType === 4 || reply.callbackType === 5).toBe(true);
      expect(JSON.stringify(reply.data)).toContain('seized');
    }
  });
});
