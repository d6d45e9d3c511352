/**
 * A fake Discord on 127.0.0.1 for end-to-end tests: the REST API (under `/api/v10`) and the gateway WebSocket on one
 * port. The real discord.js Client logs into it through `rest: { api }` (it reads the gateway URL from
 * `GET /gateway/bot`). It speaks the real protocol — HELLO, heartbeats and ACKs, IDENTIFY → READY + GUILD_CREATE,
 * RESUME → replay + RESUMED, op 7 RECONNECT, INVALID_SESSION — and records every REST call the bot makes, so tests
 * assert on the exact bodies Discord would receive.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  autocompleteInteraction,
  buttonInteraction,
  channelObject,
  chatInputInteraction,
  guildCreateEvent,
  messageObject,
  randomToken,
  readyEvent,
  snowflake,
  type CommandOption,
  type Ids,
  type InteractionPayload,
  type Origin,
} from './payloads.ts';

/** Who sends an interaction: a user id (in the first server, as a plain member), or a full origin. */
export type Sender = string | Origin;

function originOf(who: Sender | undefined): Origin {
  return typeof who === 'string' ? { userId: who } : (who ?? {});
}

/** A message the bot posted into a channel (`POST /channels/:id/messages`). */
export interface ChannelPost {
  channelId: string;
  body: any;
  files: string[];
  /** The status the fake answered with (403 for a channel the bot may not post in). */
  status: number;
}

export interface RecordedCall {
  method: string;
  /** Decoded path below `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: string;
  /** Parsed JSON body (for multipart requests: the parsed `payload_json` part), or the raw text. */
  body: any;
  /** Names of the files attached (multipart requests). */
  files: string[];
  /** The attached files' contents, read as UTF-8 text (multipart requests). */
  fileTexts: Record<string, string>;
  authorization: string | null;
  /** The status the fake answered with. */
  status: number;
}

/** A reply as the user would see it: the callback type and the message data (after any deferral and edit). */
export interface ReplySeen {
  /** The first callback's type: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete result. */
  callbackType: number;
  /** The message body Discord ends up showing (callback data, or the webhook edit after a deferral). */
  data: any;
  /** Every REST call that belonged to this interaction, in order. */
  calls: RecordedCall[];
}

interface Injected {
  match: (call: { method: string; path: string }) => boolean;
  remaining: number;
  status: number;
  retryAfter: number;
}

export interface FakeDiscordOptions {
  /** HELLO's heartbeat interval (ms). */
  heartbeatInterval?: number;
  /** The shard count `GET /gateway/bot` recommends (default 1). */
  shards?: number;
}

/** How `deliver` signs an interaction it POSTs to an HTTP endpoint. */
export type Signing = 'valid' | 'forged' | 'none' | 'stale';

export class FakeDiscord extends EventEmitter {
  readonly token = `${Buffer.from(snowflake()).toString('base64url')}.${randomToken(4)}.${randomToken(27)}`;
  readonly ids: Ids = {
    applicationId: snowflake(),
    botUserId: '',
    guildId: snowflake(),
    channelId: snowflake(),
    userId: snowflake(),
    otherGuildId: snowflake(),
    otherChannelId: snowflake(),
  };
  /** Messages the bot posted into channels, in order (refused ones too, with their status). */
  readonly channelPosts: ChannelPost[] = [];
  /** Channels where posting answers 403 Missing Permissions. */
  readonly forbiddenChannels = new Set<string>();
  readonly calls: RecordedCall[] = [];
  /** The application's Ed25519 key pair: Discord signs what it POSTs to an interactions endpoint with it. */
  private readonly interactionKeys = generateKeyPairSync('ed25519');
  /** The public key as the developer portal shows it (hex), for `DISCORD_PUBLIC_KEY`. */
  readonly publicKey = this.interactionKeys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  readonly gateway = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0, acks: 0, intents: [] as number[], closes: [] as number[] };

  private readonly heartbeatInterval: number;
  private readonly shardCount: number;
  private server?: http.Server;
  private wss?: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  /** Gateway sessions by shard id (one connection per shard; shard 0 when the bot is not sharded). */
  private readonly shardSessions = new Map<number, { socket?: WebSocket; session?: Session; count: number }>();
  private readonly shardOfSocket = new WeakMap<WebSocket, number>();
  /** Shard ids that identified, in order ([shard, count] as the bot sent them). */
  readonly identifiedShards: Array<[number, number]> = [];
  private readonly injected: Injected[] = [];
  private readonly messages = new Map<string, Record<string, unknown>>();
  /** Follow-up messages by id (they can be edited and deleted like the original). */
  private readonly followUpMessages = new Map<string, Record<string, unknown>>();
  port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.ids.botUserId = this.ids.applicationId;
    this.heartbeatInterval = options.heartbeatInterval ?? 1000;
    this.shardCount = options.shards ?? 1;
    // With several shards, each server belongs to another one (Discord's rule: (guild_id >> 22) % shard count).
    if (this.shardCount > 1) {
      this.ids.guildId = onShard(this.ids.guildId, 0, this.shardCount);
      this.ids.otherGuildId = onShard(this.ids.otherGuildId, 1, this.shardCount);
    }
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onGatewayConnection(ws));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // -------------------------------------------------------------------------------------------------------------
  // REST

  /** Makes the next `count` requests matching `match` fail with `status` (429: with `retry_after`, in seconds). */
  failNext(match: Injected['match'], options: { count?: number; status?: number; retryAfter?: number } = {}): void {
    this.injected.push({ match, remaining: options.count ?? 1, status: options.status ?? 429, retryAfter: options.retryAfter ?? 0.05 });
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
    const { body, files, fileTexts } = parseBody(String(req.headers['content-type'] ?? ''), text);
    const call: RecordedCall = { method, path, query: url.search, body, files, fileTexts, authorization: req.headers.authorization ?? null, status: 0 };
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      this.calls.push(call);
      res.writeHead(status, payload === undefined ? headers : { 'Content-Type': 'application/json', ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
      this.emit('call', call);
    };

    const failure = this.injected.find((f) => f.remaining > 0 && f.match({ method, path }));
    if (failure) {
      failure.remaining--;
      if (failure.status === 429) {
        send(429, { message: 'You are being rate limited.', retry_after: failure.retryAfter, global: false }, {
          'Retry-After': String(failure.retryAfter),
          'X-RateLimit-Scope': 'user',
          'X-RateLimit-Limit': '5',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset-After': String(failure.retryAfter),
          'X-RateLimit-Bucket': 'fakebucket',
        });
      } else {
        send(failure.status, { message: 'Injected failure', code: 0 });
      }
      return;
    }

    const botAuthOk = call.authorization === `Bot ${this.token}`;
    let m: RegExpExecArray | null;
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      if (path === '/gateway/bot' && !botAuthOk) return send(401, { message: '401: Unauthorized', code: 0 });
      return send(200, {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      const [, , token] = m;
      const type = body?.type;
      this.keepFirstResponse(token!, body);
      if (url.searchParams.get('with_response') === 'true') {
        return send(200, { interaction: { id: m[1], type: 2 }, resource: { type, message: this.messages.get(token!) } });
      }
      return send(204);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(path))) {
      const [, app, token, messageId] = m;
      if (app !== this.ids.applicationId) return send(404, { message: 'Unknown Webhook', code: 10015 });
      if (messageId !== '@original') {
        const followUp = this.followUpMessages.get(messageId!);
        if (!followUp) return send(404, { message: 'Unknown Message', code: 10008 });
        if (method === 'PATCH') {
          const updated = { ...followUp, ...messageObject(this.ids, messageId!, { ...followUp, ...body }), edited_timestamp: new Date().toISOString() };
          this.followUpMessages.set(messageId!, updated);
          return send(200, updated);
        }
        if (method === 'GET') return send(200, followUp);
        if (method === 'DELETE') {
          this.followUpMessages.delete(messageId!);
          return send(204);
        }
      }
      const existing = this.messages.get(token!);
      if (!existing) return send(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'PATCH') {
        const updated = { ...existing, ...messageObject(this.ids, String(existing.id), { ...existing, ...body }), edited_timestamp: new Date().toISOString() };
        this.messages.set(token!, updated);
        return send(200, updated);
      }
      if (method === 'GET') return send(200, existing);
      if (method === 'DELETE') {
        this.messages.delete(token!);
        return send(204);
      }
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path)) && method === 'POST') {
      if (m[1] !== this.ids.applicationId) return send(404, { message: 'Unknown Webhook', code: 10015 });
      const followUp = messageObject(this.ids, snowflake(), body);
      this.followUpMessages.set(followUp.id, followUp);
      return send(200, followUp);
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      if (!botAuthOk) return send(401, { message: '401: Unauthorized', code: 0 });
      const channelId = m[1]!;
      const forbidden = this.forbiddenChannels.has(channelId);
      this.channelPosts.push({ channelId, body, files, status: forbidden ? 403 : 200 });
      if (forbidden) return send(403, { message: 'Missing Permissions', code: 50013 });
      const guildId = channelId === this.ids.otherChannelId ? this.ids.otherGuildId : this.ids.guildId;
      const posted = { ...messageObject(this.ids, snowflake(), body, 0, { channelId, guildId }), type: 0, webhook_id: undefined };
      return send(200, posted);
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      if (!botAuthOk) return send(401, { message: '401: Unauthorized', code: 0 });
      if (m[1] === this.ids.channelId) return send(200, channelObject(this.ids, this.ids.guildId));
      if (m[1] === this.ids.otherChannelId) return send(200, channelObject(this.ids, this.ids.otherGuildId));
      return send(404, { message: 'Unknown Channel', code: 10003 });
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      if (!botAuthOk) return send(401, { message: '401: Unauthorized', code: 0 });
      if (m[1] !== this.ids.applicationId) return send(403, { message: 'Missing Access', code: 50001 });
      const list = Array.isArray(body) ? body : [];
      return send(
        200,
        list.map((c: Record<string, unknown>) => ({ id: snowflake(), application_id: m![1], guild_id: m![2], version: snowflake(), default_member_permissions: null, type: 1, ...c })),
      );
    }
    if (method === 'GET' && path === '/users/@me') {
      if (!botAuthOk) return send(401, { message: '401: Unauthorized', code: 0 });
      return send(200, { id: this.ids.botUserId, username: 'newsdesk', discriminator: '0', avatar: null, bot: true });
    }
    return send(404, { message: '404: Not Found', code: 0 });
  }

  /** The message an interaction's first response leaves (a reply, an update, or an empty deferred one). */
  private keepFirstResponse(token: string, body: any): void {
    const type = body?.type;
    if ((type === 4 || type === 7) && body.data) this.messages.set(token, messageObject(this.ids, snowflake(), body.data));
    if (type === 5) this.messages.set(token, messageObject(this.ids, snowflake(), { content: '', flags: body.data?.flags ?? 0 }));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Outgoing webhooks: interactions POSTed to an HTTP endpoint, as Discord does when an interactions URL is set

  /**
   * POSTs an interaction to an HTTP interactions endpoint, signed as Discord signs it (or not, or forged, or with
   * a stale timestamp). A successful response body is recorded as the interaction's callback (so `reply()` sees it
   * exactly as a callback sent over REST).
   */
  async deliver(endpoint: string, payload: object, signing: Signing = 'valid'): Promise<{ status: number; body: any; files: string[] }> {
    const text = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000) - (signing === 'stale' ? 3600 : 0));
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (signing !== 'none') {
      const signed = Buffer.from(signing === 'forged' ? `${timestamp}${text.replace('"type":', '"type": ')}` : `${timestamp}${text}`);
      headers['X-Signature-Ed25519'] = sign(null, signed, this.interactionKeys.privateKey).toString('hex');
      headers['X-Signature-Timestamp'] = timestamp;
    }
    const res = await fetch(endpoint, { method: 'POST', headers, body: text });
    const raw = Buffer.from(await res.arrayBuffer()).toString('utf8');
    const { body, files, fileTexts } = parseBody(res.headers.get('content-type') ?? '', raw);
    const p = payload as { id?: string; token?: string; type?: number };
    if (res.status === 200 && p.id && p.token && p.type !== 1) {
      const call: RecordedCall = { method: 'POST', path: `/interactions/${p.id}/${p.token}/callback`, query: '', body, files, fileTexts, authorization: null, status: 204 };
      this.keepFirstResponse(p.token, body);
      this.calls.push(call);
      this.emit('call', call);
    }
    return { status: res.status, body, files };
  }

  /** A slash command's payload (not sent: for `deliver`). */
  commandPayload(name: string, options: Record<string, string | number | boolean> = {}, who?: Sender): InteractionPayload {
    return chatInputInteraction(this.ids, name, Object.entries(options).map(([n, value]) => ({ name: n, type: optionType(value), value })), originOf(who));
  }

  /** An autocomplete payload (not sent: for `deliver`). */
  autocompletePayload(name: string, focused: string, value: string, who?: Sender): InteractionPayload {
    return autocompleteInteraction(this.ids, name, [{ name: focused, type: 3, value, focused: true }], originOf(who));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Gateway

  private sendRaw(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  private onGatewayConnection(ws: WebSocket): void {
    this.gateway.connections++;
    ws.on('close', (code) => {
      this.gateway.closes.push(code);
      for (const shard of this.shardSessions.values()) if (shard.socket === ws) shard.socket = undefined;
    });
    ws.on('message', (raw) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      this.onGatewayMessage(ws, payload);
    });
    this.sendRaw(ws, { op: 10, d: { heartbeat_interval: this.heartbeatInterval, _trace: ['fake-discord'] }, s: null, t: null });
  }

  private onGatewayMessage(ws: WebSocket, payload: { op: number; d: any }): void {
    switch (payload.op) {
      case 1:
        this.gateway.heartbeats++;
        this.sendRaw(ws, { op: 11, d: null, s: null, t: null });
        this.gateway.acks++;
        this.emit('heartbeat');
        return;
      case 2: {
        if (payload.d?.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        this.gateway.identifies++;
        this.gateway.intents.push(Number(payload.d.intents));
        const [shardId, count] = Array.isArray(payload.d.shard) ? (payload.d.shard as [number, number]) : [0, 1];
        this.identifiedShards.push([shardId, count]);
        const session: Session = { id: randomToken(16), seq: 0, buffer: [] };
        this.shardSessions.set(shardId, { socket: ws, session, count });
        this.shardOfSocket.set(ws, shardId);
        const guilds = [this.ids.guildId, this.ids.otherGuildId].filter((g) => shardOfGuild(g, count) === shardId);
        const ready = readyEvent(this.ids, session.id, this.gatewayUrl);
        this.dispatch('READY', { ...ready, guilds: guilds.map((id) => ({ id, unavailable: true })), shard: [shardId, count] }, shardId);
        for (const g of guilds) this.dispatch('GUILD_CREATE', guildCreateEvent(this.ids, g), shardId);
        this.emit('identified', shardId);
        return;
      }
      case 6: {
        const entry = [...this.shardSessions.entries()].find(([, e]) => e.session?.id === payload.d?.session_id);
        const session = entry?.[1].session;
        if (!entry || !session || payload.d?.token !== this.token) {
          this.sendRaw(ws, { op: 9, d: false, s: null, t: null });
          return;
        }
        this.gateway.resumes++;
        entry[1].socket = ws;
        this.shardOfSocket.set(ws, entry[0]);
        const from = Number(payload.d.seq ?? 0);
        for (const e of session.buffer) if (e.s > from) ws.send(e.text);
        this.dispatch('RESUMED', { _trace: ['fake-discord'] }, entry[0]);
        this.emit('resumed');
        return;
      }
      default:
        // Presence updates (3), voice (4), member requests (8): nothing to do.
        return;
    }
  }

  /**
   * Sends a dispatch event (op 0) with the next sequence number of its shard's session (the shard of the event's
   * server, or `shard`); kept for replay if the connection is down.
   */
  dispatch(t: string, d: unknown, shard?: number): void {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const count = this.shardSessions.get(0)?.count ?? this.shardSessions.values().next().value?.count ?? 1;
    const target = shard ?? (typeof guildId === 'string' ? shardOfGuild(guildId, count) : 0);
    const entry = this.shardSessions.get(target);
    const session = entry?.session;
    if (!entry || !session) throw new Error(`fake-discord: no session of shard ${target} to dispatch to (it has not identified)`);
    const s = ++session.seq;
    const text = JSON.stringify({ op: 0, t, s, d });
    session.buffer.push({ s, text });
    if (session.buffer.length > 2000) session.buffer.shift();
    if (entry.socket && entry.socket.readyState === entry.socket.OPEN) entry.socket.send(text);
  }

  /** Closes the gateway connection (of shard 0) with `code` (4000: unknown error, resumable). */
  closeGateway(code = 4000): void {
    this.shardSessions.get(0)?.socket?.close(code, 'fake-discord closed the connection');
  }

  /** Tells the bot (shard 0) to reconnect and resume (op 7). */
  sendReconnect(): void {
    const socket = this.shardSessions.get(0)?.socket;
    if (socket) this.sendRaw(socket, { op: 7, d: null, s: null, t: null });
  }

  /** Resolves on the next event `name` (e.g. 'resumed', 'heartbeat'). */
  next(name: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake-discord: no '${name}' within ${timeoutMs} ms`)), timeoutMs);
      this.once(name, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Interactions

  /** Sends a slash command (INTERACTION_CREATE type 2), from a user id or a full origin (server, permissions, attachments). */
  command(name: string, options: Record<string, string | number | boolean> | CommandOption[] = {}, who?: Sender): InteractionPayload {
    const list = Array.isArray(options) ? options : Object.entries(options).map(([n, value]) => ({ name: n, type: optionType(value), value }));
    const i = chatInputInteraction(this.ids, name, list, originOf(who));
    this.dispatch('INTERACTION_CREATE', i);
    return i;
  }

  /** Sends an autocomplete interaction (type 4) with `focused` being typed. */
  autocomplete(name: string, focused: string, value: string, others: Record<string, string> = {}, who?: Sender): InteractionPayload {
    const options: CommandOption[] = [
      ...Object.entries(others).map(([n, v]) => ({ name: n, type: 3, value: v })),
      { name: focused, type: 3, value, focused: true },
    ];
    const i = autocompleteInteraction(this.ids, name, options, originOf(who));
    this.dispatch('INTERACTION_CREATE', i);
    return i;
  }

  /** Clicks a button (type 3) on a message the bot sent (`message` as the bot's reply data, or a full message). */
  click(customId: string, message: { embeds?: unknown; components?: unknown; flags?: number; content?: string }, who?: Sender): InteractionPayload {
    const full = messageObject(this.ids, snowflake(), message as Record<string, unknown>, message.flags ?? 0);
    const i = buttonInteraction(this.ids, customId, full, originOf(who));
    this.dispatch('INTERACTION_CREATE', i);
    return i;
  }

  /** The follow-up messages the bot sent for one interaction (`POST /webhooks/:app/:token`), in order. */
  followUps(interaction: { id: string; token: string }): any[] {
    return this.callsFor(interaction)
      .filter((c) => c.method === 'POST' && c.status < 300 && c.path === `/webhooks/${this.ids.applicationId}/${interaction.token}`)
      .map((c) => c.body);
  }

  /** Resolves with the first message posted to `channelId` after `since` posts were already there. */
  nextChannelPost(channelId: string, since = this.channelPosts.length, timeoutMs = 10_000): Promise<ChannelPost> {
    return this.waitFor(() => this.channelPosts.slice(since).find((p) => p.channelId === channelId), timeoutMs);
  }

  /** The REST calls that belong to one interaction (its callback, then webhook calls with its token). */
  callsFor(interaction: { id: string; token: string }): RecordedCall[] {
    return this.calls.filter((c) => c.path.startsWith(`/interactions/${interaction.id}/`) || c.path.startsWith(`/webhooks/${this.ids.applicationId}/${interaction.token}`));
  }

  /** Resolves when `predicate` holds for the recorded calls (checked on every call). */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const result = predicate();
        if (result) {
          cleanup();
          resolve(result);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-discord: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('call', check);
      };
      this.on('call', check);
      check();
    });
  }

  /**
   * The reply the user ends up seeing for an interaction: the callback's message, or — after a deferral — the
   * first successful edit of the original message (or a follow-up).
   */
  reply(interaction: { id: string; token: string }, timeoutMs = 10_000): Promise<ReplySeen> {
    return this.waitFor(() => {
      const calls = this.callsFor(interaction).filter((c) => c.status < 300);
      const callback = calls.find((c) => c.path.endsWith('/callback'));
      if (!callback) return undefined;
      const type = callback.body.type as number;
      if (type === 4 || type === 7 || type === 8) return { callbackType: type, data: callback.body.data, calls };
      const later = calls.find((c) => (c.method === 'PATCH' && c.path.endsWith('/messages/@original')) || (c.method === 'POST' && c.path.startsWith('/webhooks/')));
      return later ? { callbackType: type, data: later.body, calls } : undefined;
    }, timeoutMs);
  }
}

function optionType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

/** A request or response body: JSON, or multipart with `payload_json` and files (their names). */
function parseBody(type: string, text: string): { body: any; files: string[]; fileTexts: Record<string, string> } {
  let body: any = text;
  const files: string[] = [];
  const fileTexts: Record<string, string> = {};
  const json = type.includes('application/json')
    ? text
    : type.includes('multipart/form-data')
      ? /name="payload_json"\r\n(?:Content-Type: [^\r]*\r\n)?\r\n([\s\S]*?)\r\n--/.exec(text)?.[1]
      : undefined;
  if (type.includes('multipart/form-data')) {
    for (const m of text.matchAll(/filename="([^"]*)"/g)) files.push(m[1]!);
    for (const m of text.matchAll(/filename="([^"]*)"\r\n(?:Content-Type: [^\r]*\r\n)?\r\n([\s\S]*?)\r\n--/g)) fileTexts[m[1]!] = m[2]!;
  }
  if (json) {
    try {
      body = JSON.parse(json);
    } catch {
      body = text;
    }
  }
  return { body, files, fileTexts };
}

interface Session {
  id: string;
  seq: number;
  buffer: Array<{ s: number; text: string }>;
}

/** The shard a server's events go to: Discord's `(guild_id >> 22) % shard count`. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** A snowflake like `id` (same low bits) whose server lands on `shard` of `count`. */
function onShard(id: string, shard: number, count: number): string {
  const n = BigInt(id);
  const high = n >> 22n;
  const moved = high - (high % BigInt(count)) + BigInt(shard);
  return ((moved << 22n) | (n & 0x3fffffn)).toString();
}
