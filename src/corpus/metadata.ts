/** Metadata read from the text of an article: published date lines, datelines, agencies, copyright lines, headlines. */
import type * as chrono from 'chrono-node';
import { chronoLibrary } from '../libraries.ts';

/** The published date as an ISO prefix (`2021-11-08`), or `--MM-DD` when the text gives no year. */
export type PublishedDate = string;

const pad = (n: number) => String(n).padStart(2, '0');

/** A date found by chrono, as ISO prefix of what the text certainly gives. */
function isoOf(result: chrono.ParsedResult): PublishedDate | null {
  const c = result.start;
  if (!c.isCertain('month')) return c.isCertain('year') ? String(c.get('year')) : null;
  const month = pad(c.get('month')!);
  if (!c.isCertain('day')) return c.isCertain('year') ? `${c.get('year')}-${month}` : null;
  const day = pad(c.get('day')!);
  return c.isCertain('year') ? `${c.get('year')}-${month}-${day}` : `--${month}-${day}`;
}

/** Words that may surround a date on a line that only states the date. */
const DATE_LINE_NOISE = /\b(published|updated|posted|date[d]?|on|at|gmt|utc|[ap]\.?m\.?|[ecmp][sd]t|last|first)\b|[\d:.,|\-–—/()]/gi;
const DATE_LINE_PREFIX = /^\s*(?:date|dated|published(?: on)?|posted(?: on)?|updated(?: on)?)\b\s*:?\s*/i;

export interface DateLine {
  published: PublishedDate;
  /** Characters at the start of the line that belong to the date line; the rest (if any) is body text. */
  consumed: number;
  /** True when the whole line is a date line and should be dropped from the body. */
  wholeLine: boolean;
}

/** Recognises `date 2021-11-08 ...`, `Published November 24th, 2021 - 09:23 GMT`, `December 10, 2023`. */
export function parseDateLine(line: string): DateLine | null {
  if (line.length > 400) return null;
  const prefix = DATE_LINE_PREFIX.exec(line);
  const results = chronoLibrary().strict.parse(line.slice(0, 120));
  const first = results[0];
  if (!first) return null;
  const published = isoOf(first);
  if (!published || published.startsWith('--')) return null;
  const end = first.index + first.text.length;
  const before = line.slice(0, first.index);
  const rest = line.slice(end);
  const leftover = (before + ' ' + rest).replace(DATE_LINE_NOISE, ' ').replace(/\s+/g, '');
  if (leftover.length === 0) return { published, consumed: line.length, wholeLine: true };
  if (prefix && first.index <= prefix[0].length + 1) {
    // "date 2021-11-08 WASHINGTON DC (TASS): ..." — the date is a prefix of the lead paragraph.
    const consumed = end + (/^\s*/.exec(rest)?.[0].length ?? 0);
    return { published, consumed, wholeLine: false };
  }
  return null;
}

const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
/** `Washington. September 9. INTERFAX - ...`, `MOSCOW, Nov 8 (Reuters) - ...`, `KABUL, Nov. 8, 2021 (AP) — ...` */
const DATELINE = new RegExp(
  `^\\s*([A-Z][A-Za-z .'-]{1,40}?)[.,]\\s+((?:${MONTHS})\\.?\\s+\\d{1,2}(?:,\\s*\\d{4})?)[.,]?\\s+(?:\\(([A-Za-z][\\w .&-]{1,30})\\)|([A-Z][A-Za-z-]{2,20}))\\s*[-–—:]`,
);
/** `WASHINGTON DC (TASS): ...`, `LONDON (Reuters) - ...` */
const AGENCY_DATELINE = /^\s*[A-Z][A-Za-z .,'-]{1,60}?\s*\(([A-Za-z][\w .&-]{1,30})\)\s*[-–—:]/;

export interface Dateline {
  published: PublishedDate | null;
  source: string | null;
}

export function parseDateline(text: string): Dateline | null {
  const head = text.slice(0, 200);
  const m = DATELINE.exec(head);
  if (m) {
    const results = chronoLibrary().strict.parse(m[2]);
    return { published: results[0] ? isoOf(results[0]) : null, source: (m[3] ?? m[4] ?? '').trim() || null };
  }
  const a = AGENCY_DATELINE.exec(head);
  if (a) return { published: null, source: a[1].trim() };
  return null;
}

const COPYRIGHT = /^\s*(?:copyright|\(c\)|©)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?(.+?)\s*(?:[.,;]?\s*all rights reserved.*|\.\s*)?$/i;

/** `Copyright © 2022 Press TV. All rights reserved.` → `Press TV` */
export function sourceFromCopyright(line: string): string | null {
  if (line.length > 200) return null;
  const m = COPYRIGHT.exec(line);
  if (!m) return null;
  const name = m[1].replace(/[.\s]+$/, '').trim();
  return name.length >= 2 && name.length <= 60 && /\p{L}/u.test(name) ? name : null;
}

/** Whether a first line reads like a headline rather than body text. */
export function looksLikeHeadline(line: string, followedByBlank: boolean): boolean {
  const t = line.trim();
  if (t.length < 8 || t.length > 180) return false;
  if (parseDateline(t)) return false;
  const words = t.split(/\s+/);
  if (words.length < 3) return false;
  const endsSentence = /[.!?:;,"”’]$/.test(t);
  if (!endsSentence) return true;
  if (!followedByBlank || t.length > 140 || words.length < 5) return false;
  const capitalised = words.filter((w) => /^[\p{Lu}\d"“‘']/u.test(w)).length;
  return capitalised / words.length >= 0.6;
}
