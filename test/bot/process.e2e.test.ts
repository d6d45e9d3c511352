/**
 * End to end with the real process (`npm start` / `node src/main.ts`) against the fake Discord: a malformed gateway
 * payload does not kill it, SIGTERM to `npm start` stops the bot itself (no orphan), and SIGTERM during a re-index
 * shuts down without finishing the re-index, answering what was in flight.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fake-discord/server.ts';
import { chatInputInteraction } from '../fake-discord/payloads.ts';
import { SEED_CORPUS } from '../fake-discord/harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Running {
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

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startProcess(how: 'npm' | 'node'): Promise<Running> {
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

function article(n: number): string {
  const towns = ['Arden', 'Bexley', 'Corran', 'Dunmore', 'Elston', 'Fenwick'];
  const town = towns[n % towns.length];
  return `---\ntitle: ${town} council report ${n}\npublished: 2022-0${(n % 9) + 1}-1${n % 10}\nsource: Valley Courier\n---\n` +
    `The ${town} council voted on Tuesday to repair bridge ${n} before the spring floods, officials said.\n\n` +
    `"We cannot wait another winter," the council leader Mara Voss said after the vote on bridge ${n}.\n\n` +
    `Engineers from the regional roads agency estimated the repairs at ${n * 1000 + 500} euros and said work would start in March.\n\n` +
    `Residents of ${town} had complained for months about lorries using the old route, the Valley Courier reported.\n`;
}

describe('the bot process', () => {
  it('survives a malformed INTERACTION_CREATE (type 2, data.type 2, no resolved) and keeps answering', async () => {
    const bot = await startProcess('node');
    const malformed = chatInputInteraction(bot.fake.ids, 'Quote user', []);
    malformed.data = { id: malformed.data.id, name: 'Quote user', type: 2, target_id: bot.fake.ids.userId };
    bot.fake.dispatch('INTERACTION_CREATE', malformed);
    const logged = await bot.logged((l) => /uncaught exception|unhandled promise rejection/.test(String(l.msg)));
    expect(logged.reference).toMatch(/^[0-9a-f]{8}$/);
    const reply = await bot.fake.reply(bot.fake.command('ask', { question: 'How much did the US seize?' }), 20_000);
    expect(reply.data.embeds[0].description).toContain('$9.5 billion');
    expect(bot.child.exitCode).toBeNull();
  });

  it('SIGTERM to `npm start` stops the bot process itself: nothing is left running', async () => {
    const bot = await startProcess('npm');
    const pid = bot.logs.find((l) => l.msg === 'bot ready')!.pid as number;
    expect(alive(pid)).toBe(true);
    bot.child.kill('SIGTERM');
    await bot.exited;
    await waitUntil(() => !alive(pid), 20_000, `the bot process ${pid} to end after npm start got SIGTERM`);
    expect(bot.logs.some((l) => l.msg === 'bot stopped')).toBe(true);
  });

  it('SIGTERM during a re-index shuts down without finishing it, after answering what was in flight', async () => {
    const bot = await startProcess('node');
    const manifest = () => {
      const dir = path.join(bot.cache, 'corpora');
      return readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    };
    expect(manifest()).not.toContain('bridge-0.md');
    const rebuilding = bot.logs.length;
    for (let n = 0; n < 300; n++) writeFileSync(path.join(bot.corpus, `bridge-${n}.md`), article(n));
    await bot.logged((l) => l.msg?.startsWith('rebuilding the index') && bot.logs.indexOf(l) >= rebuilding);
    const inFlight = bot.fake.command('ask', { question: 'How much did the US seize?' });
    await bot.fake.waitFor(() => bot.fake.callsFor(inFlight).some((c) => c.path.endsWith('/callback')), 20_000);
    bot.child.kill('SIGTERM');
    const code = await bot.exited;
    expect(code).toBe(0);
    const reply = await bot.fake.reply(inFlight, 1000);
    expect(reply.data.embeds[0].description).toContain('$9.5 billion');
    const messages = bot.logs.map((l) => l.msg);
    expect(messages).toContain('bot stopped');
    // The re-index was abandoned, not finished first: it never swapped in, and its result was never recorded.
    expect(messages.slice(messages.indexOf('shutting down: finishing answers in flight'))).not.toContain('corpus re-indexed');
    expect(messages).not.toContain('corpus re-indexed');
    expect(manifest()).not.toContain('bridge-0.md');
  });
});
