/**
 * End to end in `guild` mode: feeds and schedules belong to the server that made them. Server B neither sees nor
 * removes server A's feeds, its answers do not include A's feed items, and a briefing of A is never posted into a
 * channel of B.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderDeskStore } from '../../src/desk/folder-store.ts';
import { WorkspaceManager } from '../../src/desk/workspaces.ts';
import { startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import { autocompleteInteraction, MANAGER_PERMISSIONS, type CommandOption, type Origin } from '../fake-discord/payloads.ts';
import { rss } from '../helpers/feeds.ts';
import { articlePage, TestWebServer } from '../helpers/web-server.ts';

let env: BotOnFake;
let web: TestWebServer;
let manager: WorkspaceManager;
let dir: string;
let clock = Date.parse('2026-11-30T08:00:00Z');
let adminA: Origin;
let adminB: Origin;

function sub(name: string, options: Record<string, string> = {}): CommandOption[] {
  return [{ name, type: 1, options: Object.entries(options).map(([n, value]) => ({ name: n, type: n === 'channel' ? 7 : 3, value })) }] as unknown as CommandOption[];
}

async function run(command: string, options: CommandOption[], who: Origin) {
  return (await env.fake.reply(env.fake.command(command, options, who), 20_000)).data;
}

function shown(data: any): string {
  return [data.content ?? '', ...(data.embeds ?? []).flatMap((e: any) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-guild-feeds-'));
  web = await new TestWebServer().start();
  const link = web.url('/valley/1');
  const paragraphs = ['The valley council approved the new bridge on Tuesday after a long debate.', '“The bridge will carry its first bus in April,” said council leader Marta Kowalczyk.'];
  web.page('/valley/1', articlePage({ title: 'Valley bridge approved', site: 'Valley News', published: '2026-11-29T08:00:00Z', canonical: link, paragraphs }));
  web.page('/valley.xml', rss('Valley News', [{ id: 'v1', title: 'Valley bridge approved', link, published: '2026-11-29T08:00:00Z', html: paragraphs.map((p) => `<p>${p}</p>`).join('') }]), 'application/rss+xml');
  manager = new WorkspaceManager({ mode: 'guild', store: new FolderDeskStore(dir), noCache: true, live: { watch: false } });
  env = await startBotOnFake(manager, {
    tasks: { workspaces: manager, fetch: { allowPrivate: true }, feedIntervalMs: 3600_000, timezone: 'UTC', now: () => new Date(clock), scheduleTickMs: 3600_000 },
  });
  adminA = { userId: '400000000000000001', permissions: MANAGER_PERMISSIONS };
  adminB = { userId: '400000000000000002', permissions: MANAGER_PERMISSIONS, guildId: env.fake.ids.otherGuildId };
}, 30_000);

afterAll(async () => {
  await env?.stop();
  await manager?.close();
  await web?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('feeds and schedules per server', () => {
  it('a feed of server A is A’s alone: not listed, suggested, removable or answered in server B', async () => {
    expect((await run('feed', sub('add', { url: web.url('/valley.xml') }), adminA)).content).toMatch(/Following \*\*Valley News\*\*/);
    await env.bot.tasks!.poller.tick();
    expect(shown(await run('quote', [{ name: 'speaker', type: 3, value: 'Kowalczyk' }], adminA))).toContain('first bus in April');

    expect(shown(await run('feed', sub('list'), adminB))).toContain('follows no feeds yet');
    const options = [{ name: 'remove', type: 1, options: [{ name: 'feed', type: 3, value: '', focused: true }] }] as unknown as CommandOption[];
    const i = autocompleteInteraction(env.fake.ids, 'feed', options, adminB);
    env.fake.dispatch('INTERACTION_CREATE', i);
    expect((await env.fake.reply(i)).data.choices).toEqual([]);
    const [feedA] = await (await new FolderDeskStore(dir).open(env.fake.ids.guildId)).listFeeds();
    expect((await run('feed', sub('remove', { feed: feedA!.id }), adminB)).content).toMatch(/no such feed/);
    expect(shown(await run('quote', [{ name: 'speaker', type: 3, value: 'Kowalczyk' }], adminB))).not.toContain('first bus in April');
    expect(await (await new FolderDeskStore(dir).open(env.fake.ids.guildId)).listFeeds()).toHaveLength(1);
  });

  it('a briefing of server A is not posted into a channel of server B', async () => {
    clock = Date.parse('2026-11-30T08:30:00Z');
    const reply = await run('schedule', sub('add', { every: 'daily 09:00', channel: env.fake.ids.otherChannelId }), adminA);
    expect(reply.content).toMatch(/Scheduled/);
    clock = Date.parse('2026-11-30T09:00:10Z');
    const before = env.fake.channelPosts.length;
    expect(await env.bot.tasks!.scheduler.tick()).toBe(1);
    expect(env.fake.channelPosts.slice(before)).toEqual([]);
    expect(shown(await run('schedule', sub('list'), adminA))).toContain('is not on this server');
    expect(shown(await run('schedule', sub('list'), adminB))).toContain('No briefings are scheduled');
  });
});
