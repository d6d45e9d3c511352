/**
 * newsdesk's settings, read from the environment (and `.env`, via dotenv) in one place and validated: a bad value is
 * an error naming the variable and what is wrong (never a silent `NaN`). Every module that needs a setting asks
 * `settings()`; nothing else reads `process.env`. The bot's own secrets and ids stay in src/bot/config.ts.
 *
 * To add a setting: a field in `Settings`, one line in `readSettings` using the readers below, and a line in
 * `.env.example` and the README's configuration table.
 */
import path from 'node:path';
import { loadDotenv } from './env.ts';

export interface Settings {
  /** CORPUS_DIR: the articles folder, absolute (default `corpus`). */
  corpusDir: string;
  /** NEWSDESK_CACHE_DIR: where extractions and index segments are cached, absolute, or null for the default. */
  cacheDir: string | null;
  /** NEWSDESK_MAX_FILE_MB, in bytes: larger files are skipped with a warning (default 10 MB). */
  maxFileBytes: number;
  /** NEWSDESK_FONT: a .ttf/.otf for the timeline picture, or null for DejaVu Sans. */
  font: string | null;
  // --- feeds and scheduled briefings (issue 9)
  /** NEWSDESK_FEED_INTERVAL_S, in milliseconds: how often each feed is polled (default 900 s; at least 60 s). */
  feedIntervalMs: number;
  /** NEWSDESK_TIMEZONE: the IANA time zone of a scheduled briefing that names none (default UTC). */
  timezone: string;
  // --- team desks (issue 9): workspaces, adding from chat -----------------------------------------------------
  /** NEWSDESK_WORKSPACES: `shared` (one corpus for every server, default) or `guild` (a folder per server). */
  workspaces: 'shared' | 'guild';
  /** NEWSDESK_ALLOW_PRIVATE_URLS: let /add and feeds fetch loopback/private addresses (intranets, tests). */
  allowPrivateUrls: boolean;
  /** NEWSDESK_WORKSPACE_IDLE_S, in ms: a guild workspace unused this long is unloaded (default 15 minutes). */
  workspaceIdleMs: number;
  /** NEWSDESK_MAX_LOADED_WORKSPACES: at most this many guild workspaces in memory; the least recently used go first. */
  maxLoadedWorkspaces: number;
  /** NEWSDESK_FETCH_TIMEOUT_S, in ms: a link must answer within this (default 15 s). */
  fetchTimeoutMs: number;
  // --- beyond one machine (issue 10): PostgreSQL, workers, sharded and HTTP bot processes -------------------------
  /** DATABASE_URL: PostgreSQL holds the desks, jobs and index when set; null for the embedded folders. */
  databaseUrl: string | null;
  /** NEWSDESK_SHARDS: gateway shards for `npm start` (`auto`: as many as Discord recommends). */
  shards: number | 'auto';
  /** NEWSDESK_HTTP_PORT: the port of the HTTP interactions endpoint (`npm run serve`; default 8080). */
  httpPort: number;
  /** NEWSDESK_JOB_TIMEOUT_S: a job running longer (its worker died) is run again (default 300). */
  jobTimeoutSeconds: number;
  /** LOG_LEVEL, for the processes that are not the bot (worker, HTTP endpoint, import). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** A setting with a bad value: one line per variable that is wrong. */
export class SettingsError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** Reads values of one environment, collecting every problem before throwing. */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The trimmed value, or undefined when unset or empty. */
  string(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v ? v : undefined;
  }

  /** A finite number within [min, max]; `fallback` when unset. */
  number(name: string, fallback: number, { min = -Infinity, max = Infinity, integer = false } = {}): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      const kind = integer ? 'a whole number' : 'a number';
      const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
      this.problems.push(`${name} must be ${kind} ${range}, not "${raw.slice(0, 40)}".`);
      return fallback;
    }
    return n;
  }

  /** true/false (also 1/0, yes/no, on/off); `fallback` when unset. */
  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, not "${raw.slice(0, 40)}".`);
    return fallback;
  }

  /** One of `choices`; `fallback` when unset. */
  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${choices.join(', ')}, not "${raw.slice(0, 40)}".`);
    return fallback;
  }

  /** An IANA time zone name (`Europe/Paris`, `UTC`), as the platform's Intl knows them; `fallback` when unset. */
  timeZone(name: string, fallback: string): string {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const zone = canonicalTimeZone(raw);
    if (zone) return zone;
    this.problems.push(`${name} must be an IANA time zone such as Europe/London or America/New_York, not "${raw.slice(0, 40)}".`);
    return fallback;
  }

  /** Throws SettingsError when any value read so far was bad. */
  check(): void {
    if (this.problems.length) throw new SettingsError(this.problems);
  }
}

/** The canonical spelling of an IANA time zone (`europe/paris` → `Europe/Paris`), or null when there is no such zone. */
export function canonicalTimeZone(name: string): string | null {
  if (!name || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Reads and validates the settings of `env` (throws SettingsError listing every bad variable). */
export function readSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const read = new EnvReader(env);
  const cacheDir = read.string('NEWSDESK_CACHE_DIR');
  const settings: Settings = {
    corpusDir: path.resolve(cwd, read.string('CORPUS_DIR') ?? 'corpus'),
    cacheDir: cacheDir ? path.resolve(cwd, cacheDir) : null,
    maxFileBytes: read.number('NEWSDESK_MAX_FILE_MB', 10, { min: 0.001, max: 1024 }) * 1024 * 1024,
    font: read.string('NEWSDESK_FONT') ?? null,
    // --- feeds and scheduled briefings (issue 9)
    feedIntervalMs: read.number('NEWSDESK_FEED_INTERVAL_S', 900, { min: 60, max: 7 * 24 * 3600, integer: true }) * 1000,
    timezone: read.timeZone('NEWSDESK_TIMEZONE', 'UTC'),
    // --- team desks (issue 9)
    workspaces: read.oneOf('NEWSDESK_WORKSPACES', ['shared', 'guild'] as const, 'shared'),
    allowPrivateUrls: read.boolean('NEWSDESK_ALLOW_PRIVATE_URLS', false),
    workspaceIdleMs: read.number('NEWSDESK_WORKSPACE_IDLE_S', 900, { min: 1, max: 7 * 86400 }) * 1000,
    maxLoadedWorkspaces: read.number('NEWSDESK_MAX_LOADED_WORKSPACES', 50, { min: 1, max: 100_000, integer: true }),
    fetchTimeoutMs: read.number('NEWSDESK_FETCH_TIMEOUT_S', 15, { min: 0.1, max: 300 }) * 1000,
    // --- beyond one machine (issue 10) ---
    databaseUrl: databaseUrl(read),
    shards: shardCount(read),
    httpPort: read.number('NEWSDESK_HTTP_PORT', 8080, { min: 0, max: 65535, integer: true }),
    jobTimeoutSeconds: read.number('NEWSDESK_JOB_TIMEOUT_S', 300, { min: 1, max: 86_400, integer: true }),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  };
  read.check();
  return settings;
}

/** DATABASE_URL, checked to be a postgres:// URL (its password is never repeated in an error). */
function databaseUrl(read: EnvReader): string | null {
  const raw = read.string('DATABASE_URL');
  if (raw === undefined) return null;
  let ok = false;
  try {
    ok = ['postgres:', 'postgresql:'].includes(new URL(raw).protocol);
  } catch {
    ok = false;
  }
  if (!ok) read.problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  return ok ? raw : null;
}

/** NEWSDESK_SHARDS: `auto` (the default) or a whole number of shards from 1 to 1024. */
function shardCount(read: EnvReader): number | 'auto' {
  const raw = read.string('NEWSDESK_SHARDS')?.toLowerCase();
  if (raw === undefined || raw === 'auto') return 'auto';
  return read.number('NEWSDESK_SHARDS', 1, { min: 1, max: 1024, integer: true });
}

let current: Settings | undefined;

/** The process's settings, read once (after loading `.env`). */
export function settings(): Settings {
  if (!current) {
    loadDotenv();
    current = readSettings();
  }
  return current;
}

/** Forgets the settings read so far (tests that change the environment). */
export function resetSettings(): void {
  current = undefined;
}
