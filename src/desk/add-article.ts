/**
 * Turning what someone hands the desk — an uploaded file, a link, a feed item — into an article file of the
 * workspace: a `.md` with YAML front matter (title, source, published date, canonical URL, when it was fetched and
 * who added it) over the main text. HTML goes through the same Readability reading as saved pages
 * (src/corpus/html.ts); the candidate is then read by the corpus reader itself, so what is checked for duplicates
 * and reported back is exactly what will be indexed.
 *
 *   const prepared = await prepareFromUrl('https://example.com/story', { addedBy, fetch: { allowPrivate } });
 *   const outcome = await addPrepared(store, prepared, desk.ctx.corpus.articles, addedBy);
 *   // { status: 'added', name: 'us-resumes-talks-in-doha-3f9a0c1b2d.md', id: 'us-resumes-…' } or { status: 'duplicate', … }
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { articleFromBytes } from '../corpus/load.ts';
import { splitFrontMatter } from '../corpus/front-matter.ts';
import { readHtml } from '../corpus/html.ts';
import { decodeText, UnreadableFileError } from '../corpus/decode.ts';
import type { Article } from '../corpus/types.ts';
import { paragraphCount } from '../corpus/lazy-article.ts';
import type { Newsdesk } from '../newsdesk.ts';
import { UserInputError } from '../answers/types.ts';
import { fetchUrl, FetchError, type FetchOptions } from '../net/fetch-url.ts';
import type { Actor, WorkspaceStore } from './store.ts';

/** An article ready to be written: its file and the article the corpus reader makes of it. */
export interface PreparedArticle {
  /** Workspace-relative file name (`<slug>-<content hash>.md`). */
  name: string;
  content: string;
  article: Article;
  /** Normalised links that identify it (as given, after redirects, canonical). */
  links: string[];
}

/** Where an article came from, recorded in its front matter. */
export interface Provenance {
  addedBy: Actor;
  /** ISO 8601; default now. */
  at?: string;
  /** The link as given (kept when it differs from the article's own URL). */
  requestedUrl?: string;
  /** The original file name of an upload. */
  fileName?: string;
  /** E.g. `feed:<id>` for a feed item. */
  via?: string;
}

export interface ArticleParts {
  title?: string | null;
  source?: string | null;
  published?: string | null;
  url?: string | null;
  author?: string | null;
  /** The main text: paragraphs separated by blank lines. */
  text: string;
}

/** A link in the form used to recognise the same page: no fragment, no tracking parameters, host lower-case. */
export function normaliseLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    for (const key of [...url.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$|mc_(cid|eid)$)/i.test(key)) url.searchParams.delete(key);
    url.searchParams.sort();
    let s = url.href;
    if (url.pathname !== '/' && s.endsWith('/') && !url.search) s = s.slice(0, -1);
    return s.replace(/^https:/, 'http:');
  } catch {
    return null;
  }
}

const contentKeys = new WeakMap<Article, string>();

/** What makes two articles the same content: their cleaned paragraphs, whitespace and case aside. */
export function contentKey(article: Article): string {
  let key = contentKeys.get(article);
  if (!key) {
    const text = article.paragraphs.map((p) => p.norm.replace(/\s+/g, ' ').trim().toLowerCase()).join('\n');
    key = createHash('sha256').update(text).digest('hex');
    contentKeys.set(article, key);
  }
  return key;
}

function slugOf(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'article';
}

function cleanMeta(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/**
 * Builds the stored file from parts: front matter (parts, then provenance) and the text. `extra` front matter
 * (from an uploaded file's own) is kept under the fields newsdesk sets.
 */
export function prepareFromParts(parts: ArticleParts, provenance: Provenance, extra: Record<string, unknown> = {}): PreparedArticle {
  const at = provenance.at ?? new Date().toISOString();
  const meta = cleanMeta({
    ...extra,
    title: parts.title?.trim(),
    source: parts.source?.trim(),
    published: parts.published?.trim(),
    url: parts.url,
    author: parts.author?.trim(),
    fetched_from: provenance.requestedUrl && normaliseLink(provenance.requestedUrl) !== normaliseLink(parts.url) ? provenance.requestedUrl : undefined,
    original_file: provenance.fileName,
    added: at,
    ...(provenance.requestedUrl ? { fetched: at } : {}),
    added_by: provenance.addedBy.name,
    added_by_id: provenance.addedBy.id,
    via: provenance.via,
  });
  const body = parts.text.replace(/\r\n?/g, '\n').trim();
  if (!body) throw new UserInputError('There is no text in it to add.');
  const content = `---\n${stringifyYaml(meta, { lineWidth: 0 }).trimEnd()}\n---\n${body}\n`;
  // Read it exactly as the corpus reader will, under a provisional name; the final name carries its content hash.
  const provisional = articleFromBytes('article.md', Buffer.from(content), 'md');
  if (!provisional.article) throw new UserInputError('There is no readable text in it to add.');
  const hash = contentKey(provisional.article).slice(0, 10);
  const name = `${slugOf(provisional.article.title ?? provenance.fileName?.replace(/\.[^.]*$/, '') ?? body.slice(0, 60))}-${hash}.md`;
  const loaded = articleFromBytes(name, Buffer.from(content), 'md');
  const links = [provenance.requestedUrl, parts.url, loaded.article!.url].map(normaliseLink).filter((l): l is string => !!l);
  return { name, content, article: loaded.article!, links: [...new Set(links)] };
}

/** An HTML page's main text and metadata (Readability), as an article. */
export function prepareFromHtml(html: string, provenance: Provenance & { pageUrl?: string }): PreparedArticle {
  const page = readHtml(html);
  const canonical = page.meta.url ? safeAbsolute(page.meta.url, provenance.pageUrl) : null;
  let source = page.meta.source ?? null;
  if (!source && provenance.pageUrl) source = new URL(provenance.pageUrl).hostname.replace(/^www\./, '');
  return prepareFromParts(
    { title: page.meta.title ?? null, source, published: page.meta.published ?? null, url: canonical ?? provenance.pageUrl ?? null, author: page.meta.author ?? null, text: page.text },
    provenance,
  );
}

function safeAbsolute(link: string, base?: string): string | null {
  try {
    const url = new URL(link, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text);
}

const TEXT_TYPES = new Set(['.txt', '.md', '.markdown']);
const HTML_TYPES = new Set(['.html', '.htm']);

/** A plain text or Markdown document (its own front matter kept, ours on top). */
function prepareFromTextDocument(text: string, provenance: Provenance, pageUrl?: string): PreparedArticle {
  const fm = splitFrontMatter(text);
  let extra: Record<string, unknown> = {};
  if (fm.bodyStart > 0 && !fm.error) {
    const yaml = text.slice(0, fm.bodyStart).replace(/^---[ \t]*\r?\n/, '').replace(/\r?\n---[ \t]*(\r?\n)?$/, '');
    const parsed = (() => {
      try {
        return parseYaml(yaml) as unknown;
      } catch {
        return null;
      }
    })();
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) extra = parsed as Record<string, unknown>;
  }
  const { meta } = fm;
  return prepareFromParts(
    { title: meta.title, source: meta.source, published: meta.published, url: meta.url ?? pageUrl ?? null, author: meta.author, text: text.slice(fm.bodyStart) },
    provenance,
    extra,
  );
}

/**
 * An uploaded file: `.txt`, `.md` or `.html`, judged by its extension and by its content (binary files are refused;
 * a text file that is really an HTML page is read as one), at most `maxBytes`.
 */
export function prepareFromFile(fileName: string, bytes: Uint8Array, provenance: Provenance, maxBytes: number): PreparedArticle {
  const ext = path.extname(fileName).toLowerCase();
  if (!TEXT_TYPES.has(ext) && !HTML_TYPES.has(ext)) throw new UserInputError(`I can add .txt, .md and .html files, not "${ext || 'a file without extension'}".`);
  if (bytes.length > maxBytes) throw new UserInputError(`That file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${Math.round((maxBytes / 1048576) * 10) / 10} MB.`);
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch (error) {
    throw new UserInputError(`That file cannot be read as text (${error instanceof UnreadableFileError ? error.message : 'unknown encoding'}).`);
  }
  const withName = { ...provenance, fileName: provenance.fileName ?? path.basename(fileName) };
  if (HTML_TYPES.has(ext) || looksLikeHtml(text)) {
    if (!/<[a-z!][^>]*>/i.test(text)) throw new UserInputError('That .html file has no HTML in it.');
    return prepareFromHtml(text, withName);
  }
  return prepareFromTextDocument(text, withName);
}

export interface UrlOptions {
  fetch?: FetchOptions;
}

const HTML_CONTENT = /^(text\/html|application\/xhtml\+xml)\b/i;
const TEXT_CONTENT = /^(text\/plain|text\/markdown|text\/x-markdown)\b/i;

/** Fetches a link (safely: src/net/fetch-url.ts) and prepares the page it leads to. */
export async function prepareFromUrl(url: string, provenance: Provenance, options: UrlOptions = {}): Promise<PreparedArticle> {
  let response;
  try {
    response = await fetchUrl(url, options.fetch);
  } catch (error) {
    if (error instanceof FetchError) throw new UserInputError(`I could not fetch that link: ${error.message}`);
    throw error;
  }
  if (response.status < 200 || response.status >= 300) throw new UserInputError(`I could not fetch that link: the site answered ${response.status}.`);
  const type = (response.headers['content-type'] ?? '').trim();
  const at = provenance.at ?? new Date().toISOString();
  const withUrl = { ...provenance, at, requestedUrl: provenance.requestedUrl ?? url };
  let text: string;
  try {
    text = decodeText(response.body).text;
  } catch {
    throw new UserInputError('That link does not lead to a text page.');
  }
  if (HTML_CONTENT.test(type) || (!type && looksLikeHtml(text))) return prepareFromHtml(text, { ...withUrl, pageUrl: response.url });
  if (TEXT_CONTENT.test(type)) return prepareFromTextDocument(text, withUrl, response.url);
  throw new UserInputError(`That link leads to ${type ? `"${type.split(';')[0]!.slice(0, 60)}"` : 'something without a content type'}, not a web page or a text file.`);
}

export type AddOutcome =
  | { status: 'added'; name: string; id: string; article: Article }
  | { status: 'duplicate'; reason: 'link' | 'content'; existing: Article };

/** The article already in the workspace that has the same link or the same content, if any. */
export function findDuplicate(prepared: PreparedArticle, articles: Iterable<Article>): { reason: 'link' | 'content'; existing: Article } | null {
  const links = new Set(prepared.links);
  const key = contentKey(prepared.article);
  // The same content has as many paragraphs (the key joins them with line breaks, none inside one): only those are
  // compared, so the texts of a loaded corpus (read on demand, corpus/lazy-article.ts) are mostly not read.
  const count = prepared.article.paragraphs.length;
  let sameContent: Article | null = null;
  for (const a of articles) {
    const link = normaliseLink(a.url);
    if (link && links.has(link)) return { reason: 'link', existing: a };
    if (!sameContent && paragraphCount(a) === count && contentKey(a) === key) sameContent = a;
  }
  return sameContent ? { reason: 'content', existing: sameContent } : null;
}

/** The article already holding one of these links (checked before fetching a link again). */
export function findByLink(url: string, articles: Iterable<Article>): Article | null {
  const wanted = normaliseLink(url);
  if (!wanted) return null;
  for (const a of articles) if (normaliseLink(a.url) === wanted) return a;
  return null;
}

/**
 * Writes a prepared article into the workspace unless it is already there, and logs the change. `articles` are the
 * workspace's indexed articles (the live desk's).
 */
export async function addPrepared(store: WorkspaceStore, prepared: PreparedArticle, articles: Iterable<Article>, actor: Actor): Promise<AddOutcome> {
  const duplicate = findDuplicate(prepared, articles);
  if (duplicate) return { status: 'duplicate', ...duplicate };
  try {
    await store.writeArticle(prepared.name, prepared.content);
  } catch (error) {
    // Same name = same content (the name carries its hash): written a moment ago and not yet indexed.
    if (/already exists/.test((error as Error).message)) return { status: 'duplicate', reason: 'content', existing: prepared.article };
    throw error;
  }
  await store.appendChange({
    at: new Date().toISOString(),
    workspace: store.workspace,
    actor,
    action: 'article.add',
    target: prepared.article.id,
    detail: (prepared.article.title ?? prepared.name).slice(0, 200),
  });
  return { status: 'added', name: prepared.name, id: prepared.article.id, article: prepared.article };
}

/** What newsdesk understood of one indexed article: for the reply to /add. */
export interface ArticleSummary {
  id: string;
  title: string | null;
  source: string | null;
  published: string | null;
  url: string | null;
  paragraphs: number;
  /** People named in it, most mentioned first. */
  people: string[];
  quotes: number;
}

export function summarizeArticle(desk: Newsdesk, id: string): ArticleSummary | null {
  const article = desk.ctx.articles.get(id);
  if (!article) return null;
  const knowledge = desk.ctx.knowledge.get(id);
  const people = (knowledge?.entities ?? [])
    .filter((e) => e.kind === 'person')
    .sort((a, b) => b.mentions - a.mentions)
    .map((e) => e.canonical);
  return {
    id,
    title: article.title,
    source: article.source,
    published: article.published,
    url: article.url,
    paragraphs: article.paragraphs.length,
    people,
    quotes: knowledge?.quotes.length ?? 0,
  };
}
