/** Article text carrying terminal control sequences reaches the console's `context` (and `ask`) without them. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/corpus/article.ts';
import { Newsdesk } from '../../src/newsdesk.ts';
import { runConsole } from '../../src/console.ts';
import { safe } from '../../src/render/text.ts';

const ESC = '\u001b';
const BEL = '\u0007';

async function consoleOutput(desk: Newsdesk, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c) => (text += String(c)));
  const done = runConsole(desk, { input, output });
  input.end(lines.join('\n') + '\n');
  await done;
  return text;
}

describe('terminal escapes from article text', () => {
  const raw = [
    'Harbour council approves ferry subsidy',
    `The harbour council approved a ferry subsidy of 40,000 crowns on Tuesday.${ESC}[2J${ESC}[H`,
    `${ESC}]0;pwned title${BEL}Ferry operators said the subsidy would keep the winter timetable running.`,
    `Critics said the ferry subsidy came too late ${ESC}]2;another title${ESC}\\for the island schools.`,
  ].join('\n\n');
  const desk = Newsdesk.fromCorpus({ dir: '/nowhere', articles: [articleFromText('ferry', raw, 'txt')], warnings: [] });

  it('context prints no escape sequence, not even its leftovers', async () => {
    const out = await consoleOutput(desk, ['ask ferry subsidy timetable', 'context 1']);
    const context = out.slice(out.lastIndexOf('¶'));
    expect(out).toContain('¶');
    expect(out).not.toContain(ESC);
    expect(out).not.toContain(BEL);
    expect(out).not.toMatch(/\[2J|pwned title|another title|\]0;/);
    expect(context + out).toContain('Ferry operators said the subsidy would keep the winter timetable running.');
  });

  it('safe() removes CSI, OSC, C1 and lone control characters and keeps the text', () => {
    expect(safe(`a${ESC}[31mred${ESC}[0m b`)).toBe('ared b');
    expect(safe(`x${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\ y`)).toBe('xlink y');
    expect(safe(`bell${BEL} \u009b2J done\ttab`)).toBe('bell  done\ttab');
    expect(safe('plain “quoted” text, 40% — ok')).toBe('plain “quoted” text, 40% — ok');
  });
});
