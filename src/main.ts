/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the corpus folder. */
import { loadDotenv } from './env.ts';
import { LiveNewsdesk } from './live/host.ts';
import { runConsole } from './console.ts';
import { settings } from './config.ts';

loadDotenv();

if (process.env.DISCORD_TOKEN) {
  const { loadConfig } = await import('./bot/config.ts');
  const { startBot } = await import('./bot/client.ts');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  // The live host re-indexes when files in the corpus folder change, and keeps serving the old answers meanwhile.
  let log: ((level: 'info' | 'error', fields: object, message: string) => void) | undefined;
  const live = LiveNewsdesk.open({
    corpusDir: config.corpusDir,
    onUpdate: (desk) => log?.('info', { articles: desk.ctx.corpus.articles.length, warnings: desk.ctx.corpus.warnings.length }, 'corpus re-indexed'),
    onError: (error) => log?.('error', { err: error }, 'corpus re-index failed; still answering from the previous index'),
  });
  const handle = await startBot(config, live);
  log = (level, fields, message) => handle.logger[level](fields, message);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    handle.logger.info({ signal }, 'shutting down: finishing answers in flight');
    handle
      .stop()
      .then(() => live.then((l) => l.close(), () => undefined))
      .then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} else {
  const corpusDir = settings().corpusDir;
  const live = LiveNewsdesk.open({ corpusDir });
  live.then(
    (l) => {
      for (const w of l.desk.ctx.corpus.warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
    },
    (error) => {
      process.stderr.write(`Cannot read the corpus folder ${corpusDir}: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
  await runConsole(live);
  await (await live).close();
}
