import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.ts';
import { deployCommands, describeDeploy } from '../../src/bot/deploy.ts';
import { ConfigError } from '../../src/bot/config.ts';
import { FakeDiscord } from '../fake-discord/server.ts';
import { clearDiscordEnvironment } from '../fake-discord/harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let fake: FakeDiscord;

beforeAll(async () => {
  clearDiscordEnvironment();
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.stop();
});

describe('deploy-commands', () => {
  it('registers every definition in the development server when DISCORD_GUILD_ID is set', async () => {
    const config = { token: fake.token, clientId: fake.ids.applicationId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl };
    const result = await deployCommands(config);
    const put = fake.calls.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.path).toBe(`/applications/${fake.ids.applicationId}/guilds/${fake.ids.guildId}/commands`);
    expect(put.authorization).toBe(`Bot ${fake.token}`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(await commandDefinitions())));
    expect(result.registered).toEqual(expect.arrayContaining(['ask', 'who', 'when', 'quote', 'sources']));
    expect(describeDeploy(result)).toMatch(new RegExp(`^Registered \\d+ commands in server ${fake.ids.guildId} \\(available now\\): /add, /ask, `));
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const result = await deployCommands({ token: fake.token, clientId: fake.ids.applicationId, guildId: null, apiUrl: fake.apiUrl });
    expect(fake.calls.at(-1)!.path).toBe(`/applications/${fake.ids.applicationId}/commands`);
    expect(result.scope).toBe('global');
    expect(describeDeploy(result)).toContain('globally');
  });

  it('needs a client id', async () => {
    await expect(deployCommands({ token: fake.token, clientId: null, guildId: null, apiUrl: fake.apiUrl })).rejects.toBeInstanceOf(ConfigError);
  });

  it('as a script, fails clearly without DISCORD_TOKEN or DISCORD_CLIENT_ID', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-deploy-')); // no .env there
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    const run = promisify(execFile);
    const failure = await run(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/bot/deploy.ts')], { cwd, env }).then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('DISCORD_TOKEN is not set');
    expect(failure?.stderr).toContain('DISCORD_CLIENT_ID is not set');
    expect(failure?.stdout).toBe('');
  });

  it('as a script, prints what it registered', async () => {
    const run = promisify(execFile);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.ids.applicationId,
      DISCORD_GUILD_ID: fake.ids.guildId,
      DISCORD_API_URL: fake.apiUrl,
    };
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-deploy-'));
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/bot/deploy.ts')], { cwd, env });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Registered \d+ commands in server \d+ \(available now\): \/add, \/ask, .*\/remove, .*\/sources/);
    expect(stdout).not.toContain(fake.token);
  });
});
