/**
 * `npm run serve`: the bot as an HTTP interactions endpoint on NEWSDESK_HTTP_PORT (Discord's "Interactions Endpoint
 * URL" points at it, through your TLS proxy / load balancer). Needs DISCORD_TOKEN and DISCORD_PUBLIC_KEY; answers
 * from PostgreSQL's desks when DATABASE_URL is set (run any number of replicas), else from the corpus folder.
 */
import { loadConfig } from './bot/config.ts';
import { startHttpBot } from './bot/http-bot.ts';
import { createLogger } from './bot/logger.ts';
import { settings } from './config.ts';
import { openWorkspaces } from './desk/open-workspaces.ts';

let config;
let scale;
try {
  config = loadConfig({ requirePublicKey: true });
  scale = settings();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
const desks = await openWorkspaces(scale, {
  live: {
    onUpdate: (desk) => logger.info({ articles: desk.ctx.corpus.articles.length }, 'corpus re-indexed'),
    onError: (err) => logger.error({ err }, 'corpus re-index failed; still answering from the previous index'),
  },
  onDatabaseError: (err) => logger.warn({ err }, 'database connection problem; retrying'),
}).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
// Load the shared desk now rather than on the first interaction.
if (desks.manager.mode === 'shared') void desks.manager.open('shared').catch((err) => logger.error({ err }, 'the shared desk failed to load'));
const handle = await startHttpBot(config, desks.manager, { port: scale.httpPort, logger });

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing answers in flight');
  handle
    .stop()
    .then(() => desks.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
