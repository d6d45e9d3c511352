/**
 * The Discord bot: a discord.js Client (Guilds intent only, no privileged intents, mentions off by default) logged
 * in with the configured token, REST going to DISCORD_API_URL, every interaction handed to the one dispatcher.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { loadCommands, type Command } from '../../commands/index.ts';
import type { BotConfig } from './config.ts';
import { createDispatcher, deskSource, DEFAULT_RATE_LIMIT, type DeskInput, type DeskSource, type WorkspaceRouter } from './dispatcher.ts';
import { RateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { createLogger, type Logger } from './logger.ts';
import { createDeskRuntime, discordPoster, type DeskRuntime, type DeskRuntimeOptions, type TaskWorkspaces } from './desk-runtime.ts';
import { answerDropped, droppedByDiscordJs, unregisteredNote } from './unregistered.ts';

export interface BotOptions {
  /** Default: a pino logger at the configured level, scrubbing the token. */
  logger?: Logger;
  /** Default: the modules of `commands/`. */
  commands?: ReadonlyMap<string, Command>;
  /** How long an answer may take before the bot defers (default DEFER_AFTER_MS; tests shorten it). */
  deferAfterMs?: number;
  /** Per-user rate limit (default DEFAULT_RATE_LIMIT); false turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Feeds and scheduled briefings over these workspaces (usually the WorkspaceManager the bot answers from). */
  tasks?: DeskRuntimeOptions & { workspaces: TaskWorkspaces };
}

export interface BotHandle {
  client: Client;
  logger: Logger;
  /** The feed poller and the briefing scheduler, when `tasks` was given. */
  tasks: DeskRuntime | null;
  /** Resolves when the gateway session is ready (READY and the guilds received). */
  ready: Promise<void>;
  /** Stops taking interactions, finishes the answers in flight, then logs out and closes the gateway. Idempotent. */
  stop(): Promise<void>;
}

export function isRouter(x: DeskInput | WorkspaceRouter): x is WorkspaceRouter {
  return typeof (x as WorkspaceRouter).workspaceFor === 'function';
}

/**
 * Starts the bot: loads the commands, logs in, and answers interactions from `desk` — which may still be loading
 * (interactions meanwhile are deferred and answered once it is ready) — or, given workspaces (src/desk/workspaces.ts),
 * from the workspace of each interaction's server. Resolves once logged in; rejects when Discord refuses the token
 * (with discord.js's message, which never contains the token).
 */
export async function startBot(config: BotConfig, desk: DeskInput | WorkspaceRouter, options: BotOptions = {}): Promise<BotHandle> {
  // Handle the desk's outcome before anything else is awaited: a rejection must never go unhandled.
  const workspaces = isRouter(desk) ? desk : undefined;
  const source: DeskSource | undefined = isRouter(desk) ? undefined : deskSource(desk);
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [config.token] });
  const commands = options.commands ?? (await loadCommands());
  source?.wait().then(
    (d) => logger.info({ articles: d.ctx.corpus.articles.length, warnings: d.ctx.corpus.warnings.length }, 'corpus loaded'),
    (error: unknown) => logger.error({ err: error, corpusDir: config.corpusDir }, 'the corpus failed to load; commands will say so'),
  );

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiUrl },
    allowedMentions: { parse: [] },
  });

  const rateLimiter = options.rateLimit === false ? null : new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...(options.rateLimit ?? {}) });
  const tasks = options.tasks ? createDeskRuntime(options.tasks.workspaces, options.tasks, discordPoster(client, options.tasks.workspaces.mode), logger) : null;
  const dispatch = createDispatcher({
    commands,
    ...(source ? { desk: source } : {}),
    ...(workspaces ? { workspaces } : {}),
    logger,
    rateLimiter,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(tasks ? { services: tasks.services } : {}),
  });
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction) => {
    // The dispatcher never throws; should it, one interaction fails, not the process.
    if (accepting) dispatch(interaction).catch((error: unknown) => logger.error({ err: error, interaction: interaction.id }, 'dispatcher failed'));
  });
  // Interaction types discord.js does not know never reach the dispatcher: answer them from the raw packet.
  const note = unregisteredNote([...commands.keys()].map((n) => `/${n}`).join(', '));
  (client as NodeJS.EventEmitter).on(Events.Raw, (packet: { t?: string; d?: Parameters<typeof droppedByDiscordJs>[0] }) => {
    if (accepting && packet.t === 'INTERACTION_CREATE' && packet.d && droppedByDiscordJs(packet.d)) void answerDropped(client.rest, packet.d, note, logger);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord.js warning'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  // discord.js retries rate-limited requests itself; say so in the log (routes only: paths hold interaction tokens).
  client.rest.on('rateLimited', (info) => logger.warn({ route: info.route, method: info.method, retryAfter: info.retryAfter, global: info.global }, 'rate limit reached; waiting'));
  client.rest.on('response', (request, response) => {
    if (response.status === 429) {
      logger.warn({ route: request.route, method: request.method, retryAfter: response.headers.get('retry-after') }, 'rate limited by Discord; retrying');
    }
  });

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info({ user: c.user.tag, guilds: c.guilds.cache.size, commands: [...commands.keys()] }, 'bot ready');
      // Feeds and briefings start once the bot can post (a briefing missed while down is posted now, marked late).
      if (!stopped) tasks?.start();
      resolve();
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    accepting = false;
    await Promise.all([dispatch.drain(), tasks?.stop()]);
    await client.destroy();
    logger.info('bot stopped');
  };

  try {
    await client.login(config.token);
  } catch (error) {
    await stop();
    throw error;
  }
  return { client, logger, tasks, ready, stop };
}
