import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_API_URL, readConfig } from '../../src/bot/config.ts';
import { SEED_CORPUS } from '../fake-discord/harness.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB';
const base = { DISCORD_TOKEN: TOKEN, CORPUS_DIR: SEED_CORPUS };

function problems(env: Record<string, string>, options = {}): string[] {
  try {
    readConfig(env, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(TOKEN);
    return (error as ConfigError).problems;
  }
  return [];
}

describe('bot configuration', () => {
  it('reads a valid environment, with defaults', () => {
    const config = readConfig(base);
    expect(config).toEqual({ token: TOKEN, clientId: null, guildId: null, corpusDir: SEED_CORPUS, logLevel: 'info', apiUrl: DEFAULT_API_URL, publicKey: null });
  });

  it('reads DISCORD_PUBLIC_KEY (hex), required only where asked for', () => {
    const key = 'AB'.repeat(32);
    expect(readConfig({ ...base, DISCORD_PUBLIC_KEY: key }).publicKey).toBe(key.toLowerCase());
    expect(problems({ ...base, DISCORD_PUBLIC_KEY: 'xyz' })).toEqual([expect.stringMatching(/^DISCORD_PUBLIC_KEY must be the 64 hex digits/)]);
    expect(() => readConfig(base, { requirePublicKey: true })).toThrow(/DISCORD_PUBLIC_KEY is not set/);
  });

  it('passes DISCORD_API_URL on without a trailing slash', () => {
    expect(readConfig({ ...base, DISCORD_API_URL: 'http://127.0.0.1:8080/api/' }).apiUrl).toBe('http://127.0.0.1:8080/api');
    expect(readConfig({ ...base, DISCORD_API_URL: 'https://proxy.internal' }).apiUrl).toBe('https://proxy.internal');
  });

  it('names each wrong variable and what is wrong with it', () => {
    expect(problems({ CORPUS_DIR: SEED_CORPUS })).toEqual([expect.stringMatching(/^DISCORD_TOKEN is not set/)]);
    expect(problems({ ...base, DISCORD_TOKEN: `Bot ${TOKEN}` })).toEqual([expect.stringMatching(/^DISCORD_TOKEN starts with "Bot "/)]);
    expect(problems({ ...base, DISCORD_TOKEN: 'not a token' })).toEqual([expect.stringMatching(/^DISCORD_TOKEN does not look like a bot token/)]);
    const all = problems({
      ...base,
      DISCORD_CLIENT_ID: 'abc',
      DISCORD_GUILD_ID: '12',
      CORPUS_DIR: '/nonexistent/corpus',
      LOG_LEVEL: 'loud',
      DISCORD_API_URL: 'discord.com',
    });
    expect(all).toHaveLength(5);
    expect(all.map((p) => p.split(/[ :]/)[0])).toEqual(['DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID', 'CORPUS_DIR', 'LOG_LEVEL', 'DISCORD_API_URL']);
    expect(problems({ ...base, DISCORD_API_URL: 'https://discord.com/api/v10' })).toEqual([expect.stringContaining('must not end in the API version')]);
    expect(problems({ ...base, DISCORD_API_URL: 'ftp://x' })).toEqual([expect.stringContaining('http:// or https://')]);
    expect(problems({ ...base, CORPUS_DIR: `${SEED_CORPUS}/000_0449f6e6185d04c3.txt` })).toEqual([expect.stringContaining('is a file, not a folder')]);
  });

  it('requires DISCORD_CLIENT_ID for deploying commands', () => {
    expect(problems(base, { requireClientId: true })).toEqual([expect.stringMatching(/^DISCORD_CLIENT_ID is not set/)]);
    expect(readConfig({ ...base, DISCORD_CLIENT_ID: '100000000000000001', DISCORD_GUILD_ID: '200000000000000002' }, { requireClientId: true })).toMatchObject({
      clientId: '100000000000000001',
      guildId: '200000000000000002',
    });
  });

  it('treats blank values as unset', () => {
    expect(readConfig({ ...base, DISCORD_GUILD_ID: '  ', LOG_LEVEL: '', DISCORD_API_URL: '' })).toMatchObject({ guildId: null, logLevel: 'info', apiUrl: DEFAULT_API_URL });
  });
});
