/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the corpus folder. */
import path from 'node:path';
import { loadDotenv } from './env.ts';
import { Newsdesk } from './newsdesk.ts';
import { runConsole } from './console.ts';

loadDotenv();
const corpusDir = path.resolve(process.env.CORPUS_DIR || 'corpus');

if (process.env.DISCORD_TOKEN) {
  const { startFromEnvironment } = await import('./bot/start.ts');
  await startFromEnvironment(corpusDir);
} else {
  const desk = Newsdesk.open({ corpusDir });
  desk.then(
    (d) => {
      const warnings = d.ctx.corpus.warnings;
      for (const w of warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
    },
    (error) => {
      process.stderr.write(`Cannot read the corpus folder ${corpusDir}: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
  await runConsole(desk);
}
