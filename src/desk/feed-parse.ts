/**
 * A fetched feed's bytes → its title and items, for RSS 2.0, Atom (and RDF) and JSON Feed, read by
 * @extractus/feed-extractor from bytes we fetched ourselves (never by its own fetcher, which knows no address rules).
 * Feed contents are hostile: every field is checked, trimmed and bounded here; links are resolved against the feed's
 * address and kept only when http(s).
 */
import { extractFromJson, extractFromXml, type FeedData } from '@extractus/feed-extractor';

export interface FeedItem {
  /** What identifies the item across polls: its guid / id, else its link. */
  key: string;
  /** The item's page (absolute http/https), or null. */
  link: string | null;
  title: string | null;
  /** ISO 8601 date-time, or null. */
  published: string | null;
  /** The feed's own text of the item (full content when the feed carries it, else the summary), HTML or plain. */
  content: string | null;
}

export interface ParsedFeed {
  title: string | null;
  /** The site the feed belongs to, when it says. */
  site: string | null;
  items: FeedItem[];
}

/** A response that is not a feed we can read (the message is shown in `/feed list` and to whoever adds it). */
export class FeedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

/** Items beyond this many in one document are ignored (the newest come first in every format). */
const MAX_ITEMS = 200;
const MAX_KEY = 500;
const MAX_TITLE = 300;
/** The feed's own text of one item is kept up to this many characters. */
const MAX_CONTENT = 200_000;

/** Text of an XML node as fast-xml-parser gives it: a string, a number, or an object with `#text`. */
function textOf(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && !Array.isArray(node) && '#text' in node) return textOf((node as Record<string, unknown>)['#text']);
  return null;
}

/** The first non-empty text among `keys` of a raw entry. */
function firstText(raw: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const t = textOf(raw[key])?.trim();
    if (t) return t;
  }
  return null;
}

/** Full text of an entry, as the feed gives it: RSS content:encoded, Atom content, JSON Feed content_html/text. */
function fullContent(raw: Record<string, unknown>): { content: string | null } {
  return { content: firstText(raw, ['content:encoded', 'content', 'content_html', 'content_text', 'description', 'summary']) };
}

/** An absolute http(s) URL for `link` relative to `base`, or null. */
export function httpUrl(link: unknown, base?: string): string | null {
  if (typeof link !== 'string' || !link.trim() || link.length > 2048) return null;
  try {
    const u = new URL(link.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function clean(text: unknown, max: number): string | null {
  if (typeof text !== 'string') return null;
  const t = text.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : null;
}

function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** The charset named by a Content-Type header or an XML declaration; utf-8 when none (or one we cannot decode). */
function decode(body: Buffer, contentType: string | null): string {
  const head = body.subarray(0, 200).toString('latin1');
  const named = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ?? /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(named.toLowerCase()).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/**
 * Reads a feed document. `url` is where it was fetched from (relative links resolve against it). Throws
 * FeedFormatError when the bytes are not RSS, Atom or JSON Feed.
 */
export function parseFeed(body: Buffer, contentType: string | null, url: string): ParsedFeed {
  const text = decode(body, contentType).replace(/^\uFEFF/, '');
  const looksJson = /json/i.test(contentType ?? '') || /^\s*\{/.test(text);
  const options = { descriptionMaxLen: 0, baseUrl: url, getExtraEntryFields: fullContent };
  let data: FeedData;
  try {
    if (looksJson) {
      const json: unknown = JSON.parse(text);
      if (!json || typeof json !== 'object' || !Array.isArray((json as { items?: unknown }).items)) throw new Error('not a JSON Feed (no "items")');
      data = extractFromJson(json as Record<string, unknown>, options);
    } else {
      data = extractFromXml(text, options);
    }
  } catch (error) {
    const why = (error as Error).message ?? String(error);
    throw new FeedFormatError(`This is not a feed I can read (RSS, Atom or JSON Feed): ${why.slice(0, 120)}`);
  }
  const items: FeedItem[] = [];
  const keys = new Set<string>();
  for (const entry of (data.entries ?? []).slice(0, MAX_ITEMS)) {
    if (!entry || typeof entry !== 'object') continue;
    const link = httpUrl(entry.link, url);
    const id = typeof entry.id === 'string' && entry.id.trim() ? entry.id.trim().slice(0, MAX_KEY) : null;
    const key = id ?? link;
    if (!key || keys.has(key)) continue;
    keys.add(key);
    const content = typeof entry.content === 'string' ? entry.content.trim().slice(0, MAX_CONTENT) || null : null;
    items.push({ key, link, title: clean(entry.title, MAX_TITLE), published: isoDate(entry.published), content });
  }
  return { title: clean(data.title, MAX_TITLE), site: httpUrl(data.link, url), items };
}
