import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Newsdesk } from '../../src/newsdesk.ts';
import { precisionOf, renderTimelinePng, renderTimelineSvg, shortDate, timelineEventsFromAnswer, timelineSize, type TimelineEvent } from '../../src/render/timeline.ts';

/** A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced) — enough to look at what resvg writes. */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString('latin1');
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      colorType = data[9];
      expect(data[12]).toBe(0);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  expect(channels).toBeGreaterThan(0);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 4; k++) out[(y * width + x) * 4 + k] = k < channels ? cur[x * channels + k] : 255;
    }
    prev.set(cur);
  }
  return { width, height, rgba: out };
}

const EVENTS: TimelineEvent[] = [
  { date: '2021-10', label: 'The previous round of talks took place in Doha in October.', source: 'TASS' },
  { date: '2021-11-08', label: 'This was stated on Monday by the US special envoy for Afghanistan Thomas West at a telephone briefing for journalists.', source: 'TASS' },
  { date: '2021-W47', label: 'The United Nations warned this week of a humanitarian catastrophe.', source: 'Press TV' },
  { date: '2023-12-09', label: 'On Saturday, Foreign Minister Amir Khan Muttaki said the Taliban had warned the US.', source: null },
];

describe('timeline picture', () => {
  it('renders a PNG of the expected size that decodes and is not blank', () => {
    const png = renderTimelinePng(EVENTS, { title: 'Timeline: test' });
    const { width, height, rgba } = decodePng(png);
    expect({ width, height }).toEqual(timelineSize(EVENTS.length));
    expect(width).toBe(1200);
    let dark = 0;
    let orange = 0;
    let blue = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b] = [rgba[i], rgba[i + 1], rgba[i + 2]];
      if (r < 80 && g < 80 && b < 100) dark++;
      if (r > 200 && g > 50 && g < 110 && b < 40) orange++; // day points
      if (r < 60 && g > 100 && g < 150 && b > 190) blue++; // month spans
    }
    const pixels = width * height;
    expect(dark / pixels).toBeGreaterThan(0.01); // text and axis were drawn (a font was found)
    expect(orange).toBeGreaterThan(200);
    expect(blue).toBeGreaterThan(200);
  });

  it('shows precision: points for days, spans for weeks and months, readable labels', () => {
    const svg = renderTimelineSvg(EVENTS);
    expect(svg.match(/<circle [^>]*fill="#d9480f"/g)!.length).toBe(2 + 1); // two days + the legend
    expect(svg).toContain('Oct 2021');
    expect(svg).toContain('8 Nov 2021');
    expect(svg).toContain('week of 22 Nov 2021');
    for (const m of svg.matchAll(/font-size="(\d+)"/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(20);
    expect(svg).toMatch(/M [\d.]+ [\d.]+ L/); // the axis break between 2021 and 2023
  });

  it('formats dates by precision', () => {
    expect(shortDate('2021-11-08')).toBe('8 Nov 2021');
    expect(shortDate('2021-10')).toBe('Oct 2021');
    expect(shortDate('2021')).toBe('2021');
    expect(shortDate('2021-W45')).toBe('week of 8 Nov 2021');
    expect(precisionOf('2021-W45')).toBe('week');
    expect(precisionOf('--09-09')).toBeNull();
  });

  it('draws the seed briefing and an empty one', async () => {
    const desk = await Newsdesk.open({ corpusDir: 'corpus' });
    const events = timelineEventsFromAnswer(desk.answer({ command: 'brief', query: '' }));
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.some((e) => e.date === '2021-11-08')).toBe(true);
    const { width, height } = decodePng(renderTimelinePng(events));
    expect({ width, height }).toEqual(timelineSize(events.length));
    const empty = decodePng(renderTimelinePng([]));
    expect(empty.width).toBe(1200);
  });
});
