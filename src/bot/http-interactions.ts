/**
 * The HTTP interactions endpoint: Discord POSTs each interaction to it (instead of sending it over the gateway), so
 * any number of stateless replicas can sit behind a load balancer. Every request must carry a valid Ed25519 signature
 * of Discord's (`X-Signature-Ed25519` over `X-Signature-Timestamp` + body, key `DISCORD_PUBLIC_KEY`): anything
 * unsigned, forged, stale, too big or not JSON gets 401/400/413 and nothing else happens. PING is answered with PONG.
 *
 * Everything else goes through the same dispatcher as the gateway bot, on the same discord.js interaction objects:
 * a REST-only discord.js client (no gateway) builds them from the payload exactly as it does from a gateway event,
 * and its REST layer hands the interaction's first response (reply, deferral, update, autocomplete choices — JSON or
 * multipart with files) to the waiting HTTP response instead of the callback endpoint. Edits and follow-ups go to
 * Discord's REST API as usual. So the dispatcher replies, defers and follows up here exactly as on the gateway.
 */
import http from 'node:http';
import { DefaultRestOptions, type ResponseLike } from '@discordjs/rest';
import { verifyKey } from 'discord-interactions';
import { Client, Events, type Interaction } from 'discord.js';
import type { Logger } from './logger.ts';

export interface InteractionEndpointOptions {
  /** DISCORD_PUBLIC_KEY: the application's Ed25519 public key, hex. */
  publicKey: string;
  /** The bot token (for REST calls that need it: posting to channels, registering commands). */
  token: string;
  /** DISCORD_API_URL. */
  apiUrl: string;
  /** The one dispatcher (src/bot/dispatcher.ts). */
  dispatch: (interaction: Interaction) => unknown;
  logger: Logger;
  /** Larger bodies get 413 (default 1 MiB; Discord's interactions are a few kB). */
  maxBodyBytes?: number;
  /** A body not received within this many ms gets 408 (default 10 s). */
  bodyTimeoutMs?: number;
  /** The first response must come within Discord's 3 s; after this the request is answered 500 (default 2.9 s). */
  responseTimeoutMs?: number;
  /** Signed timestamps further than this from now are refused as replays (default 300 s). */
  maxClockSkewSeconds?: number;
}

export interface InteractionEndpoint {
  server: http.Server;
  client: Client;
  /** Answers interactions (the request handler of `server`). */
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  close(): Promise<void>;
}

const CALLBACK_PATH = /\/interactions\/(\d+)\/[^/]+\/callback$/;

/** An interaction's first response, as it goes into the HTTP response. */
interface FirstResponse {
  contentType: string;
  body: Buffer;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createInteractionEndpoint(options: InteractionEndpointOptions): InteractionEndpoint {
  const { logger } = options;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const bodyTimeout = options.bodyTimeoutMs ?? 10_000;
  const responseTimeout = options.responseTimeoutMs ?? 2_900;
  const maxSkew = options.maxClockSkewSeconds ?? 300;
  /** Interactions whose HTTP request waits for their first response, by interaction id. */
  const pending = new Map<string, (response: FirstResponse) => void>();
  const passThrough = DefaultRestOptions.makeRequest;

  const client = new Client({
    intents: [],
    allowedMentions: { parse: [] },
    rest: {
      api: options.apiUrl,
      async makeRequest(url, init) {
        const id = CALLBACK_PATH.exec(new URL(url).pathname)?.[1];
        const waiting = id ? pending.get(id) : undefined;
        if (!id || !waiting) return passThrough(url, init);
        pending.delete(id);
        // The body discord.js built for the callback endpoint (JSON text, or multipart FormData with files) becomes the HTTP response.
        const packed = new Response(init.body as BodyInit);
        const contentType = init.body instanceof FormData ? (packed.headers.get('content-type') ?? 'multipart/form-data') : 'application/json';
        waiting({ contentType, body: Buffer.from(await packed.arrayBuffer()) });
        // What Discord's callback endpoint answers: 204 No Content (web streams' and undici's types differ only on paper).
        return new Response(null, { status: 204 }) as unknown as ResponseLike;
      },
    },
  });
  client.rest.setToken(options.token);
  client.on(Events.InteractionCreate, (interaction) => void options.dispatch(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js client error'));

  // discord.js turns a raw interaction into its objects (and emits interactionCreate) in this action, for gateway
  // events; it is not part of the typed API, so it is reached through this narrow view.
  const actions = (client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }).actions;

  async function readBody(req: http.IncomingMessage): Promise<Buffer> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) throw new HttpError(413, 'request body too large');
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => req.destroy(new HttpError(408, 'request body too slow')), bodyTimeout);
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > maxBody) throw new HttpError(413, 'request body too large');
        chunks.push(chunk as Buffer);
      }
    } finally {
      clearTimeout(timer);
    }
    return Buffer.concat(chunks);
  }

  async function verified(req: http.IncomingMessage, body: Buffer): Promise<boolean> {
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
    if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > maxSkew) return false;
    try {
      return await verifyKey(body, signature, timestamp, options.publicKey);
    } catch {
      return false;
    }
  }

  function send(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return send(res, 405, { error: 'POST interactions here' });
    }
    const body = await readBody(req);
    if (!(await verified(req, body))) return send(res, 401, { error: 'invalid request signature' });
    let payload: { id?: unknown; type?: unknown; token?: unknown };
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, { error: 'the body is not JSON' });
    }
    if (payload.type === 1) return send(res, 200, { type: 1 });
    if (typeof payload.id !== 'string' || !/^\d{1,25}$/.test(payload.id) || typeof payload.token !== 'string') {
      return send(res, 400, { error: 'not an interaction' });
    }
    const id = payload.id;
    const first = new Promise<FirstResponse | null>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
      }, responseTimeout);
      pending.set(id, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
    });
    try {
      actions.InteractionCreate.handle(payload);
    } catch (error) {
      pending.delete(id);
      logger.warn({ err: error, interaction: id }, 'could not read an interaction');
      return send(res, 400, { error: 'not an interaction newsdesk can read' });
    }
    const response = await first;
    if (!response) {
      logger.error({ interaction: id, type: payload.type }, 'no first response within the time Discord allows');
      return send(res, 500, { error: 'no response in time' });
    }
    res.writeHead(200, { 'Content-Type': response.contentType, 'Content-Length': response.body.length });
    res.end(response.body);
  }

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    answer(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      logger.error({ err: error }, 'interaction request failed');
      send(res, 500, { error: 'internal error' });
    });
  };
  const server = http.createServer({ requestTimeout: bodyTimeout + responseTimeout + 1000, headersTimeout: bodyTimeout }, handle);
  return {
    server,
    client,
    handle,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await client.destroy();
    },
  };
}
