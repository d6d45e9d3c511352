/**
 * Structured logs (pino, one JSON object per line) that never contain a secret: the bot token, `Bot …`
 * authorization values and interaction tokens (inside webhook and callback URLs) are replaced by "[redacted]" in
 * every line, whatever field or error stack they hide in.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

export interface LoggerOptions {
  level?: LogLevel;
  /** Strings to scrub from every line (the bot token). */
  secrets?: ReadonlyArray<string | null | undefined>;
  /** Where lines go (default: stdout). Tests pass a memory stream. */
  destination?: DestinationStream;
}

const REDACTED = '[redacted]';

/** Replaces secrets and token-shaped parts of URLs in one log line. */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join(REDACTED);
  return out
    .replace(/(\bBot\s+)[A-Za-z0-9._-]{20,}/g, `$1${REDACTED}`)
    .replace(/(\/webhooks\/\d+\/)[^/?\s"\\]+/g, `$1${REDACTED}`)
    .replace(/(\/interactions\/\d+\/)[^/?\s"\\]+/g, `$1${REDACTED}`);
}

/** A pino logger whose every line is scrubbed of secrets before it is written. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const target: DestinationStream = options.destination ?? pino.destination({ dest: 1, sync: true });
  const scrubbing: DestinationStream = { write: (line: string) => target.write(scrubSecrets(line, secrets)) };
  return pino(
    {
      name: 'newsdesk',
      level: options.level ?? 'info',
      // Belt and braces: fields that hold secrets by name never reach the line at all.
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'config.token'], censor: REDACTED },
      base: { pid: process.pid },
    },
    scrubbing,
  );
}
