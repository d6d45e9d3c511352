/**
 * Two real gateway bot processes (`npm start`) on one PostgreSQL and one fake Discord: a scheduled briefing that is
 * due when both start is posted into its channel once, not once per process (the slot is claimed in the database).
 * Which process starts first is up to the machine; test/pg/desk-tasks.test.ts makes two schedulers race for one slot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScheduleRecord } from '../../src/desk/store.ts';
import { openDatabase, type Database } from '../../src/pg/database.ts';
import { PgDeskStore } from '../../src/pg/desk-store.ts';
import { FakeDiscord } from '../fake-discord/server.ts';
import { describePg, useFreshDatabase } from '../helpers/postgres.ts';
import { NewsdeskProcess } from '../helpers/processes.ts';

describePg('a scheduled briefing with two bot processes', () => {
  const fresh = useFreshDatabase();
  let fake: FakeDiscord;
  let db: Database;
  const temp: string[] = [];
  const children: NewsdeskProcess[] = [];

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    db = await openDatabase(fresh.url);
  });

  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    await db?.close();
    await fake?.stop();
    for (const d of temp) rmSync(d, { recursive: true, force: true });
  });

  it('is posted once', async () => {
    // Hourly, created three hours ago and never posted: this hour's slot is due as soon as a bot starts.
    const now = Date.now();
    const schedule: ScheduleRecord = {
      id: 'hourly',
      every: '0 * * * *',
      cron: '0 * * * *',
      timezone: 'UTC',
      channelId: fake.ids.channelId,
      topic: null,
      createdBy: { id: '300000000000000001', name: 'Ana' },
      createdAt: new Date(now - 3 * 3600_000).toISOString(),
      lastSlot: null,
      lastRunAt: null,
      lastError: null,
    };
    await (await new PgDeskStore(db).open('shared')).putSchedule(schedule);

    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['SHARDS', 'SHARD_COUNT', 'SHARDING_MANAGER', 'DISCORD_GUILD_ID', 'DISCORD_CLIENT_ID', 'NEWSDESK_SHARDS']) delete env[name];
    const corpus = mkdtempSync(path.join(tmpdir(), 'newsdesk-sched-corpus-'));
    const cache = mkdtempSync(path.join(tmpdir(), 'newsdesk-sched-cache-'));
    temp.push(corpus, cache);
    Object.assign(env, {
      DATABASE_URL: fresh.url,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: corpus,
      NEWSDESK_CACHE_DIR: cache,
      NEWSDESK_WORKSPACES: 'shared',
      NEWSDESK_SHARDS: '1',
      LOG_LEVEL: 'info',
    });
    const bots = [new NewsdeskProcess('bot 1', 'src/main.ts', env), new NewsdeskProcess('bot 2', 'src/main.ts', env)];
    children.push(...bots);
    await Promise.all(bots.map((b) => b.waitForLine(/"bot ready"/)));
    const post = await fake.nextChannelPost(fake.ids.channelId, 0, 30_000);
    expect(post.status).toBe(200);
    // Both processes looked for due slots when they became ready; give the other one time to (wrongly) post too.
    await new Promise((r) => setTimeout(r, 3000));
    expect(fake.channelPosts.filter((p) => p.channelId === fake.ids.channelId)).toHaveLength(1);
    expect(bots.map((b) => b.lines.filter((l) => l.includes('"scheduled briefing posted"')).length).sort()).toEqual([0, 1]);
    const [stored] = await (await new PgDeskStore(db).open('shared')).listSchedules();
    expect(Date.parse(stored!.lastSlot!)).toBeLessThanOrEqual(now);
    expect(now - Date.parse(stored!.lastSlot!)).toBeLessThan(3600_000);
  }, 120_000);
});
