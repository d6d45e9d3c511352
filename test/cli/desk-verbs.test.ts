/** The CLI's desk verbs: add, remove, restore and changes on a workspace, one at a time and in the --json batch mode. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function cli(args: string[], input?: string) {
  const env = { ...process.env, DISCORD_TOKEN: '', NEWSDESK_CACHE_DIR: '' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { input, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GUILD = '234567890123456789';

describe('CLI desk verbs', () => {
  it('adds a file to a workspace, answers from it, refuses it twice, removes and restores it (--json batch)', () => {
    const corpus = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-desk-'));
    writeFileSync(path.join(corpus, 'shared.txt'), 'Shared corpus headline\n\nThis shared article is about lighthouses on the northern coast.');
    const file = path.join(corpus, '..', `lighthouse-${path.basename(corpus)}.txt`);
    writeFileSync(file, 'Keeper retires after forty years\n\nThe last keeper of the Cabo Sereno lighthouse retired on Sunday after forty years.\n\n"The sea was my clock," said Anselmo Rivas, the keeper.');
    const lines = [`add ${file}`, 'quote Rivas', `add ${file}`, 'sources', 'changes'];
    const r = cli(['--json', '--corpus', corpus, '--workspace', GUILD], lines.join('\n') + '\n');
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ command: 'add', workspace: GUILD, results: [{ outcome: 'added', summary: { title: 'Keeper retires after forty years', quotes: 1 } }] });
    expect(out[0].results[0].summary.people).toContain('Anselmo Rivas');
    const id = out[0].results[0].summary.id as string;
    expect(out[1].items[0]).toMatchObject({ text: 'The sea was my clock', citation: { article: id } });
    expect(out[2].results[0]).toMatchObject({ outcome: 'duplicate', reason: 'content', existing: { id } });
    expect(out[3].items.map((i: any) => i.citation.article)).toEqual([id]); // the shared article is not in this workspace
    expect(out[4].changes.map((c: any) => c.action)).toEqual(['article.add']);

    const removed = cli(['remove', id, '--json', '--corpus', corpus, '--workspace', GUILD]);
    expect(JSON.parse(removed.stdout)).toMatchObject({ command: 'remove', removed: { id } });
    expect(readdirSync(path.join(corpus, GUILD, '.trash'))).toEqual([`${id}.md`]);
    const restored = cli(['restore', id, '--corpus', corpus, '--workspace', GUILD]);
    expect(restored.stdout).toContain('Restored: Keeper retires after forty years');
    expect(existsSync(path.join(corpus, GUILD, `${id}.md`))).toBe(true);

    // The shared workspace (the default) does not see the server's folder.
    const shared = JSON.parse(cli(['sources', '--json', '--corpus', corpus]).stdout);
    expect(shared.items.map((i: any) => i.citation.article)).toEqual(['shared']);
    const bad = JSON.parse(cli(['remove', 'no-such-article', '--json', '--corpus', corpus]).stdout);
    expect(bad.error).toMatch(/no article "no-such-article"/);
    const badWorkspace = JSON.parse(cli(['sources', '--json', '--corpus', corpus, '--workspace', '../etc']).stdout);
    expect(badWorkspace.error).toMatch(/Not a workspace id/);
  });
});
