import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LiveNewsdesk } from '../../src/pipeline/live.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { isWarm } from '../../src/answers/warm.ts';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nd-warm-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function corpus(): string {
  const dir = temp();
  writeFileSync(path.join(dir, 'a.txt'), 'Talks resumed on Monday.\n\n"We will not give up," said Maria Duarte, the port authority chief.\n\nDuarte met Tom West later.');
  writeFileSync(path.join(dir, 'b.txt'), 'Ships waited outside.\n\n"The queue is long," Tom West told reporters.');
  return dir;
}

describe('warming the answer indexes', () => {
  it('builds what /who and /quote build on first use, and the answers stay the same', async () => {
    const cold = await Newsdesk.open({ corpusDir: corpus(), cacheDir: false });
    const warm = await Newsdesk.open({ corpusDir: corpus(), cacheDir: false });
    expect(isWarm(warm.ctx)).toBe(false);
    await warm.warm();
    expect(isWarm(warm.ctx)).toBe(true);
    for (const [command, query] of [['who', 'Maria Duarte'], ['who', 'we will not give up'], ['quote', 'Tom West'], ['quote', 'Duarte']] as const) {
      expect(warm.answer({ command, query })).toEqual(cold.answer({ command, query }));
    }
  });

  it('stops when told to', async () => {
    const desk = await Newsdesk.open({ corpusDir: corpus(), cacheDir: false });
    await desk.warm(() => true);
    expect(isWarm(desk.ctx)).toBe(false);
  });

  it('a live desk warms its desk after opening, and a rebuilt desk before it answers', async () => {
    const dir = corpus();
    const live = await LiveNewsdesk.open({ corpusDir: dir, cacheDir: false, watch: false });
    try {
      await live.desk.warm();
      expect(isWarm(live.desk.ctx)).toBe(true);
      const before = live.desk;
      writeFileSync(path.join(dir, 'c.txt'), '"Rates will fall," said Ines Okafor, an economist.');
      await live.refresh();
      expect(live.desk).not.toBe(before);
      expect(isWarm(live.desk.ctx)).toBe(true);
    } finally {
      await live.close();
    }
  });
});
