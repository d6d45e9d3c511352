/**
 * `npm run deploy-commands`: registers the slash command definitions of `commands/` through Discord's REST API —
 * in the server DISCORD_GUILD_ID when set (instant, for development), else globally (for release) — and prints
 * what it registered. Needs DISCORD_TOKEN and DISCORD_CLIENT_ID.
 */
import { pathToFileURL } from 'node:url';
import { REST } from 'discord.js';
import { Routes } from 'discord.js';
import { commandDefinitions, type CommandDefinition } from '../../commands/index.ts';
import { ConfigError, loadConfig, type BotConfig } from './config.ts';
import { scrubSecrets } from './logger.ts';

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId: string | null;
  /** The command names Discord accepted. */
  registered: string[];
}

/** PUTs the definitions (replacing what was registered before) and returns what Discord accepted. */
export async function deployCommands(
  config: Pick<BotConfig, 'token' | 'clientId' | 'guildId' | 'apiUrl'>,
  definitions?: CommandDefinition[],
): Promise<DeployResult> {
  if (!config.clientId) throw new ConfigError(['DISCORD_CLIENT_ID is not set: put the application id in .env.']);
  const body = definitions ?? (await commandDefinitions());
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  try {
    const route = config.guildId ? Routes.applicationGuildCommands(config.clientId, config.guildId) : Routes.applicationCommands(config.clientId);
    const accepted = (await rest.put(route, { body })) as Array<{ name: string }>;
    return { scope: config.guildId ? 'guild' : 'global', guildId: config.guildId, registered: accepted.map((c) => c.name) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** One line per fact, for the terminal. */
export function describeDeploy(result: DeployResult): string {
  const where = result.scope === 'guild' ? `in server ${result.guildId} (available now)` : 'globally (may take up to an hour to appear everywhere)';
  return `Registered ${result.registered.length} command${result.registered.length === 1 ? '' : 's'} ${where}: ${result.registered.map((n) => `/${n}`).join(', ')}`;
}

async function main(): Promise<void> {
  let config: BotConfig;
  try {
    config = loadConfig({ requireClientId: true, checkCorpus: false });
  } catch (error) {
    process.stderr.write(`deploy-commands: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  try {
    process.stdout.write(describeDeploy(await deployCommands(config)) + '\n');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`deploy-commands: Discord refused the commands: ${scrubSecrets(message, [config.token])}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
