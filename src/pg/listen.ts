/**
 * Following changes made by other processes: one dedicated connection LISTENs on `newsdesk_articles` and calls the
 * handlers of the notified workspace. When the connection drops it reconnects (with a growing pause) and then calls
 * every handler, since notifications sent meanwhile were lost.
 */
import pg from 'pg';
import { ARTICLES_CHANNEL } from './desk-store.ts';

export type ChangeHandler = (workspace: string) => void;

export class ChangeListener {
  private client: pg.Client | null = null;
  private readonly handlers = new Map<string, Set<ChangeHandler>>();
  private closed = false;
  private retryMs = 250;
  private reconnecting: NodeJS.Timeout | null = null;

  private constructor(
    private readonly url: string,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Connects and listens; resolves once LISTEN is in effect (notifications after this are not missed). */
  static async start(url: string, onError: (error: Error) => void = () => undefined): Promise<ChangeListener> {
    const listener = new ChangeListener(url, onError);
    await listener.connect();
    return listener;
  }

  /** Calls `handler` on every change of `workspace` (`*`: of any workspace); returns the unsubscribe function. */
  on(workspace: string, handler: ChangeHandler): () => void {
    let set = this.handlers.get(workspace);
    if (!set) this.handlers.set(workspace, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (!set.size) this.handlers.delete(workspace);
    };
  }

  private emit(workspace: string): void {
    for (const key of [workspace, '*']) {
      for (const handler of this.handlers.get(key) ?? []) {
        try {
          handler(workspace);
        } catch (error) {
          this.onError(error as Error);
        }
      }
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'newsdesk-listen' });
    client.on('notification', (n) => {
      if (n.channel === ARTICLES_CHANNEL && n.payload) this.emit(n.payload);
    });
    client.on('error', (error) => {
      this.onError(error);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${ARTICLES_CHANNEL}`);
    this.client = client;
    this.retryMs = 250;
  }

  private lost(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.reconnect();
  }

  private reconnect(): void {
    if (this.closed || this.reconnecting) return;
    this.reconnecting = setTimeout(() => {
      this.reconnecting = null;
      this.connect().then(
        () => {
          // Whatever was notified while disconnected is unknown: every workspace looks again.
          for (const workspace of [...this.handlers.keys()]) if (workspace !== '*') this.emit(workspace);
        },
        (error) => {
          this.onError(error as Error);
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          this.reconnect();
        },
      );
    }, this.retryMs);
    this.reconnecting.unref?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnecting) clearTimeout(this.reconnecting);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
