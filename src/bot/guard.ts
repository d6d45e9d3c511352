/**
 * Process guards for the bot: an error nobody caught is logged with a reference id instead of killing the process.
 * The bot stays up when that is safe — a rejected promise nobody awaited, or an exception thrown while discord.js
 * turned one gateway payload into objects (a malformed payload: only that event is lost) — and otherwise shuts down
 * cleanly (answers in flight finished, exit code 1 for the supervisor to restart it), as it does when faults come
 * too fast to be isolated ones.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from './logger.ts';

export interface GuardOptions {
  logger: Logger;
  /** Called once when the process must restart: stop cleanly, then exit with code 1. */
  restart: (reason: string) => void;
  /** More uncaught faults than this within a minute means the state is not healthy: restart. */
  maxPerMinute?: number;
}

/** Frames of the libraries that parse gateway payloads: a throw from there loses one event, not the bot's state. */
const PAYLOAD_PARSING = /node_modules[\\/](discord\.js|@discordjs)[\\/]/;

/** Whether an uncaught exception is one the bot can outlive. */
export function survivable(error: unknown): boolean {
  if (!(error instanceof Error) || !error.stack) return false;
  // The top frame decides where it went wrong: inside discord.js building an object from a payload.
  const frame = error.stack.split('\n').find((line) => line.trimStart().startsWith('at '));
  return frame !== undefined && PAYLOAD_PARSING.test(frame);
}

/** Installs the guards; returns a function that removes them. */
export function installProcessGuards(options: GuardOptions): () => void {
  const { logger, restart } = options;
  const maxPerMinute = options.maxPerMinute ?? 20;
  const recent: number[] = [];
  const tooMany = () => {
    const now = Date.now();
    recent.push(now);
    while (recent.length && recent[0]! < now - 60_000) recent.shift();
    return recent.length > maxPerMinute;
  };
  const onRejection = (reason: unknown) => {
    const reference = randomBytes(4).toString('hex');
    logger.error({ reference, err: reason }, 'unhandled promise rejection; the bot keeps running');
    if (tooMany()) restart(`too many faults in a minute (last reference ${reference})`);
  };
  const onException = (error: Error) => {
    const reference = randomBytes(4).toString('hex');
    if (survivable(error) && !tooMany()) {
      logger.error({ reference, err: error }, 'uncaught exception while reading a gateway event; that event was dropped, the bot keeps running');
      return;
    }
    logger.fatal({ reference, err: error }, 'uncaught exception; restarting cleanly');
    restart(`uncaught exception (reference ${reference})`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
