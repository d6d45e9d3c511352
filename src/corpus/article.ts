/** From the text of one file to a cleaned Article with its metadata. */
import { createHash } from 'node:crypto';
import { dedupe, isBoilerplate, makeParagraph, strayHyphens, wordsOf } from './clean.ts';
import { isoPrefix, splitFrontMatter, type FrontMatter } from './front-matter.ts';
import { looksLikeHeadline, parseDateLine, parseDateline, sourceFromCopyright } from './metadata.ts';
import type { Article, ArticleFormat, Paragraph } from './types.ts';
import { duplicateKey } from './clean.ts';

/** A candidate paragraph: a span of the raw text. */
interface Unit {
  start: number;
  end: number;
  /** Followed by a blank line (or the end of the text). */
  blankAfter: boolean;
}

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let pos = from;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    let end = nl;
    if (end > pos && text[end - 1] === '\r') end--;
    lines.push({ start: pos, end });
    pos = nl + 1;
  }
  return lines;
}

/** Lines of a block that look hard-wrapped (all but the last of similar width, not ending sentences) join into one paragraph. */
function isHardWrapped(text: string, block: Line[]): boolean {
  if (block.length < 3) return false;
  const widths = block.slice(0, -1).map((l) => l.end - l.start);
  const max = Math.max(...widths);
  if (max > 100) return false;
  const wrapped = block.slice(0, -1).filter((l) => {
    const w = l.end - l.start;
    return w >= 40 && !/[.!?:"”]\s*$/.test(text.slice(l.start, l.end));
  }).length;
  return wrapped / widths.length >= 0.6;
}

function unitsOf(text: string, from: number): Unit[] {
  const units: Unit[] = [];
  let block: Line[] = [];
  const flush = () => {
    if (!block.length) return;
    if (isHardWrapped(text, block)) {
      units.push({ start: block[0].start, end: block[block.length - 1].end, blankAfter: true });
    } else {
      block.forEach((l, i) => units.push({ start: l.start, end: l.end, blankAfter: i === block.length - 1 }));
    }
    block = [];
  };
  for (const line of linesOf(text, from)) {
    if (text.slice(line.start, line.end).trim() === '') flush();
    else block.push(line);
  }
  flush();
  // Trim each unit to its non-space characters so offsets point at text.
  return units.map((u) => {
    const slice = text.slice(u.start, u.end);
    const lead = slice.length - slice.trimStart().length;
    const trail = slice.length - slice.trimEnd().length;
    return { start: u.start + lead, end: u.end - trail, blankAfter: u.blankAfter };
  });
}

const HEADER_LINES = 4;

export function hashOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads one article: front matter or metadata from the text, then the cleaned paragraphs.
 * `text` is the decoded file text (for HTML, the extracted main text); offsets point into it.
 */
export function articleFromText(
  id: string,
  text: string,
  format: ArticleFormat = 'txt',
  options: { file?: string; hash?: string; meta?: FrontMatter } = {},
): Article {
  const fm = format === 'html' ? { meta: {}, bodyStart: 0 } : splitFrontMatter(text);
  const meta: FrontMatter = { ...(options.meta ?? {}), ...fm.meta };
  let units = unitsOf(text, fm.bodyStart);
  const slice = (u: Unit) => text.slice(u.start, u.end);

  let published = isoPrefix(meta.published);
  let source = meta.source ?? null;
  let title = meta.title ?? null;

  // Header: date lines, a headline, datelines. Only the first few units are looked at.
  const dropped = new Set<Unit>();
  for (const u of units.slice(0, HEADER_LINES)) {
    const line = slice(u);
    const dateLine = parseDateLine(line);
    if (dateLine) {
      published ??= dateLine.published;
      if (dateLine.wholeLine) dropped.add(u);
      else u.start += dateLine.consumed;
    }
  }
  units = units.filter((u) => !dropped.has(u));
  if (format !== 'html') {
    const first = units[0];
    if (first) {
      const line = slice(first).replace(/^#+\s*/, '');
      if (looksLikeHeadline(line, first.blankAfter) && units.length > 1) {
        title ??= line.trim();
        units = units.slice(1);
      }
    }
  }
  if (title) {
    // A headline printed again (possibly with other quote marks) is not a paragraph.
    const key = duplicateKey(title);
    units = units.filter((u, i) => i > 2 || duplicateKey(slice(u)) !== key);
  }
  for (const u of units.slice(0, HEADER_LINES)) {
    const dl = parseDateline(slice(u));
    if (dl) {
      published ??= dl.published;
      source ??= dl.source;
      break;
    }
  }

  // Boilerplate (a copyright line names the source before it goes).
  units = units.filter((u) => {
    const line = slice(u);
    if (!isBoilerplate(line)) return true;
    source ??= sourceFromCopyright(line);
    return false;
  });

  const keep = dedupe(units.map(slice));
  units = keep.map((i) => units[i]);

  const { words, hyphenated } = wordsOf(text.slice(fm.bodyStart));
  const paragraphs: Paragraph[] = units.map((u, i) => {
    const raw = slice(u);
    return makeParagraph(i + 1, raw, u.start, strayHyphens(raw, words, hyphenated));
  });

  return {
    id,
    file: options.file ?? id,
    format,
    raw: text,
    title,
    source,
    published,
    url: meta.url ?? null,
    author: meta.author ?? null,
    paragraphs,
    hash: options.hash ?? hashOf(text),
  };
}
