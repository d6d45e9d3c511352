/**
 * Many processes over one PostgreSQL, for real: a gateway bot (`npm start`), an HTTP interactions endpoint
 * (`npm run serve`) and a worker (`npm run worker`) as child processes, with the fake Discord and a local web server.
 * An article added through either bot is answered by the other within 2 s; a worker killed with SIGKILL in the middle
 * of its jobs loses nothing and doubles nothing once a worker runs again; with the gateway bot killed, the endpoint
 * keeps answering; a forged signature gets 401.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobs, enqueueIngest, INGEST_QUEUE, type IngestJob } from '../../src/pg/jobs.ts';
import { MANAGER_PERMISSIONS } from '../fake-discord/payloads.ts';
import { FakeDiscord } from '../fake-discord/server.ts';
import { newsArticle } from '../helpers/news.ts';
import { describePg, useFreshDatabase } from '../helpers/postgres.ts';
import { eventually, freePort, NewsdeskProcess } from '../helpers/processes.ts';
import { TestWebServer } from '../helpers/web-server.ts';

/** The promise: an article added through any process is answered by every process within 2 s. */
const PROPAGATION_MS = 2000;
// The editor is not the user who asks: the asking in a loop below must not spend the editor's rate limit.
const manager = { permissions: MANAGER_PERMISSIONS, userId: '777777777777777777' };

describePg('processes over one database', () => {
  const fresh = useFreshDatabase();
  let fake: FakeDiscord;
  let web: TestWebServer;
  let endpoint: string;
  let env: NodeJS.ProcessEnv;
  let db: pg.Pool;
  let boss: PgBoss;
  const temp: string[] = [];
  const children: NewsdeskProcess[] = [];
  let gateway: NewsdeskProcess;
  let http: NewsdeskProcess;
  let worker: NewsdeskProcess;

  function start(name: string, entry: string): NewsdeskProcess {
    const p = new NewsdeskProcess(name, entry, env);
    children.push(p);
    return p;
  }

  /** The passages an answer shows (embed descriptions: not its title, which repeats the question). */
  function passages(data: any): string {
    return (data.embeds ?? []).map((e: { description?: string }) => e.description ?? '').join('\n');
  }

  /** Asks over the HTTP endpoint; the passages of the answer shown. */
  async function askOverHttp(question: string): Promise<string> {
    const payload = fake.commandPayload('ask', { question });
    const res = await fake.deliver(endpoint, payload);
    if (res.status !== 200) throw new Error(`endpoint answered ${res.status}`);
    return passages((await fake.reply(payload)).data);
  }

  async function askOverGateway(question: string): Promise<string> {
    return passages((await fake.reply(fake.command('ask', { question }))).data);
  }

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    web = await new TestWebServer().start();
    const corpus = mkdtempSync(path.join(tmpdir(), 'newsdesk-scale-corpus-'));
    const cache = mkdtempSync(path.join(tmpdir(), 'newsdesk-scale-cache-'));
    temp.push(corpus, cache);
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}/interactions`;
    env = { ...process.env };
    for (const name of ['SHARDS', 'SHARD_COUNT', 'SHARDING_MANAGER', 'DISCORD_GUILD_ID', 'DISCORD_CLIENT_ID', 'NEWSDESK_SHARDS']) delete env[name];
    Object.assign(env, {
      DATABASE_URL: fresh.url,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_PUBLIC_KEY: fake.publicKey,
      NEWSDESK_HTTP_PORT: String(port),
      CORPUS_DIR: corpus,
      NEWSDESK_CACHE_DIR: cache,
      NEWSDESK_WORKSPACES: 'shared',
      NEWSDESK_ALLOW_PRIVATE_URLS: 'true',
      NEWSDESK_JOB_TIMEOUT_S: '3',
      LOG_LEVEL: 'info',
    });
    db = new pg.Pool({ connectionString: fresh.url, max: 2 });
    // Migrations run by whichever process starts first; the gateway bot and the endpoint start together.
    gateway = start('gateway bot', 'src/main.ts');
    http = start('http endpoint', 'src/serve.ts');
    worker = start('worker', 'src/worker.ts');
    await Promise.all([gateway.waitForLine(/"bot ready"/), http.waitForLine(/"interactions endpoint ready"/), worker.waitForLine(/"worker ready"/)]);
    boss = await startJobs(fresh.url, { timeoutSeconds: 3 });
  }, 120_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    await db?.end();
    await fake?.stop();
    await web?.stop();
    for (const d of temp) rmSync(d, { recursive: true, force: true });
  });

  it('an article added through the gateway bot is answered by the HTTP endpoint within 2 s, and the other way round', async () => {
    web.page('/ferry.txt', newsArticle('quillfeather ferry', 'Ines Marlow'), 'text/plain; charset=utf-8');
    expect(await askOverHttp('quillfeather ferry')).not.toContain('quillfeather');
    const added = await fake.reply(fake.command('add', { url: web.url('/ferry.txt') }, manager), 30_000);
    expect(JSON.stringify(added.data)).toMatch(/Added/);
    await eventually(async () => (await askOverHttp('quillfeather ferry')).includes('quillfeather'), PROPAGATION_MS, 'the endpoint answers from the article the gateway bot added');

    web.page('/tunnel.txt', newsArticle('brimblewick tunnel', 'Otto Senn'), 'text/plain; charset=utf-8');
    const payload = fake.commandPayload('add', { url: web.url('/tunnel.txt') }, manager);
    expect((await fake.deliver(endpoint, payload)).status).toBe(200);
    expect(JSON.stringify((await fake.reply(payload, 30_000)).data)).toMatch(/Added/);
    await eventually(async () => (await askOverGateway('brimblewick tunnel')).includes('brimblewick'), PROPAGATION_MS, 'the gateway bot answers from the article the endpoint added');
  });

  it('a worker killed with SIGKILL in the middle of its jobs loses nothing and stores nothing twice', async () => {
    const workspace = '555555555555555555';
    const total = 200;
    const jobs: IngestJob[] = Array.from({ length: total }, (_, i) => ({
      workspace,
      name: `batch/${String(i).padStart(3, '0')}.txt`,
      content: Buffer.from(newsArticle(`harbour item ${i}`, 'Lena Vos', i)).toString('base64'),
    }));
    // The same file twice: stored once.
    jobs.push({ ...jobs[0]! });
    await enqueueIngest(boss, jobs);
    const stored = async () => Number((await db.query('SELECT count(*) AS n FROM articles WHERE workspace = $1', [workspace])).rows[0].n);
    const active = async () => Number((await db.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'active'`, [INGEST_QUEUE])).rows[0].n);
    // Kill it while it holds jobs, after it has stored some.
    await eventually(async () => (await stored()) >= 3 && (await active()) > 0, 60_000, 'the worker is in the middle of its jobs');
    await worker.kill('SIGKILL');
    const abandoned = await active();
    const before = await stored();
    expect(before).toBeLessThan(total);
    expect(abandoned).toBeGreaterThan(0);

    worker = start('worker (again)', 'src/worker.ts');
    await worker.waitForLine(/"worker ready"/);
    await eventually(
      async () => Number((await db.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, [INGEST_QUEUE])).rows[0].n) === 0,
      90_000,
      'every job done',
    );
    expect(await stored()).toBe(total);
    const { rows } = await db.query('SELECT count(DISTINCT hash) AS hashes, count(*) AS n FROM articles WHERE workspace = $1', [workspace]);
    expect(Number(rows[0].hashes)).toBe(total);
    const extracted = await db.query('SELECT count(*) AS n FROM extractions e WHERE e.hash IN (SELECT hash FROM articles WHERE workspace = $1)', [workspace]);
    expect(Number(extracted.rows[0].n)).toBe(total);
    const failed = await db.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'failed'`, [INGEST_QUEUE]);
    expect(Number(failed.rows[0].n)).toBe(0);
    // The abandoned jobs ran again.
    const retried = await db.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND retry_count > 0`, [INGEST_QUEUE]);
    expect(Number(retried.rows[0].n)).toBeGreaterThan(0);
  });

  it('with the gateway bot killed, the endpoint keeps answering, and a forged signature gets 401', async () => {
    await gateway.kill('SIGKILL');
    expect(await askOverHttp('quillfeather ferry')).toContain('quillfeather');
    const forged = await fake.deliver(endpoint, fake.commandPayload('ask', { question: 'quillfeather ferry' }), 'forged');
    expect(forged.status).toBe(401);
    const unsigned = await fake.deliver(endpoint, fake.commandPayload('ask', { question: 'quillfeather ferry' }), 'none');
    expect(unsigned.status).toBe(401);
  });
});
