/**
 * End to end, team desks in guild mode: two servers, each its own workspace. Articles added from chat (an attachment
 * served by a local web server, a link), answered at once, undone, removed and restored; members without Manage
 * Server refused; links that time out, never end, are not pages or lead to private addresses refused; and nothing of
 * server A visible from server B through any command, autocomplete or forged button.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetSettings } from '../../src/config.ts';
import { FolderDeskStore } from '../../src/desk/folder-store.ts';
import { WorkspaceManager } from '../../src/desk/workspaces.ts';
import { startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import { attachmentObject, MANAGER_PERMISSIONS, snowflake, type Origin } from '../fake-discord/payloads.ts';
import type { FakeDiscord } from '../fake-discord/server.ts';
import { articlePage, TestWebServer } from '../helpers/web-server.ts';

const ENV = ['NEWSDESK_ALLOW_PRIVATE_URLS', 'NEWSDESK_FETCH_TIMEOUT_S', 'NEWSDESK_MAX_FILE_MB'] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

function setEnv(values: Partial<Record<(typeof ENV)[number], string>>) {
  for (const k of ENV) {
    if (values[k] === undefined) delete process.env[k];
    else process.env[k] = values[k];
  }
  resetSettings();
}

const FERRY = [
  'Porto Lindo approves ferry terminal',
  'The harbour authority of Porto Lindo approved a new ferry terminal on Tuesday, officials said.',
  '"We have waited twenty years for this," said Marta Quintela, the mayor of Porto Lindo.',
  'Construction is expected to begin in March and cost 40 million euros.',
].join('\n\n');

const BRIDGE = articlePage({
  title: 'Valdera council votes to rebuild the old stone bridge',
  site: 'Valdera Courier',
  published: '2026-10-14T08:00:00Z',
  canonical: '/news/stone-bridge',
  paragraphs: [
    'The Valdera town council voted on Monday to rebuild the old stone bridge over the Serra river.',
    '"The bridge is part of who we are," said Ilse Marchetti, the council\'s head of works.',
    'Work will start in spring and should take eighteen months, the council said.',
  ],
});

let env: BotOnFake;
let fake: FakeDiscord;
let manager: WorkspaceManager;
let corpus: string;
const web = new TestWebServer();

/** The text a user sees in a reply: content, embed titles, descriptions, fields and footers. */
function shown(data: any): string {
  return [
    data.content ?? '',
    ...(data.embeds ?? []).flatMap((e: any) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f: any) => `${f.name}: ${f.value}`), e.footer?.text ?? '']),
  ].join('\n');
}

function buttons(data: any): Array<{ custom_id: string; label: string }> {
  return (data.components ?? []).flatMap((r: any) => r.components);
}

const A = () => fake.ids.guildId;
const B = () => fake.ids.otherGuildId;
const manager_ = (guildId: string): Origin => ({ guildId, permissions: MANAGER_PERMISSIONS });

async function run(name: string, options: Record<string, string | boolean> | any[], who: Origin) {
  return fake.reply(fake.command(name, options, who), 20_000);
}

function attach(name: string, pathname: string, body: string, type = 'text/plain; charset=utf-8'): { option: any; origin: (o: Origin) => Origin } {
  web.page(pathname, body, type);
  const id = snowflake();
  return {
    option: { name: 'file', type: 11, value: id },
    origin: (o) => ({ ...o, resolved: { attachments: { [id]: attachmentObject(id, name, web.url(pathname), Buffer.byteLength(body), type) } } }),
  };
}

function articleFiles(guildId: string): string[] {
  try {
    return readdirSync(path.join(corpus, guildId)).filter((f) => !f.startsWith('.'));
  } catch {
    return [];
  }
}

beforeAll(async () => {
  setEnv({ NEWSDESK_ALLOW_PRIVATE_URLS: 'true', NEWSDESK_FETCH_TIMEOUT_S: '1', NEWSDESK_MAX_FILE_MB: '0.5' });
  await web.start();
  corpus = mkdtempSync(path.join(tmpdir(), 'newsdesk-desks-'));
  manager = new WorkspaceManager({ mode: 'guild', store: new FolderDeskStore(corpus), noCache: true, live: { watch: false } });
  env = await startBotOnFake(manager);
  fake = env.fake;
});

afterEach(() => setEnv({ NEWSDESK_ALLOW_PRIVATE_URLS: 'true', NEWSDESK_FETCH_TIMEOUT_S: '1', NEWSDESK_MAX_FILE_MB: '0.5' }));

afterAll(async () => {
  await env?.stop();
  await manager?.close();
  await web.stop();
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetSettings();
});

describe('adding from chat', () => {
  it('defers while a server desk loads, then adds an uploaded file that answers /quote at once', async () => {
    const file = attach('ferry.txt', '/files/ferry.txt', FERRY);
    const reply = await run('add', [file.option], file.origin(manager_(A())));
    expect(reply.callbackType).toBe(5); // the workspace was not loaded yet: deferred first
    const text = shown(reply.data);
    expect(text).toContain('Added: Porto Lindo approves ferry terminal');
    expect(text).toContain('Paragraphs: 3');
    expect(text).toContain('Quotes: 1');
    expect(text).toContain('Marta Quintela');
    expect(buttons(reply.data).map((b) => b.label)).toEqual(['Undo']);
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    const stored = readFileSync(path.join(corpus, A(), articleFiles(A()).find((f) => f.startsWith('porto-lindo'))!), 'utf8');
    expect(stored).toMatch(/^---\n[\s\S]*\n---\n/);
    expect(stored).toMatch(/\nadded_by_id: "?\d+"?\n/);
    expect(stored).toContain('\noriginal_file: ferry.txt\n');

    const quote = await run('quote', { speaker: 'Quintela' }, { guildId: A() });
    expect(shown(quote.data)).toContain('We have waited twenty years for this');
  });

  it('adds a link (HTML, through a redirect chain): title, site, date and canonical URL kept', async () => {
    web.page('/news/stone-bridge-story', BRIDGE);
    web.redirect('/go/1', '/go/2').redirect('/go/2', '/news/stone-bridge-story', 301);
    const reply = await run('add', { url: web.url('/go/1') }, manager_(A()));
    const text = shown(reply.data);
    expect(text).toContain('Added: Valdera council votes to rebuild the old stone bridge');
    expect(text).toContain('Source: Valdera Courier');
    expect(text).toContain('Date: 14 October 2026');
    expect(reply.data.embeds[0].url).toBe(web.url('/news/stone-bridge'));
    const stored = readFileSync(path.join(corpus, A(), articleFiles(A()).find((f) => f.startsWith('valdera'))!), 'utf8');
    expect(stored).toContain(`url: ${web.url('/news/stone-bridge')}`);
    expect(stored).toContain(`fetched_from: ${web.url('/go/1')}`);
    expect(stored).toMatch(/fetched: 20\d\d-/);

    const ask = await run('ask', { question: 'stone bridge Serra river' }, { guildId: A() });
    expect(shown(ask.data)).toContain('Valdera Courier');
    const quote = await run('quote', { speaker: 'Marchetti' }, { guildId: A() });
    expect(shown(quote.data)).toContain('The bridge is part of who we are');
  });

  it('refuses the same link or the same text again, pointing at the article already there', async () => {
    const before = articleFiles(A()).length;
    const again = await run('add', { url: web.url('/news/stone-bridge-story') }, manager_(A()));
    expect(shown(again.data)).toContain('Already in this desk: Valdera council votes to rebuild the old stone bridge');
    const copy = attach('copy-of-ferry.md', '/files/copy.md', FERRY.replace(/\n\n/g, '\n\n\n'));
    const same = await run('add', [copy.option], copy.origin(manager_(A())));
    expect(shown(same.data)).toMatch(/Already in this desk: Porto Lindo approves ferry terminal[\s\S]*same text/);
    expect(buttons(same.data)).toEqual([]);
    expect(articleFiles(A())).toHaveLength(before);
  });

  it('says politely why a link cannot be added: slow, endless, not a page, a bad scheme', async () => {
    web.routes.set('/slow', () => undefined);
    web.routes.set('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    web.page('/picture.png', 'PNG…', 'image/png');
    const cases: Array<[string, RegExp]> = [
      [web.url('/slow'), /did not answer within 1 s/],
      [web.url('/endless'), /larger than 0\.5 MB/],
      [web.url('/picture.png'), /leads to "image\/png", not a web page/],
      ['file:///etc/passwd', /Only http and https/],
      [web.url('/missing'), /answered 404/],
    ];
    for (const [url, message] of cases) {
      const reply = await run('add', { url }, manager_(A()));
      expect(shown(reply.data), url).toMatch(message);
    }
  });

  it('refuses a private address without NEWSDESK_ALLOW_PRIVATE_URLS', async () => {
    setEnv({ NEWSDESK_FETCH_TIMEOUT_S: '1', NEWSDESK_MAX_FILE_MB: '0.5' });
    const served = web.requested.length;
    web.page('/fresh', articlePage({ title: 'A story never fetched from a private address', site: 'X Wire', published: '2026-01-01', paragraphs: ['Some text that should never be stored anywhere.'] }));
    const reply = await run('add', { url: web.url('/fresh') }, manager_(A()));
    expect(shown(reply.data)).toMatch(/private or local address/);
    expect(web.requested.length).toBe(served);
  });

  it('refuses a member without Manage Server, from the interaction itself', async () => {
    const before = articleFiles(A()).length;
    const reply = await run('add', { url: web.url('/news/stone-bridge-story') }, { guildId: A() });
    expect(shown(reply.data)).toMatch(/Only members with the Manage Server permission can use \/add/);
    const remove = await run('remove', { article: 'anything' }, { guildId: A() });
    expect(shown(remove.data)).toMatch(/Manage Server/);
    expect(articleFiles(A())).toHaveLength(before);
  });

  it('registers the desk commands for Manage Server only', async () => {
    const { loadCommands } = await import('../../commands/index.ts');
    const commands = await loadCommands();
    for (const name of ['add', 'remove']) expect(commands.get(name)!.data.default_member_permissions).toBe('32');
    expect(commands.get('ask')!.data).not.toHaveProperty('default_member_permissions');
  });
});

describe('undo, remove and restore', () => {
  it('undoes an add, then restores it; every change shows in /sources changes', async () => {
    const file = attach('harbour.txt', '/files/harbour.txt', 'Night ferries to resume in Porto Lindo\n\nNight ferries between Porto Lindo and Isla Verde will resume in June, the operator Maré Lines said on Friday.\n\n"Demand has come back," said Rui Tavares, who runs Maré Lines.');
    const added = await run('add', [file.option], file.origin(manager_(A())));
    const undo = buttons(added.data)[0]!;
    expect(undo.custom_id).toMatch(/^add\|undo\|night-ferries/);
    const id = undo.custom_id.slice('add|undo|'.length);

    const undone = await fake.reply(fake.click(undo.custom_id, added.data, manager_(A())), 20_000);
    expect(shown(undone.data)).toContain('Undone: Night ferries to resume in Porto Lindo');
    expect(readdirSync(path.join(corpus, A(), '.trash'))).toContain(`${id}.md`);
    const gone = await run('quote', { speaker: 'Tavares' }, { guildId: A() });
    expect(shown(gone.data)).not.toContain('Demand has come back');

    const restore = buttons(undone.data)[0]!;
    expect(restore.label).toBe('Restore');
    const restored = await fake.reply(fake.click(restore.custom_id, undone.data, manager_(A())), 20_000);
    expect(shown(restored.data)).toContain('Restored: Night ferries to resume in Porto Lindo');
    const back = await run('quote', { speaker: 'Tavares' }, { guildId: A() });
    expect(shown(back.data)).toContain('Demand has come back');

    const changes = await run('sources', { changes: true }, { guildId: A() });
    const log = shown(changes.data);
    expect(log).toContain('Recent changes to this desk');
    expect(log).toMatch(/restored \*Night ferries to resume in Porto Lindo\*[\s\S]*removed \*Night ferries[\s\S]*added \*Night ferries/);
  });

  it('/remove suggests titles, moves the file to the trash, and a plain member cannot click Restore', async () => {
    const choices = await fake.reply(fake.autocomplete('remove', 'article', 'stone bridge', {}, manager_(A())));
    const choice = choices.data.choices[0];
    expect(choice.name).toMatch(/^Valdera council votes to rebuild the old stone bridge — Valdera Courier/);
    const removed = await run('remove', { article: choice.value }, manager_(A()));
    expect(shown(removed.data)).toContain('Removed: Valdera council votes to rebuild the old stone bridge');
    const ask = await run('ask', { question: 'stone bridge Serra river' }, { guildId: A() });
    expect(shown(ask.data)).not.toContain('Valdera Courier');

    const restore = buttons(removed.data)[0]!;
    const refused = await fake.reply(fake.click(restore.custom_id, removed.data, { guildId: A() }));
    expect(shown(refused.data)).toMatch(/Manage Server/);
    const restored = await fake.reply(fake.click(restore.custom_id, removed.data, manager_(A())), 20_000);
    expect(shown(restored.data)).toContain('Restored: Valdera council votes');
  });
});

describe('the fake Discord, for briefings posted into channels', () => {
  it('records posts to a channel, and answers 403 where the bot may not post', async () => {
    const { Routes } = await import('discord.js');
    const since = fake.channelPosts.length;
    await env.bot.client.rest.post(Routes.channelMessages(fake.ids.otherChannelId), { body: { content: 'Morning briefing', allowed_mentions: { parse: [] } } });
    expect(fake.channelPosts.slice(since)).toEqual([expect.objectContaining({ channelId: fake.ids.otherChannelId, status: 200, body: expect.objectContaining({ content: 'Morning briefing' }) })]);
    fake.forbiddenChannels.add(fake.ids.channelId);
    try {
      const error = await env.bot.client.rest.post(Routes.channelMessages(fake.ids.channelId), { body: { content: 'x' } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 403, code: 50013 });
    } finally {
      fake.forbiddenChannels.delete(fake.ids.channelId);
    }
  });
});

describe('two servers never see each other', () => {
  it('answers, lists and suggests only the asking server’s articles', async () => {
    const sources = await run('sources', {}, { guildId: B() });
    expect(shown(sources.data)).toMatch(/0 articles|empty/);
    const quote = await run('quote', { speaker: 'Quintela' }, { guildId: B() });
    expect(shown(quote.data)).not.toContain('We have waited twenty years');
    const ask = await run('ask', { question: 'ferry terminal Porto Lindo' }, { guildId: B() });
    expect(shown(ask.data)).not.toContain('Porto Lindo approved');
    for (const [command, option, typed] of [
      ['remove', 'article', 'Porto'],
      ['quote', 'speaker', 'Quint'],
      ['who', 'name', 'Marta'],
    ] as const) {
      const choices = await fake.reply(fake.autocomplete(command, option, typed, {}, manager_(B())));
      expect(choices.data.choices, `${command} autocomplete`).toEqual([]);
    }
    const changes = await run('sources', { changes: true }, { guildId: B() });
    expect(shown(changes.data)).toContain('Nothing has been added or removed');
  });

  it('answers forged buttons carrying server A’s article ids with a polite "not found" in server B', async () => {
    const inA = await run('quote', { speaker: 'Quintela' }, { guildId: A() });
    const context = buttons(inA.data).find((b) => b.custom_id.startsWith('nd1|cx|'))!;
    const articleId = context.custom_id.split('|')[4]!;
    const forgedContext = await fake.reply(fake.click(context.custom_id, inA.data, { guildId: B() }));
    expect(shown(forgedContext.data)).toBe('That article is no longer in the corpus.');
    const forgedUndo = await fake.reply(fake.click(`add|undo|${articleId}`, { content: 'x' }, manager_(B())));
    expect(shown(forgedUndo.data)).toMatch(/There is no article "porto-lindo[^"]*" in this desk/);
    const forgedRestore = await fake.reply(fake.click(`remove|restore|../${A()}/${articleId}.md`, { content: 'x' }, manager_(B())));
    expect(shown(forgedRestore.data)).toBe("That article is not in this desk's trash.");
    const forgedRestoreByName = await fake.reply(fake.click(`remove|restore|${articleId}.md`, { content: 'x' }, manager_(B())));
    expect(shown(forgedRestoreByName.data)).toMatch(/^That article is not in this desk's trash/);
    const remove = await run('remove', { article: articleId }, manager_(B()));
    expect(shown(remove.data)).toMatch(/There is no article/);
    // Server A's article is still there and still answers in A.
    expect(articleFiles(A()).some((f) => f.startsWith(articleId))).toBe(true);
    expect(articleFiles(B())).toEqual([]);
  });
});
