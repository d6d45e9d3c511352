/**
 * The real bot process (`npm start`, or node on src/main.ts) against a fresh fake Discord, on a temporary copy of the
 * seed corpus and an empty cache, with its JSON log lines parsed as they come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeDiscord } from './server.ts';
import { SEED_CORPUS } from './harness.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Running {
  child: ChildProcess;
  fake: FakeDiscord;
  corpus: string;
  cache: string;
  /** Parsed JSON log lines so far. */
  logs: Array<Record<string, any>>;
  exited: Promise<number | null>;
  /** Resolves with the first log line matching. */
  logged(match: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
}


export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the bot; `cleanup` receives what stops it and removes its folders (call it after the test). */
export async function startProcess(how: 'npm' | 'node', cleanup: Array<() => Promise<void> | void>): Promise<Running> {
  const fake = await new FakeDiscord().start();
  const corpus = mkdtempSync(path.join(tmpdir(), 'nd-proc-corpus-'));
  const cache = mkdtempSync(path.join(tmpdir(), 'nd-proc-cache-'));
  cpSync(SEED_CORPUS, corpus, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: corpus, NEWSDESK_CACHE_DIR: cache, LOG_LEVEL: 'debug' };
  for (const name of ['SHARDS', 'SHARD_COUNT', 'DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_OPTIONS']) delete env[name];
  const child = how === 'npm' ? spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Array<Record<string, any>> = [];
  const waiters: Array<{ match: (l: Record<string, any>) => boolean; resolve: (l: Record<string, any>) => void }> = [];
  let buffered = '';
  child.stdout!.on('data', (chunk) => {
    buffered += String(chunk);
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as Record<string, any>;
      logs.push(parsed);
      for (const w of [...waiters]) if (w.match(parsed)) waiters.splice(waiters.indexOf(w), 1), w.resolve(parsed);
    }
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: Running = {
    child,
    fake,
    corpus,
    cache,
    logs,
    exited,
    logged(match, timeoutMs = 60_000) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such log line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
        waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      });
    },
  };
  cleanup.push(async () => {
    const pids = [...new Set(logs.map((l) => l.pid as number))];
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await fake.stop();
    rmSync(corpus, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });
  await running.logged((l) => l.msg === 'bot ready');
  await running.logged((l) => l.msg === 'corpus loaded');
  return running;
}

/** A made-up local news article, distinct per `n`. */
export function article(n: number): string {
  const towns = ['Arden', 'Bexley', 'Corran', 'Dunmore', 'Elston', 'Fenwick'];
  const town = towns[n % towns.length];
  return `---\ntitle: ${town} council report ${n}\npublished: 2022-0${(n % 9) + 1}-1${n % 10}\nsource: Valley Courier\n---\n` +
    `The ${town} council voted on Tuesday to repair bridge ${n} before the spring floods, officials said.\n\n` +
    `"We cannot wait another winter," the council leader Mara Voss said after the vote on bridge ${n}.\n\n` +
    `Engineers from the regional roads agency estimated the repairs at ${n * 1000 + 500} euros and said work would start in March.\n\n` +
    `Residents of ${town} had complained for months about lorries using the old route, the Valley Courier reported.\n`;
}

