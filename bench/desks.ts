/**
 * Team desks, measured: the time from `/add` (a file, or a link served on 127.0.0.1) to the first answer that cites
 * the new article, in a workspace of a given size; and the memory an idle loaded workspace costs (many small
 * workspaces loaded, heap and RSS read before and after, with a forced GC).
 *
 *   node --expose-gc --import tsx bench/desks.ts [--workspaces 200] [--articles 3] [--sizes 0,50] [--json]
 *
 * Small by default (the machine is shared); the figures worth measuring big are the add-to-answer time in a
 * workspace of thousands of articles and the memory of thousands of workspaces.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FolderDeskStore } from '../src/desk/folder-store.ts';
import { addToWorkspace } from '../src/desk/operations.ts';
import { WorkspaceManager } from '../src/desk/workspaces.ts';
import { TestWebServer, articlePage } from '../test/helpers/web-server.ts';
import { startBotOnFake } from '../test/fake-discord/harness.ts';
import { MANAGER_PERMISSIONS } from '../test/fake-discord/payloads.ts';
import { sourceArticles } from './corpora.ts';

const { values } = parseArgs({
  options: {
    workspaces: { type: 'string', default: '200' },
    articles: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '0,50' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const WORKSPACES = Number(values.workspaces);
const PER_WORKSPACE = Number(values.articles);
const SIZES = String(values.sizes).split(',').map(Number);
const RUNS = Number(values.runs);
const gc = (globalThis as { gc?: () => void }).gc;

const sources = sourceArticles();
const actor = { id: 'bench', name: 'bench' };
/** Several GCs with pauses between (weak references and finalizers need more than one). */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MB = (n: number) => Math.round((n / 1048576) * 10) / 10;

function guildId(n: number): string {
  return String(100000000000000000n + BigInt(n));
}

/** A fresh story with a unique quoted speaker, so the answer can only come from the article just added. */
function story(n: number): { text: string; speaker: string } {
  const speaker = `Zelda Quorn${String.fromCharCode(97 + (n % 26))}${n}`;
  return {
    speaker,
    text: `Harbour board approves plan number ${n}\n\nThe harbour board approved plan number ${n} for the eastern quay on Tuesday.\n\n"This is plan ${n} and it will work," said ${speaker}, the board's chair.\n\nWork starts next spring.`,
  };
}

async function addToAnswer(): Promise<Record<string, { file: number; link: number }>> {
  const web = await new TestWebServer().start();
  process.env.NEWSDESK_ALLOW_PRIVATE_URLS = 'true';
  const results: Record<string, { file: number; link: number }> = {};
  try {
    for (const size of SIZES) {
      const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-add-'));
      const id = guildId(size);
      mkdirSync(path.join(root, id));
      for (let i = 0; i < size; i++) writeFileSync(path.join(root, id, `a${i}.txt`), sources[i % sources.length]!.text);
      const manager = new WorkspaceManager({ mode: 'guild', store: new FolderDeskStore(root), live: { watch: false } });
      const ws = await manager.open(id);
      const file: number[] = [];
      const link: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        for (const kind of ['file', 'link'] as const) {
          const s = story(size * 1000 + r * 2 + (kind === 'link' ? 1 : 0));
          const started = performance.now();
          if (kind === 'file') {
            await addToWorkspace(ws, { file: { name: 'story.txt', bytes: Buffer.from(s.text) } }, actor);
          } else {
            const paragraphs = s.text.split('\n\n');
            web.page(`/story/${size}/${r}`, articlePage({ title: paragraphs[0]!, site: 'Bench Wire', published: '2026-11-01', paragraphs: paragraphs.slice(1) }));
            await addToWorkspace(ws, { url: web.url(`/story/${size}/${r}`) }, actor);
          }
          const answer = ws.desk.answer({ command: 'quote', query: s.speaker });
          const ms = performance.now() - started;
          if (!answer.items.length) throw new Error(`no answer after adding (${kind}, size ${size})`);
          (kind === 'file' ? file : link).push(ms);
        }
      }
      results[String(size)] = { file: Math.round(median(file)), link: Math.round(median(link)) };
      await manager.close();
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    await web.stop();
  }
  return results;
}

/** Through the real discord.js client and the fake Discord: /add url sent → reply seen → /quote sent → answer seen. */
async function addToAnswerThroughDiscord(): Promise<{ addReplyMs: number; firstAnswerMs: number }> {
  const web = await new TestWebServer().start();
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-bot-'));
  const manager = new WorkspaceManager({ mode: 'guild', store: new FolderDeskStore(root), live: { watch: false } });
  const env = await startBotOnFake(manager);
  const adds: number[] = [];
  const answers: number[] = [];
  try {
    const who = { guildId: env.fake.ids.guildId, permissions: MANAGER_PERMISSIONS };
    await env.fake.reply(env.fake.command('sources', {}, who), 20_000); // load the workspace first
    for (let r = 0; r < RUNS; r++) {
      const s = story(900_000 + r);
      const paragraphs = s.text.split('\n\n');
      web.page(`/b/${r}`, articlePage({ title: paragraphs[0]!, site: 'Bench Wire', published: '2026-11-01', paragraphs: paragraphs.slice(1) }));
      const started = performance.now();
      await env.fake.reply(env.fake.command('add', { url: web.url(`/b/${r}`) }, who), 20_000);
      adds.push(performance.now() - started);
      const reply = await env.fake.reply(env.fake.command('quote', { speaker: s.speaker }, who), 20_000);
      answers.push(performance.now() - started);
      if (!JSON.stringify(reply.data).includes(`plan ${900_000 + r}`)) throw new Error('the answer does not cite the new article');
    }
  } finally {
    await env.stop();
    await manager.close();
    await web.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return { addReplyMs: Math.round(median(adds)), firstAnswerMs: Math.round(median(answers)) };
}

async function idleMemory(): Promise<{ workspaces: number; articlesEach: number; heapPerWorkspaceKB: number; rssPerWorkspaceKB: number; loadAllMs: number; heapAfterUnloadMB: number }> {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-mem-'));
  for (let w = 0; w < WORKSPACES; w++) {
    const dir = path.join(root, guildId(w));
    mkdirSync(dir);
    for (let a = 0; a < PER_WORKSPACE; a++) writeFileSync(path.join(dir, `a${a}.txt`), sources[(w * PER_WORKSPACE + a) % sources.length]!.text);
  }
  // Extractions cached per workspace, as in production: the second pass (the one measured) loads from the cache.
  const warm = new WorkspaceManager({ mode: 'guild', store: new FolderDeskStore(root), maxLoaded: 10, live: { watch: false } });
  for (let w = 0; w < WORKSPACES; w++) await warm.open(guildId(w));
  await warm.close();

  // Watching is what a loaded workspace does in production; here a poller is not started and fs.watch is on.
  const manager = new WorkspaceManager({ mode: 'guild', store: new FolderDeskStore(root), maxLoaded: WORKSPACES + 1 });
  await settle();
  const before = process.memoryUsage();
  const started = performance.now();
  for (let w = 0; w < WORKSPACES; w++) await manager.open(guildId(w));
  const loadAllMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1500)); // background verification of cached indexes settles
  await settle();
  const after = process.memoryUsage();
  await manager.close();
  await settle();
  const unloaded = process.memoryUsage();
  rmSync(root, { recursive: true, force: true });
  return {
    workspaces: WORKSPACES,
    articlesEach: PER_WORKSPACE,
    heapPerWorkspaceKB: Math.round((after.heapUsed - before.heapUsed) / WORKSPACES / 1024),
    rssPerWorkspaceKB: Math.round((after.rss - before.rss) / WORKSPACES / 1024),
    loadAllMs: Math.round(loadAllMs),
    heapAfterUnloadMB: MB(unloaded.heapUsed - before.heapUsed),
  };
}

if (!gc) process.stderr.write('note: run with node --expose-gc for exact memory figures\n');
const add = await addToAnswer();
const discord = await addToAnswerThroughDiscord();
const memory = await idleMemory();
if (values.json) process.stdout.write(JSON.stringify({ addToAnswerMs: add, throughDiscord: discord, memory }) + '\n');
else {
  process.stdout.write(`Through discord.js and the fake Discord: /add url → reply ${discord.addReplyMs} ms, → first /quote answer citing it ${discord.firstAnswerMs} ms (median of ${RUNS})\n`);
  for (const [size, r] of Object.entries(add)) process.stdout.write(`/add → first answer, workspace of ${size} articles: file ${r.file} ms, link ${r.link} ms (median of ${RUNS})\n`);
  process.stdout.write(
    `${memory.workspaces} idle workspaces of ${memory.articlesEach} articles loaded in ${memory.loadAllMs} ms: ` +
      `${memory.heapPerWorkspaceKB} KB heap and ${memory.rssPerWorkspaceKB} KB RSS each; heap left after unloading all: ${memory.heapAfterUnloadMB} MB\n`,
  );
}
