/** End to end, shared mode (the default): every server answers from the one corpus folder, and /add writes there. */
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderDeskStore } from '../../src/desk/folder-store.ts';
import { WorkspaceManager } from '../../src/desk/workspaces.ts';
import { SEED_CORPUS, startBotOnFake, type BotOnFake } from '../fake-discord/harness.ts';
import { attachmentObject, MANAGER_PERMISSIONS, snowflake } from '../fake-discord/payloads.ts';
import { TestWebServer } from '../helpers/web-server.ts';

let env: BotOnFake;
let manager: WorkspaceManager;
let corpus: string;
const web = new TestWebServer();
const shown = (data: any) => [data.content ?? '', ...(data.embeds ?? []).flatMap((e: any) => [e.title ?? '', e.description ?? ''])].join('\n');

beforeAll(async () => {
  process.env.NEWSDESK_ALLOW_PRIVATE_URLS = 'true';
  (await import('../../src/config.ts')).resetSettings();
  await web.start();
  corpus = mkdtempSync(path.join(tmpdir(), 'newsdesk-shared-'));
  cpSync(SEED_CORPUS, corpus, { recursive: true });
  manager = new WorkspaceManager({ mode: 'shared', store: new FolderDeskStore(corpus), noCache: true, live: { watch: false } });
  env = await startBotOnFake(manager);
});

afterAll(async () => {
  await env?.stop();
  await manager?.close();
  await web.stop();
  delete process.env.NEWSDESK_ALLOW_PRIVATE_URLS;
  (await import('../../src/config.ts')).resetSettings();
});

describe('shared mode', () => {
  it('answers both servers from the one corpus, including an article added from either', async () => {
    const fake = env.fake;
    const seeds = await fake.reply(fake.command('ask', { question: 'How much did the US seize?' }, { guildId: fake.ids.otherGuildId }));
    expect(shown(seeds.data)).toContain('$9.5 billion');
    const body = 'Dockworkers end strike\n\nDockworkers at the port of Velmar ended a ten-day strike on Thursday.\n\n"We got what we asked for," said Tomas Oyelaran, the union leader.';
    web.page('/dock.txt', body, 'text/plain');
    const id = snowflake();
    const added = await fake.reply(
      fake.command('add', [{ name: 'file', type: 11, value: id }], {
        guildId: fake.ids.guildId,
        permissions: MANAGER_PERMISSIONS,
        resolved: { attachments: { [id]: attachmentObject(id, 'dock.txt', web.url('/dock.txt'), body.length, 'text/plain') } },
      }),
      20_000,
    );
    expect(shown(added.data)).toContain('Added: Dockworkers end strike');
    expect(readdirSync(corpus).filter((f) => f.startsWith('dockworkers-end-strike-'))).toHaveLength(1);
    const fromB = await fake.reply(fake.command('quote', { speaker: 'Oyelaran' }, { guildId: fake.ids.otherGuildId }));
    expect(shown(fromB.data)).toContain('We got what we asked for');
  });
});
