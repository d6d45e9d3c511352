/** Starts the real bot (src/bot/client.ts) against a fresh fake Discord on a free port, with logs kept in memory. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBot, type BotHandle, type BotOptions } from '../../src/bot/client.ts';
import type { BotConfig } from '../../src/bot/config.ts';
import { createLogger } from '../../src/bot/logger.ts';
import type { DeskInput, WorkspaceRouter } from '../../src/bot/dispatcher.ts';
import type { Command } from '../../commands/index.ts';
import { FakeDiscord, type FakeDiscordOptions } from './server.ts';

export const SEED_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../corpus');

/**
 * discord.js reads DISCORD_TOKEN, SHARDS and SHARD_COUNT from the environment; a blank SHARDS even makes the Client
 * constructor throw. Remove them (not blank them) so a developer's shell or another test cannot leak in.
 */
export function clearDiscordEnvironment(): void {
  for (const name of ['DISCORD_TOKEN', 'SHARDS', 'SHARD_COUNT']) delete process.env[name];
}

export interface BotOnFake {
  fake: FakeDiscord;
  bot: BotHandle;
  /** Every log line the bot wrote (JSON text). */
  logs: string[];
  stop(): Promise<void>;
}

export interface StartOptions extends FakeDiscordOptions {
  /** Commands instead of the modules of `commands/` (e.g. one that fails on purpose). */
  commands?: ReadonlyMap<string, Command>;
  deferAfterMs?: number;
  /** Off unless given: most tests send many commands as one user. */
  rateLimit?: { capacity: number; perMinute: number };
  /** Feeds and scheduled briefings (see src/bot/desk-runtime.ts). */
  tasks?: BotOptions['tasks'];
}

/** `desk`: one desk for every server, or workspaces (a WorkspaceManager) answering each server from its own. */
export async function startBotOnFake(desk: DeskInput | WorkspaceRouter, options: StartOptions = {}): Promise<BotOnFake> {
  clearDiscordEnvironment();
  const fake = await new FakeDiscord(options).start();
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [fake.token], destination: { write: (line: string) => void logs.push(line) } });
  const config: BotConfig = {
    token: fake.token,
    clientId: fake.ids.applicationId,
    guildId: fake.ids.guildId,
    corpusDir: SEED_CORPUS,
    logLevel: 'debug',
    apiUrl: fake.apiUrl,
  };
  const bot = await startBot(config, desk, {
    logger,
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    rateLimit: options.rateLimit ?? false,
    ...(options.tasks ? { tasks: options.tasks } : {}),
  });
  await bot.ready;
  return {
    fake,
    bot,
    logs,
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
}
