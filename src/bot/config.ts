/**
 * The bot's configuration from the environment (and `.env`, via dotenv), validated: a wrong value stops the start
 * with a message naming the variable and what is wrong. Secrets are never echoed back.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { loadDotenv } from '../env.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Discord's own REST base URL; discord.js appends `/v10/...`. */
export const DEFAULT_API_URL = 'https://discord.com/api';

export interface BotConfig {
  /** DISCORD_TOKEN: the bot token (a secret: never logged). */
  token: string;
  /** DISCORD_CLIENT_ID: the application id (needed to register commands). */
  clientId: string | null;
  /** DISCORD_GUILD_ID: register commands in this server only (instant, for development). */
  guildId: string | null;
  /** CORPUS_DIR: the folder of articles, absolute. */
  corpusDir: string;
  /** LOG_LEVEL */
  logLevel: LogLevel;
  /** DISCORD_API_URL: the REST base URL (Discord's, or a REST proxy's), without a trailing slash or version. */
  apiUrl: string;
  /** DISCORD_PUBLIC_KEY: the application's Ed25519 public key (hex), for the HTTP interactions endpoint; null when unset. */
  publicKey?: string | null;
}

/** Invalid configuration: one line per variable that is wrong. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface ReadConfigOptions {
  /** Whether DISCORD_CLIENT_ID must be set (deploying commands needs it; running the bot does not). */
  requireClientId?: boolean;
  /** Check that CORPUS_DIR is a folder (default true). */
  checkCorpus?: boolean;
  /** Base for a relative CORPUS_DIR (default: the working directory). */
  cwd?: string;
  /** Whether DISCORD_PUBLIC_KEY must be set (the HTTP interactions endpoint needs it). */
  requirePublicKey?: boolean;
}

const SNOWFLAKE = /^\d{17,20}$/;
/** Three base64url segments separated by dots, as Discord bot tokens are. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** Reads and checks the configuration from `env`. Throws ConfigError listing every problem at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, options: ReadConfigOptions = {}): BotConfig {
  const problems: string[] = [];

  const token = value(env, 'DISCORD_TOKEN');
  if (!token) {
    problems.push('DISCORD_TOKEN is not set: put the bot token from the Discord developer portal (Bot → Reset Token) in .env.');
  } else if (/^Bot\s/i.test(token)) {
    problems.push('DISCORD_TOKEN starts with "Bot ": give the bare token, without the prefix.');
  } else if (!TOKEN_SHAPE.test(token)) {
    problems.push('DISCORD_TOKEN does not look like a bot token (three dot-separated parts, no spaces or quotes).');
  }

  const clientId = value(env, 'DISCORD_CLIENT_ID') ?? null;
  if (clientId === null) {
    if (options.requireClientId) problems.push('DISCORD_CLIENT_ID is not set: put the application id (General Information → Application ID) in .env.');
  } else if (!SNOWFLAKE.test(clientId)) {
    problems.push(`DISCORD_CLIENT_ID must be a numeric id of 17 to 20 digits, not "${clientId.slice(0, 40)}".`);
  }

  const guildId = value(env, 'DISCORD_GUILD_ID') ?? null;
  if (guildId !== null && !SNOWFLAKE.test(guildId)) {
    problems.push(`DISCORD_GUILD_ID must be a numeric server id of 17 to 20 digits, not "${guildId.slice(0, 40)}" (leave it empty to register globally).`);
  }

  const corpusDir = path.resolve(options.cwd ?? process.cwd(), value(env, 'CORPUS_DIR') ?? 'corpus');
  if (options.checkCorpus !== false) {
    let isDir = false;
    try {
      isDir = statSync(corpusDir).isDirectory();
    } catch {
      problems.push(`CORPUS_DIR: the folder ${corpusDir} does not exist.`);
      isDir = true;
    }
    if (!isDir) problems.push(`CORPUS_DIR: ${corpusDir} is a file, not a folder of articles.`);
  }

  const level = (value(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${level.slice(0, 40)}".`);
  }

  let apiUrl = DEFAULT_API_URL;
  const rawApi = value(env, 'DISCORD_API_URL');
  if (rawApi) {
    let url: URL | null = null;
    try {
      url = new URL(rawApi);
    } catch {
      problems.push(`DISCORD_API_URL must be an http(s) URL such as ${DEFAULT_API_URL}, not "${rawApi.slice(0, 80)}".`);
    }
    if (url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`DISCORD_API_URL must start with http:// or https://, not ${url.protocol}//.`);
      else if (url.username || url.password) problems.push('DISCORD_API_URL must not contain credentials.');
      else if (/\/v\d+\/?$/.test(url.pathname)) problems.push(`DISCORD_API_URL must not end in the API version (${url.pathname}): discord.js adds /v10 itself.`);
      else apiUrl = url.href.replace(/\/+$/, '');
    }
  }

  const publicKey = value(env, 'DISCORD_PUBLIC_KEY')?.toLowerCase() ?? null;
  if (publicKey === null) {
    if (options.requirePublicKey) problems.push('DISCORD_PUBLIC_KEY is not set: put the application\'s public key (General Information → Public Key) in .env.');
  } else if (!/^[0-9a-f]{64}$/.test(publicKey)) {
    problems.push('DISCORD_PUBLIC_KEY must be the 64 hex digits of the application\'s public key (General Information → Public Key).');
  }

  if (problems.length) throw new ConfigError(problems);
  return { token: token!, clientId, guildId, corpusDir, logLevel: level as LogLevel, apiUrl, publicKey };
}

/** Loads `.env` (without overriding the environment), then reads and checks the configuration. */
export function loadConfig(options: ReadConfigOptions = {}): BotConfig {
  loadDotenv();
  return readConfig(process.env, options);
}
