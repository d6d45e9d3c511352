/**
 * The bot as an HTTP interactions endpoint (`npm run serve`): the same commands and the same dispatcher as the
 * gateway bot (src/bot/client.ts), behind the signed endpoint of http-interactions.ts. Stateless: run as many
 * replicas as you like behind a load balancer (over one database, so that they answer the same).
 */
import type { AddressInfo } from 'node:net';
import { loadCommands, type Command } from '../../commands/index.ts';
import type { BotConfig } from './config.ts';
import { isRouter } from './client.ts';
import { createDispatcher, deskSource, DEFAULT_RATE_LIMIT, type DeskInput, type DeskSource, type WorkspaceRouter } from './dispatcher.ts';
import { createInteractionEndpoint, type InteractionEndpoint } from './http-interactions.ts';
import { createLogger, type Logger } from './logger.ts';
import { RateLimiter, type RateLimitOptions } from './rate-limit.ts';

export interface HttpBotOptions {
  /** The port (0: any free one); `host` defaults to all interfaces. */
  port: number;
  host?: string;
  logger?: Logger;
  commands?: ReadonlyMap<string, Command>;
  deferAfterMs?: number;
  rateLimit?: RateLimitOptions | false;
}

export interface HttpBotHandle {
  endpoint: InteractionEndpoint;
  logger: Logger;
  /** The port it listens on. */
  port: number;
  /** Stops taking requests, finishes the answers in flight, closes. Idempotent. */
  stop(): Promise<void>;
}

/** Starts the endpoint over one desk, or over workspaces (each interaction answered from its server's), as startBot. */
export async function startHttpBot(config: BotConfig, desk: DeskInput | WorkspaceRouter, options: HttpBotOptions): Promise<HttpBotHandle> {
  if (!config.publicKey) throw new Error('newsdesk: the HTTP interactions endpoint needs DISCORD_PUBLIC_KEY');
  const workspaces = isRouter(desk) ? desk : undefined;
  const source: DeskSource | undefined = isRouter(desk) ? undefined : deskSource(desk);
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [config.token] });
  const commands = options.commands ?? (await loadCommands());
  source?.wait().then(
    (d) => logger.info({ articles: d.ctx.corpus.articles.length }, 'corpus loaded'),
    (error: unknown) => logger.error({ err: error }, 'the corpus failed to load; commands will say so'),
  );
  const rateLimiter = options.rateLimit === false ? null : new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...(options.rateLimit ?? {}) });
  const dispatch = createDispatcher({ commands, ...(source ? { desk: source } : {}), ...(workspaces ? { workspaces } : {}), logger, rateLimiter, ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}) });
  let accepting = true;
  const endpoint = createInteractionEndpoint({
    publicKey: config.publicKey,
    token: config.token,
    apiUrl: config.apiUrl,
    logger,
    dispatch: (interaction) => (accepting ? dispatch(interaction) : undefined),
  });
  await new Promise<void>((resolve, reject) => {
    endpoint.server.once('error', reject);
    endpoint.server.listen(options.port, options.host, () => resolve());
  });
  const port = (endpoint.server.address() as AddressInfo).port;
  logger.info({ port, commands: [...commands.keys()] }, 'interactions endpoint ready');
  let stopped = false;
  return {
    endpoint,
    logger,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      accepting = false;
      await dispatch.drain();
      await endpoint.close();
      logger.info('interactions endpoint stopped');
    },
  };
}
