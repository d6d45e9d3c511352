/**
 * Team desks in guild mode over PostgreSQL, end to end through the fake Discord: an article added by link in server A
 * is answered in A and invisible from B; removing it (trash) takes it out of A's answers; what A's desk holds is in
 * the database, not in a folder.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSettings, resetSettings } from '../../src/config.ts';
import { openWorkspaces, type OpenedWorkspaces } from '../../src/desk/open-workspaces.ts';
import { startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import { MANAGER_PERMISSIONS, type Origin } from '../fake-discord/payloads.ts';
import { newsArticle } from '../helpers/news.ts';
import { describePg, useFreshDatabase } from '../helpers/postgres.ts';
import { TestWebServer } from '../helpers/web-server.ts';

describePg('guild desks over PostgreSQL', () => {
  const fresh = useFreshDatabase();
  let env: BotOnFake;
  let desks: OpenedWorkspaces;
  const web = new TestWebServer();
  const saved = process.env.NEWSDESK_ALLOW_PRIVATE_URLS;

  const passages = (data: any): string => (data.embeds ?? []).map((e: { description?: string }) => e.description ?? '').join('\n');

  beforeAll(async () => {
    process.env.NEWSDESK_ALLOW_PRIVATE_URLS = 'true';
    resetSettings();
    await web.start();
    const settings = readSettings({ ...process.env, DATABASE_URL: fresh.url, NEWSDESK_WORKSPACES: 'guild' });
    desks = await openWorkspaces(settings);
    env = await startBotOnFake(desks.manager);
  });

  afterAll(async () => {
    await env?.stop();
    await desks?.close();
    await web.stop();
    if (saved === undefined) delete process.env.NEWSDESK_ALLOW_PRIVATE_URLS;
    else process.env.NEWSDESK_ALLOW_PRIVATE_URLS = saved;
    resetSettings();
  });

  it('keeps each server to its own desk in the database', async () => {
    const fake = env.fake;
    const inA: Origin = { guildId: fake.ids.guildId, permissions: MANAGER_PERMISSIONS };
    const inB: Origin = { guildId: fake.ids.otherGuildId, permissions: MANAGER_PERMISSIONS };
    web.page('/lantern.txt', newsArticle('glimmerwick lantern', 'Rosa Tell'), 'text/plain; charset=utf-8');
    const added = await fake.reply(fake.command('add', { url: web.url('/lantern.txt') }, inA), 30_000);
    expect(JSON.stringify(added.data)).toMatch(/Added/);

    expect(passages((await fake.reply(fake.command('ask', { question: 'glimmerwick lantern' }, inA))).data)).toContain('glimmerwick');
    expect(passages((await fake.reply(fake.command('ask', { question: 'glimmerwick lantern' }, inB))).data)).not.toContain('glimmerwick');

    const storeA = await desks.manager.store.open(fake.ids.guildId);
    const [article] = await storeA.listArticles();
    expect(article).toBeDefined();
    expect(await (await desks.manager.store.open(fake.ids.otherGuildId)).listArticles()).toEqual([]);
    expect((await storeA.recentChanges(5)).map((c) => c.action)).toContain('article.add');

    const id = article!.name.replace(/\.[^.]+$/, '').split('/').pop()!;
    const removed = await fake.reply(fake.command('remove', { article: id }, inA), 30_000);
    expect(JSON.stringify(removed.data)).not.toMatch(/not found/i);
    expect(await storeA.listArticles()).toEqual([]);
    expect((await storeA.listTrash()).map((a) => a.name)).toEqual([article!.name]);
    const after = await fake.reply(fake.command('ask', { question: 'glimmerwick lantern' }, inA));
    expect(passages(after.data)).not.toContain('glimmerwick');
  });
});
