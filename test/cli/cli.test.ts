import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, DISCORD_TOKEN: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI contract', () => {
  it('sources --json lists the seeds with their published dates', () => {
    const r = cli(['sources', '--json']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.command).toBe('sources');
    const published = Object.fromEntries(answer.items.map((i: { citation: { article: string; published: string | null } }) => [i.citation.article.slice(0, 3), i.citation.published]));
    expect(published).toEqual({ '000': '2021-11-08', '001': null, '002': '2021-11-24', '003': '--09-09', '004': '2023-12-10' });
  });

  it('answers one command as the answer model', () => {
    const r = cli(['ask', 'How', 'much', 'did', 'the', 'US', 'seize?', '--json']);
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['command', 'query', 'answer', 'items']));
    expect(answer.query).toBe('How much did the US seize?');
    expect(Object.keys(answer.items[0].citation).sort()).toEqual(['article', 'paragraph', 'published', 'source', 'title', 'url']);
  });

  it('reads commands from standard input, one JSON line out per line in, errors included', () => {
    const r = cli(['--json'], 'ask Doha talks\nfrobnicate the thing\n/sources\nask\n');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].command).toBe('ask');
    expect(lines[1].error).toMatch(/Unknown command/);
    expect(lines[2].command).toBe('sources');
    expect(lines[3].error).toMatch(/say what to look for/);
  });

  it('takes another corpus folder with --corpus and reports a missing one clearly', () => {
    const r = cli(['sources', '--json', '--corpus', '/nonexistent/folder']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatch(/Cannot read the corpus folder/);
  });

  it('prints readable text with numbered citations without --json', () => {
    const r = cli(['ask', 'How much did the US seize?']);
    expect(r.stdout).toMatch(/\[1\] .*\$9\.5 billion/);
    expect(r.stdout).toMatch(/Press TV · 2021-11-24 · ¶8/);
  });

  it('runs extract (and every other verb) in the stdin batch mode: one JSON line per input line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-'));
    writeFileSync(path.join(dir, 'harbour.txt'), 'date 2022-03-14\n\n"We will rebuild the harbour," Mayor Lena Osei said on Friday.\n');
    writeFileSync(path.join(dir, 'bridge.md'), '---\ntitle: Bridge reopens\npublished: 2022-05-02\n---\nThe bridge reopened in April after repairs.\n');
    const r = cli(['--json', '--corpus', dir], 'extract harbour.txt\nextract bridge\nextract missing-file\nask harbour\n');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].article).toBe('harbour');
    expect(lines[0].quotes[0]).toMatchObject({ text: 'We will rebuild the harbour', speaker: 'Lena Osei' });
    expect(lines[1].metadata.title).toBe('Bridge reopens');
    expect(lines[1].dates.map((d: { value: string }) => d.value)).toContain('2022-04');
    expect(lines[2].error).toMatch(/No file or article "missing-file"/);
    expect(lines[3].command).toBe('ask');
  });
});

