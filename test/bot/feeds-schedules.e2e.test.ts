/**
 * End to end: /feed and /schedule through the real discord.js client against the fake Discord, with a web server on
 * 127.0.0.1 serving a feed and its pages, the real folder store and the live desk over a temporary corpus folder, and
 * an injected clock for the poller and the scheduler.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { listCorpusFiles } from '../../src/corpus/load.ts';
import { FolderDeskStore } from '../../src/desk/folder-store.ts';
import { WorkspaceManager } from '../../src/desk/workspaces.ts';
import { startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import { startBot, type BotOptions } from '../../src/bot/client.ts';
import { createLogger } from '../../src/bot/logger.ts';
import { autocompleteInteraction, MANAGER_PERMISSIONS, type CommandOption, type Origin } from '../fake-discord/payloads.ts';
import { rss, type TestItem } from '../helpers/feeds.ts';
import { articlePage, TestWebServer } from '../helpers/web-server.ts';

let env: BotOnFake;
let web: TestWebServer;
let manager: WorkspaceManager;
let dir: string;
let clock = Date.parse('2026-11-30T08:00:00Z');
const now = () => new Date(clock);
const items: TestItem[] = [];

const admin: Origin = { userId: '300000000000000001', permissions: MANAGER_PERMISSIONS };
const reader: Origin = { userId: '300000000000000002' };

/** A subcommand with its options, as Discord sends it. */
function sub(name: string, options: Record<string, string> = {}): CommandOption[] {
  return [{ name, type: 1, options: Object.entries(options).map(([n, value]) => ({ name: n, type: n === 'channel' ? 7 : 3, value })) }] as unknown as CommandOption[];
}

async function run(command: string, options: CommandOption[], who: Origin = admin) {
  const i = env.fake.command(command, options, who);
  return (await env.fake.reply(i, 20_000)).data;
}

function shown(data: any): string {
  return [data.content ?? '', ...(data.embeds ?? []).flatMap((e: any) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n');
}

/** Feeds and briefings on the injected clock; the scheduler ticks at start and then only when a test says. */
function tasks(): NonNullable<BotOptions['tasks']> {
  return { workspaces: manager, fetch: { allowPrivate: true }, feedIntervalMs: 3600_000, timezone: 'UTC', now, scheduleTickMs: 3600_000 };
}

function story(n: number, speaker: string, quote: string): TestItem {
  const link = web.url(`/wire/${n}`);
  const title = `Quay works update ${n}`;
  const paragraphs = [
    `The port authority of Larvik said on Monday that work on the northern quay had reached stage ${n}.`,
    `“${quote},” said ${speaker}, the harbour master, speaking to reporters at the terminal.`,
    `Shipping companies have asked for a timetable since the quay closed in the spring.`,
  ];
  web.page(`/wire/${n}`, articlePage({ title, site: 'Harbour Wire', published: `2026-11-${28 + n}T07:00:00Z`, canonical: link, paragraphs }));
  return { id: `urn:wire:${n}`, title, link, published: `2026-11-${28 + n}T07:00:00Z`, html: paragraphs.map((p) => `<p>${p}</p>`).join('') };
}

/** Sets the modification time of every article file of the desk, as if written at `when` on the test's clock. */
async function stampFiles(when: number): Promise<void> {
  for (const file of await listCorpusFiles(dir)) await utimes(path.join(dir, file), new Date(when), new Date(when));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-feeds-'));
  await writeFile(path.join(dir, 'seed.md'), '---\ntitle: Ferry timetable changes\nsource: Coast Post\npublished: 2026-10-01\n---\nThe ferry company changed its winter timetable, a spokeswoman said.\n');
  web = await new TestWebServer().start();
  items.push(story(1, 'Ingrid Solberg', 'We will reopen the northern quay by March'));
  web.page('/wire.xml', '', 'application/rss+xml');
  web.routes.set('/wire.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Harbour Wire', items)));
  manager = new WorkspaceManager({ mode: 'shared', store: new FolderDeskStore(dir), noCache: true, live: { watch: false } });
  env = await startBotOnFake(manager, { tasks: tasks() });
}, 30_000);

afterAll(async () => {
  await env?.stop();
  await manager?.close();
  await web?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('/feed', () => {
  it('is refused to a member without Manage Server, privately, and changes nothing', async () => {
    const data = await run('feed', sub('add', { url: web.url('/wire.xml') }), reader);
    expect(data.content ?? shown(data)).toMatch(/Manage Server/);
    expect((data.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(await (await new FolderDeskStore(dir).open('shared')).listFeeds()).toEqual([]);
  });

  it('subscribes a feed; its item is added and answers /quote', async () => {
    const data = await run('feed', sub('add', { url: web.url('/wire.xml') }));
    expect(data.content).toMatch(/Following \*\*Harbour Wire\*\*/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    // The poller was woken by the subscription: this waits for that poll (or runs it); it re-indexes after adding.
    await env.bot.tasks!.poller.tick();
    const quote = await run('quote', { speaker: 'Solberg' } as never, reader);
    expect(shown(quote)).toContain('We will reopen the northern quay by March');
  });

  it('adds an item the feed gains between polls, and shows the count in /feed list', async () => {
    items.unshift(story(2, 'Ingrid Solberg', 'The cranes arrive in January, not before'));
    clock += 2 * 3600_000;
    const [result] = await env.bot.tasks!.poller.tick();
    expect(result).toMatchObject({ status: 'new', added: 1 });
    expect(shown(await run('quote', { speaker: 'Solberg', about: 'cranes' } as never, reader))).toContain('The cranes arrive in January');
    const list = shown(await run('feed', sub('list')));
    expect(list).toContain('Harbour Wire');
    expect(list).toContain('2 articles added');
  });

  it('adds the feed’s own text when the item’s page cannot be had', async () => {
    const text = ['The ferry operator said on Wednesday that night crossings would resume next week.', '“We have the crews again,” said operations chief Tomas Lindqvist.'];
    items.unshift({ id: 'urn:wire:3', title: 'Night ferries resume', link: web.url('/wire/gone'), published: '2026-12-01T07:00:00Z', html: text.map((p) => `<p>${p}</p>`).join('') });
    clock += 2 * 3600_000;
    const [result] = await env.bot.tasks!.poller.tick();
    expect(result).toMatchObject({ status: 'new', added: 1 });
    const quote = shown(await run('quote', { speaker: 'Lindqvist' } as never, reader));
    expect(quote).toContain('We have the crews again');
    expect(quote).toContain('Harbour Wire');
  });

  it('offers this desk’s feeds to remove, and removes one', async () => {
    const options = [{ name: 'remove', type: 1, options: [{ name: 'feed', type: 3, value: 'harb', focused: true }] }] as unknown as CommandOption[];
    const i = autocompleteInteraction(env.fake.ids, 'feed', options, admin);
    env.fake.dispatch('INTERACTION_CREATE', i);
    const choices = (await env.fake.reply(i)).data.choices as Array<{ name: string; value: string }>;
    expect(choices).toHaveLength(1);
    expect(choices[0]!.name).toContain('Harbour Wire');
    const data = await run('feed', sub('remove', { feed: choices[0]!.value }));
    expect(data.content).toMatch(/No longer following \*\*Harbour Wire\*\*\. The 3 articles/);
    const store = await new FolderDeskStore(dir).open('shared');
    expect(await store.listFeeds()).toEqual([]);
    expect((await store.recentChanges(10)).map((c) => c.action)).toEqual(expect.arrayContaining(['feed.add', 'feed.remove', 'article.add']));
  });
});

describe('/schedule', () => {
  it('refuses a bad schedule or time zone politely', async () => {
    expect((await run('schedule', sub('add', { every: 'every minute' }))).content).toMatch(/daily 09:00/);
    expect((await run('schedule', sub('add', { every: 'daily 09:00', timezone: 'Mars/Olympus' }))).content).toMatch(/not a time zone/);
  });

  it('posts a due briefing once into the channel, with the Markdown file and the timeline picture', async () => {
    // The files so far came before the schedule on the test's clock (the file system stamped them with the real time).
    await stampFiles(Date.parse('2026-11-30T08:00:00Z'));
    clock = Date.parse('2026-11-30T08:30:00Z');
    const added = await run('schedule', sub('add', { every: 'daily 09:00', timezone: 'UTC' }));
    expect(added.content).toMatch(/Scheduled: a briefing \*\*daily 09:00\*\* \(UTC\) in <#\d+>/);
    const scheduler = env.bot.tasks!.scheduler;
    expect(await scheduler.tick()).toBe(0);
    const before = env.fake.channelPosts.length;
    clock = Date.parse('2026-11-30T09:00:20Z');
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    const posts = env.fake.channelPosts.slice(before);
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post!.channelId).toBe(env.fake.ids.channelId);
    expect(post!.status).toBe(200);
    expect(post!.body.content).toMatch(/^Scheduled briefing \(daily 09:00, UTC\)/);
    expect(post!.body.allowed_mentions).toEqual({ parse: [] });
    // It covers what came since the schedule was made (the ferry item, dated 1 December), not what was there before.
    const embeds = JSON.stringify(post!.body.embeds);
    expect(embeds).toContain('Lindqvist');
    expect(embeds).not.toContain('Solberg');
    expect(post!.body.components ?? []).toEqual([]);
    expect(post!.files.some((f) => f.endsWith('.md'))).toBe(true);
    expect(post!.files.some((f) => f.endsWith('.png'))).toBe(true);
  });

  it('keeps the error when it may not post in the channel, shows it in /schedule list, and keeps running', async () => {
    env.fake.forbiddenChannels.add(env.fake.ids.channelId);
    clock = Date.parse('2026-12-01T09:00:05Z');
    expect(await env.bot.tasks!.scheduler.tick()).toBe(1);
    expect(env.fake.channelPosts.at(-1)!.status).toBe(403);
    env.fake.forbiddenChannels.delete(env.fake.ids.channelId);
    const list = shown(await run('schedule', sub('list')));
    expect(list).toContain('daily 09:00');
    expect(list).toContain('last attempt failed: I may not post in that channel (Discord: Missing Permissions)');
    // Not retried until the next slot; still answering.
    expect(await env.bot.tasks!.scheduler.tick()).toBe(0);
    expect(shown(await run('quote', { speaker: 'Solberg' } as never, reader))).toContain('northern quay');
  });

  it('says "Nothing new" when nothing came since the last run, then removes the schedule', async () => {
    clock = Date.parse('2026-12-05T09:00:01Z');
    const before = env.fake.channelPosts.length;
    expect(await env.bot.tasks!.scheduler.tick()).toBe(1);
    const post = env.fake.channelPosts[before]!;
    expect(post.body.content).toMatch(/^Nothing new on this desk since <t:\d+:f>\./);
    const store = await new FolderDeskStore(dir).open('shared');
    const [schedule] = await store.listSchedules();
    expect((await run('schedule', sub('remove', { schedule: schedule!.id }))).content).toMatch(/Stopped the briefing \*\*daily 09:00 \(UTC\)\*\*/);
    expect(await store.listSchedules()).toEqual([]);
  });
});

describe('a restart', () => {
  it('posts the slot missed while the bot was down once, on start, marked late — and not again after another restart', async () => {
    clock = Date.parse('2026-12-06T08:00:00Z');
    expect((await run('schedule', sub('add', { every: 'daily 09:00' }))).content).toMatch(/Scheduled/);
    const fake = env.fake;
    const config = { token: fake.token, clientId: fake.ids.applicationId, guildId: fake.ids.guildId, corpusDir: dir, logLevel: 'silent' as const, apiUrl: fake.apiUrl };
    const restart = () => startBot(config, manager, { logger: createLogger({ level: 'silent' }), rateLimit: false, tasks: tasks() });
    await env.bot.stop();
    // Down over 09:00; back at 11:00.
    clock = Date.parse('2026-12-06T11:00:00Z');
    const before = fake.channelPosts.length;
    const second = await restart();
    const post = await fake.nextChannelPost(fake.ids.channelId, before);
    expect(post.body.content).toMatch(/\(Late: this was due <t:\d+:f>, while I was away\.\)$/);
    await second.ready;
    await second.tasks!.scheduler.tick();
    await second.stop();
    const third = await restart();
    await third.ready;
    await third.tasks!.scheduler.tick();
    await third.stop();
    expect(fake.channelPosts.slice(before)).toHaveLength(1);
    // The harness's own stop() still closes the fake.
    env.bot = third;
  });
});
