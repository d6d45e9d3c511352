/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the corpus folder. */
import path from 'node:path';
import { loadDotenv } from './env.ts';
import { Newsdesk } from './newsdesk.ts';
import { runConsole } from './console.ts';

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
  const handle = await startBot(config, Newsdesk.open({ corpusDir: config.corpusDir }));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    handle.logger.info({ signal }, 'shutting down: finishing answers in flight');
    handle.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} else {
  const corpusDir = path.resolve(process.env.CORPUS_DIR || 'corpus');
  const desk = Newsdesk.open({ corpusDir });
  desk.then(
    (d) => {
      for (const w of d.ctx.corpus.warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
    },
    (error) => {
      process.stderr.write(`Cannot read the corpus folder ${corpusDir}: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
  await runConsole(desk);
}
