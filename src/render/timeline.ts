/**
 * The timeline picture: dated events on a time axis, as an SVG rendered to PNG with resvg (no
 * browser). One row per event; a day is a point, a week, month or year a span, so the precision
 * of each date shows. Long empty stretches of time are cut out of the axis (marked with a break).
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Answer, AnswerItem } from '../answers/types.ts';
import { settings } from '../config.ts';

export type TimelinePrecision = 'day' | 'week' | 'month' | 'year';

export interface TimelineEvent {
  /** ISO 8601 prefix of its precision: `2021`, `2021-10`, `2021-W45`, `2021-11-08`. */
  date: string;
  /** What happened (a sentence from an article; shortened to fit). */
  label: string;
  /** Where it was reported, e.g. "TASS". */
  source?: string | null;
}

export interface TimelineOptions {
  title?: string;
  /** Pixels; the default (1200) previews well in Discord (shown at about 400–550 px). */
  width?: number;
  /** Events beyond this many are left out (the picture says how many). */
  maxEvents?: number;
  /** A line under the axis, e.g. "1 undated article not shown". */
  footnote?: string;
  /** TTF/OTF files to draw text with; default: DejaVu Sans from the system (Debian: fonts-dejavu-core). */
  fontFiles?: string[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

/** Fonts tried in order; the first that exists is used. NEWSDESK_FONT overrides. */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
];
const BOLD_CANDIDATES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'];

/** The font files the picture is drawn with; throws with what to install when there is none. */
export function timelineFonts(): string[] {
  const own = settings().font;
  if (own) return [own];
  const regular = FONT_CANDIDATES.find((f) => existsSync(f));
  if (!regular) {
    throw new Error('timeline: no font found; install DejaVu Sans (Debian: apt-get install fonts-dejavu-core) or set NEWSDESK_FONT to a .ttf file.');
  }
  const bold = BOLD_CANDIDATES.find((f) => existsSync(f));
  return bold ? [regular, bold] : [regular];
}

/** `2021-11-08` → "8 Nov 2021", `2021-10` → "Oct 2021", `2021-W45` → "week of 8 Nov 2021", `2021` → "2021". */
export function shortDate(iso: string): string {
  const w = /^(\d{4})-W(\d{2})$/.exec(iso);
  if (w) {
    const r = rangeOf(iso);
    return r ? `week of ${shortDate(new Date(r[0]).toISOString().slice(0, 10))}` : iso;
  }
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return iso;
  if (m[3]) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if (m[2]) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return m[1];
}

export function precisionOf(iso: string): TimelinePrecision | null {
  if (/^\d{4}-W\d{2}$/.test(iso)) return 'week';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'day';
  if (/^\d{4}-\d{2}$/.test(iso)) return 'month';
  if (/^\d{4}$/.test(iso)) return 'year';
  return null;
}

/** [first ms, end ms) of the time an ISO prefix covers, or null. */
export function rangeOf(iso: string): [number, number] | null {
  const w = /^(\d{4})-W(\d{2})$/.exec(iso);
  if (w) {
    const jan4 = Date.UTC(Number(w[1]), 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (Number(w[2]) - 1) * 7 * DAY;
    return [monday, monday + 7 * DAY];
  }
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) {
    const t = Date.UTC(y, Number(m[2]) - 1, Number(m[3]));
    return [t, t + DAY];
  }
  if (m[2]) return [Date.UTC(y, Number(m[2]) - 1, 1), Date.UTC(y, Number(m[2]), 1)];
  return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
}

/** The dated items of an answer as events: a briefing's Timeline section, or a `when` answer's items. */
export function timelineEventsFromAnswer(answer: Answer): TimelineEvent[] {
  const section = answer.sections?.find((s) => s.kind === 'timeline');
  const items: AnswerItem[] = section ? section.items : answer.items;
  // An event whose sentence a key point shows is labelled with that sentence (the picture stands alone).
  const shown = (i: AnswerItem) => (i.shownIn ? answer.sections?.find((s) => s.kind === i.shownIn!.section)?.items[i.shownIn.index]?.text : undefined);
  return items
    .filter((i) => i.date && rangeOf(i.date))
    .map((i) => ({ date: i.date!, label: shown(i) ?? i.text, source: i.citation.source ?? i.citation.article.split('_')[0] }));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Width of a text in DejaVu Sans, estimated (DejaVu is wide: ~0.6 em per character on average). */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[MW@%]/.test(ch) ? 0.9 : /[A-Z0-9]/.test(ch) ? 0.68 : /[iljtf.,;:'|!() ]/.test(ch) ? 0.33 : 0.6;
  return w * size;
}

/** Cuts a text at a word boundary so it fits `px`, adding "…". */
function fit(s: string, size: number, px: number): string {
  const clean = s.replace(/\s+/g, ' ').trim();
  if (textWidth(clean, size) <= px) return clean;
  let out = '';
  for (const word of clean.split(' ')) {
    const next = out ? `${out} ${word}` : word;
    if (textWidth(`${next}…`, size) > px) break;
    out = next;
  }
  return `${(out || clean.slice(0, Math.max(1, Math.floor(px / (size * 0.6)) - 1))).replace(/[,;:.\s]+$/, '')}…`;
}

/** Label of one event: its sentence without the dateline noise, shortened. */
function eventText(e: TimelineEvent): string {
  return e.label.replace(/^…/, '').replace(/\s+/g, ' ').trim();
}

interface Segment {
  from: number;
  to: number;
  x0: number;
  x1: number;
}

/** A piecewise-linear time scale: clusters of events keep their own scale, empty stretches between them become breaks. */
function timeScale(ranges: Array<[number, number]>, x0: number, x1: number): { x: (t: number) => number; segments: Segment[] } {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const clusters: Array<[number, number]> = [];
  const total = Math.max(...sorted.map((r) => r[1])) - Math.min(...sorted.map((r) => r[0]));
  for (const r of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && r[0] - last[1] <= Math.max(120 * DAY, total * 0.25)) last[1] = Math.max(last[1], r[1]);
    else clusters.push([r[0], r[1]]);
  }
  // Pad each cluster a little so points are not on the edge.
  for (const c of clusters) {
    const pad = Math.max(4 * DAY, (c[1] - c[0]) * 0.06);
    c[0] -= pad;
    c[1] += pad;
  }
  const gap = 36;
  const usable = x1 - x0 - gap * (clusters.length - 1);
  const spans = clusters.map((c) => c[1] - c[0]);
  const sum = spans.reduce((a, b) => a + b, 0);
  const minShare = 0.18;
  let shares = spans.map((s) => Math.max(minShare, s / sum));
  const norm = shares.reduce((a, b) => a + b, 0);
  shares = shares.map((s) => s / norm);
  const segments: Segment[] = [];
  let x = x0;
  clusters.forEach((c, i) => {
    const w = usable * shares[i];
    segments.push({ from: c[0], to: c[1], x0: x, x1: x + w });
    x += w + gap;
  });
  const at = (t: number) => {
    const s = segments.find((g) => t >= g.from && t <= g.to) ?? (t < segments[0].from ? segments[0] : segments[segments.length - 1]);
    return s.x0 + ((t - s.from) / (s.to - s.from)) * (s.x1 - s.x0);
  };
  return { x: at, segments };
}

/** Axis ticks for one segment: months when it spans less than about two years, else years. */
function ticks(seg: Segment): Array<{ t: number; label: string }> {
  const span = seg.to - seg.from;
  const out: Array<{ t: number; label: string }> = [];
  const start = new Date(seg.from);
  if (span < 700 * DAY) {
    const px = seg.x1 - seg.x0;
    const months = span / (30 * DAY);
    const step = Math.max(1, Math.ceil(months / Math.max(1, Math.floor(px / 120))));
    let d = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    let k = 0;
    while (d <= seg.to) {
      const dt = new Date(d);
      if (k % step === 0) out.push({ t: d, label: `${MONTHS[dt.getUTCMonth()]} ${dt.getUTCFullYear()}` });
      d = Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 1);
      k++;
    }
  } else {
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= seg.to; y++) out.push({ t: Date.UTC(y, 0, 1), label: String(y) });
  }
  return out;
}

export interface TimelineLayout {
  width: number;
  height: number;
}

const LAYOUT = {
  margin: 36,
  titleSize: 32,
  labelSize: 24,
  tickSize: 22,
  rowHeight: 52,
  top: 96,
  axisGap: 24,
  bottom: 96,
};

/** The size the picture of `count` events will have. */
export function timelineSize(count: number, options: TimelineOptions = {}): TimelineLayout {
  const rows = Math.max(1, Math.min(count, options.maxEvents ?? 12));
  return { width: options.width ?? 1200, height: LAYOUT.top + rows * LAYOUT.rowHeight + LAYOUT.axisGap + LAYOUT.bottom };
}

/** The timeline as SVG text (what the PNG is rendered from). */
export function renderTimelineSvg(events: TimelineEvent[], options: TimelineOptions = {}): string {
  const dated = events
    .map((e) => ({ e, r: rangeOf(e.date), p: precisionOf(e.date) }))
    .filter((x): x is { e: TimelineEvent; r: [number, number]; p: TimelinePrecision } => Boolean(x.r && x.p))
    .sort((a, b) => a.r[0] - b.r[0] || b.r[1] - a.r[1]);
  const max = options.maxEvents ?? 12;
  const shown = dated.slice(0, max);
  const { width, height } = timelineSize(shown.length, options);
  const L = LAYOUT;
  const title = options.title ?? 'Timeline';
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${L.margin}" y="${L.margin + L.titleSize * 0.8}" font-size="${L.titleSize}" font-weight="bold" fill="#1f2330">${escapeXml(fit(title, L.titleSize, width - 2 * L.margin))}</text>`);
  const axisY = L.top + Math.max(1, shown.length) * L.rowHeight + L.axisGap / 2;
  if (!shown.length) {
    parts.push(`<text x="${width / 2}" y="${L.top + L.rowHeight / 2}" font-size="${L.labelSize}" text-anchor="middle" fill="#5b6170">No dated events.</text>`);
  } else {
    const x0 = L.margin + 10;
    const x1 = width - L.margin - 10;
    const scale = timeScale(shown.map((s) => s.r), x0, x1);
    // Axis with breaks, ticks and month/year labels.
    for (const seg of scale.segments) {
      parts.push(`<line x1="${seg.x0}" y1="${axisY}" x2="${seg.x1}" y2="${axisY}" stroke="#1f2330" stroke-width="3"/>`);
      let lastLabelEnd = -Infinity;
      const segTicks = ticks(seg);
      if (!segTicks.length) {
        const mid = new Date((seg.from + seg.to) / 2);
        const label = seg.to - seg.from < 700 * DAY ? `${MONTHS[mid.getUTCMonth()]} ${mid.getUTCFullYear()}` : String(mid.getUTCFullYear());
        parts.push(`<text x="${(seg.x0 + seg.x1) / 2}" y="${axisY + 12 + L.tickSize}" font-size="${L.tickSize}" text-anchor="middle" fill="#3b4050">${escapeXml(label)}</text>`);
      }
      for (const t of segTicks) {
        const x = scale.x(t.t);
        parts.push(`<line x1="${x}" y1="${axisY - 6}" x2="${x}" y2="${axisY + 6}" stroke="#1f2330" stroke-width="2"/>`);
        parts.push(`<line x1="${x}" y1="${L.top - 8}" x2="${x}" y2="${axisY - 6}" stroke="#e4e6eb" stroke-width="1"/>`);
        const w = textWidth(t.label, L.tickSize);
        if (x - w / 2 > lastLabelEnd + 8 && x + w / 2 <= width - 4 && x - w / 2 >= 4) {
          parts.push(`<text x="${x}" y="${axisY + 12 + L.tickSize}" font-size="${L.tickSize}" text-anchor="middle" fill="#3b4050">${escapeXml(t.label)}</text>`);
          lastLabelEnd = x + w / 2;
        }
      }
    }
    for (let i = 1; i < scale.segments.length; i++) {
      const a = scale.segments[i - 1].x1;
      const b = scale.segments[i].x0;
      const m = (a + b) / 2;
      parts.push(`<path d="M ${m - 10} ${axisY + 10} L ${m - 2} ${axisY - 10} M ${m + 2} ${axisY + 10} L ${m + 10} ${axisY - 10}" stroke="#1f2330" stroke-width="3" fill="none"/>`);
    }
    // One row per event.
    shown.forEach(({ e, r, p }, i) => {
      const cy = L.top + i * L.rowHeight + L.rowHeight / 2;
      const xa = scale.x(r[0]);
      const xb = Math.max(scale.x(r[1]), xa + 10);
      if (i % 2 === 0) parts.push(`<rect x="${L.margin - 8}" y="${cy - L.rowHeight / 2}" width="${width - 2 * L.margin + 16}" height="${L.rowHeight}" fill="#f5f6f8"/>`);
      let markerLeft: number;
      let markerRight: number;
      const dateText = shortDate(e.date);
      const wide = p !== 'day' && xb - xa >= 200 && Math.max(xa - L.margin, width - L.margin - xb) < 320;
      if (wide) {
        // A long span with no room beside it: a thin bar under the label, which starts at the span.
        const fill = p === 'year' ? '#74c0fc' : p === 'month' ? '#1c7ed6' : '#5f3dc4';
        parts.push(`<rect x="${xa}" y="${cy + 12}" width="${xb - xa}" height="8" rx="4" fill="${fill}"/>`);
        const rest = fit(eventText(e), L.labelSize, width - L.margin - xa - 8 - textWidth(dateText, L.labelSize) - 14);
        parts.push(
          `<text x="${xa + 4}" y="${cy + 2}" font-size="${L.labelSize}" fill="#1f2330">` +
            `<tspan font-weight="bold">${escapeXml(dateText)}</tspan><tspan fill="#3b4050">  ${escapeXml(rest)}</tspan></text>`,
        );
        return;
      }
      if (p === 'day') {
        const cx = (xa + xb) / 2;
        parts.push(`<circle cx="${cx}" cy="${cy}" r="10" fill="#d9480f" stroke="#ffffff" stroke-width="2"/>`);
        markerLeft = cx - 12;
        markerRight = cx + 12;
      } else {
        const fill = p === 'year' ? '#74c0fc' : p === 'month' ? '#1c7ed6' : '#5f3dc4';
        parts.push(`<rect x="${xa}" y="${cy - 9}" width="${xb - xa}" height="18" rx="9" fill="${fill}" fill-opacity="0.85"/>`);
        markerLeft = xa - 4;
        markerRight = xb + 4;
      }
      parts.push(`<line x1="${(markerLeft + markerRight) / 2}" y1="${cy + 10}" x2="${(markerLeft + markerRight) / 2}" y2="${axisY}" stroke="#c9ccd3" stroke-width="1" stroke-dasharray="3 4"/>`);
      const roomRight = width - L.margin - (markerRight + 12);
      const roomLeft = markerLeft - 12 - L.margin;
      const right = roomRight >= roomLeft;
      const room = right ? roomRight : roomLeft;
      const dateW = textWidth(dateText, L.labelSize) + 14;
      const rest = fit(eventText(e), L.labelSize, Math.max(40, room - dateW));
      const x = right ? markerRight + 12 : markerLeft - 12;
      parts.push(
        `<text x="${x}" y="${cy + L.labelSize * 0.36}" font-size="${L.labelSize}" text-anchor="${right ? 'start' : 'end'}" fill="#1f2330">` +
          `<tspan font-weight="bold">${escapeXml(dateText)}</tspan><tspan fill="#3b4050">  ${escapeXml(rest)}</tspan></text>`,
      );
    });
  }
  // Legend and footnote.
  const ly = height - 30;
  let lx = L.margin;
  const legend = (shape: string, label: string) => {
    parts.push(shape.replace(/X/g, String(lx)).replace(/Y/g, String(ly)));
    parts.push(`<text x="${lx + 34}" y="${ly + 7}" font-size="20" fill="#3b4050">${escapeXml(label)}</text>`);
    lx += 34 + textWidth(label, 20) + 28;
  };
  legend(`<circle cx="${lx + 12}" cy="${ly}" r="9" fill="#d9480f"/>`, 'exact day');
  legend(`<rect x="${lx}" y="${ly - 8}" width="26" height="16" rx="8" fill="#5f3dc4"/>`, 'week');
  legend(`<rect x="${lx}" y="${ly - 8}" width="26" height="16" rx="8" fill="#1c7ed6"/>`, 'month');
  legend(`<rect x="${lx}" y="${ly - 8}" width="26" height="16" rx="8" fill="#74c0fc"/>`, 'year');
  const notes = [options.footnote, dated.length > shown.length ? `${dated.length - shown.length} more not shown` : ''].filter(Boolean).join(' · ');
  if (notes) parts.push(`<text x="${width - L.margin}" y="${ly + 7}" font-size="20" text-anchor="end" fill="#5b6170">${escapeXml(fit(notes, 20, width - lx - L.margin))}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** The timeline as a PNG (see renderTimelineSvg); throws when no font file can be found. */
export function renderTimelinePng(events: TimelineEvent[], options: TimelineOptions = {}): Buffer {
  const svg = renderTimelineSvg(events, options);
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: options.fontFiles ?? timelineFonts(), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'original' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
