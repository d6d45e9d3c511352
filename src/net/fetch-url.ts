/**
 * Fetching a link someone gave the bot, safely: http and https only, at most 5 redirects, an overall timeout, a cap
 * on the (decompressed) body, and no request to loopback, private, link-local, unique-local or cloud-metadata
 * addresses. The address check is request-filtering-agent's: it runs on the address the name resolved to, at
 * connection time, for the first request and for every redirect (each hop is a new request through the same agent),
 * so DNS tricks and redirects to 127.0.0.1 are refused. `allowPrivate` (NEWSDESK_ALLOW_PRIVATE_URLS) lifts it.
 *
 * Used by `/add url` and by the feed poller, which passes conditional-request headers and reads the status (304),
 * the headers (ETag, Last-Modified) and the body itself.
 */
import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export type FetchErrorCode = 'bad-url' | 'blocked' | 'timeout' | 'too-large' | 'too-many-redirects' | 'network';

/** A link that could not be fetched; `message` is fit to show the user (no internals). */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetchOptions {
  /** For the whole exchange, redirects and body included (default 15 s). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 10 MB). */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Extra request headers (e.g. If-None-Match, If-Modified-Since, Accept). */
  headers?: Record<string, string>;
  /** Let loopback/private addresses through (NEWSDESK_ALLOW_PRIVATE_URLS). Default false. */
  allowPrivate?: boolean;
  /** Addresses (IPs or CIDRs) let through even when private, e.g. one intranet server. */
  allowAddresses?: string[];
}

export interface FetchedResponse {
  /** The URL finally answered (after redirects). */
  url: string;
  status: number;
  /** Response headers, lower-case names (repeated ones joined with ", "). */
  headers: Record<string, string>;
  body: Buffer;
  /** The URLs redirected through, in order (without the final one). */
  redirects: string[];
}

export const DEFAULT_FETCH = { timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };

const USER_AGENT = 'newsdesk/0.1 (+https://github.com/newsdesk; a Discord bot reading articles it is given)';

type Agents = { http: RequestFilteringHttpAgent; https: RequestFilteringHttpsAgent };
const agents = new Map<string, Agents>();

/** One pair of agents per policy; keep-alive off so every hop resolves and is checked afresh. */
function agentsFor(options: FetchOptions): Agents {
  const allowIPAddressList = options.allowAddresses ?? [];
  const key = `${options.allowPrivate === true}|${allowIPAddressList.join(',')}`;
  let pair = agents.get(key);
  if (!pair) {
    const policy = { keepAlive: false, allowPrivateIPAddress: options.allowPrivate === true, allowIPAddressList };
    pair = { http: new RequestFilteringHttpAgent(policy), https: new RequestFilteringHttpsAgent(policy) };
    agents.set(key, pair);
  }
  return pair;
}

/** Parses and checks a link: http(s) only, no credentials. Throws FetchError('bad-url') with a polite message. */
export function checkUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    throw new FetchError('bad-url', `"${raw.slice(0, 100)}" is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('bad-url', `Only http and https links can be fetched, not ${url.protocol.replace(/:$/, '')}.`);
  if (url.username || url.password) throw new FetchError('bad-url', 'Links with a user name or password in them are not accepted.');
  url.hash = '';
  return url;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Fetches `raw` (GET) within the limits; resolves with whatever status the server finally answers. */
export async function fetchUrl(raw: string, options: FetchOptions = {}): Promise<FetchedResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULT_FETCH.maxRedirects;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const redirects: string[] = [];
  try {
    let url = checkUrl(raw);
    for (;;) {
      const response = await request(url, options, controller.signal, maxBytes);
      const location = response.headers.location;
      if (REDIRECTS.has(response.status) && location) {
        if (redirects.length >= maxRedirects) throw new FetchError('too-many-redirects', `The link redirects more than ${maxRedirects} times.`);
        redirects.push(url.href);
        url = checkUrl(location, url.href);
        continue;
      }
      return { ...response, url: url.href, redirects };
    }
  } catch (error) {
    if (controller.signal.aborted) throw new FetchError('timeout', `The site did not answer within ${Math.round(timeoutMs / 100) / 10} s.`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function request(url: URL, options: FetchOptions, signal: AbortSignal, maxBytes: number): Promise<Omit<FetchedResponse, 'url' | 'redirects'>> {
  const policy = agentsFor(options);
  const secure = url.protocol === 'https:';
  const get = secure ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(
      url,
      {
        agent: secure ? policy.https : policy.http,
        signal,
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,text/plain,text/markdown;q=0.9,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br', ...options.headers },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        if (REDIRECTS.has(status) || status === 304 || status === 204) {
          res.resume();
          resolve({ status, headers, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes && !headers['content-encoding']) {
          res.destroy();
          reject(tooLarge(maxBytes));
          return;
        }
        readBody(decoded(res, headers['content-encoding']), res, maxBytes).then((body) => resolve({ status, headers, body }), reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) reject(error);
      else if (/is not allowed/.test(error.message)) {
        reject(new FetchError('blocked', `${url.hostname} is a private or local address; links must point at the public web.`));
      } else {
        reject(new FetchError('network', `${url.hostname} could not be reached (${error.code ?? 'connection failed'}).`));
      }
    });
  });
}

function decoded(res: http.IncomingMessage, encoding: string | undefined): Readable {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(createGunzip());
    case 'deflate':
      return res.pipe(createInflate());
    case 'br':
      return res.pipe(createBrotliDecompress());
    default:
      return res;
  }
}

function tooLarge(maxBytes: number): FetchError {
  return new FetchError('too-large', `The page is larger than ${Math.round((maxBytes / 1048576) * 10) / 10} MB.`);
}

async function readBody(stream: Readable, source: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        source.destroy();
        if (stream !== source) stream.destroy();
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError('network', `The page could not be read completely (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  return Buffer.concat(chunks);
}
