/**
 * The connection to PostgreSQL (`DATABASE_URL`): one pool per process, migrated on open. A connection that drops
 * while idle is logged by the pool's owner and replaced, never a crash.
 */
import pg from 'pg';
import { migrate } from './migrate.ts';

export interface Database {
  readonly url: string;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Called with errors of idle connections (default: ignored; the pool replaces them). */
  onError?: (error: Error) => void;
}

/** The database could not be reached or migrated: says where (never with the password) and why. */
export class DatabaseUnavailableError extends Error {
  constructor(url: string, cause: Error) {
    super(`Cannot use the database of DATABASE_URL (${whereOf(url)}): ${cause.message}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

function whereOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'local socket'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'unreadable URL';
  }
}

/** Connects, applies the pending migrations, and returns the pool; throws DatabaseUnavailableError. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'newsdesk' });
  pool.on('error', (error) => options.onError?.(error));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(url, error as Error);
  }
  let closed: Promise<void> | null = null;
  return {
    url,
    pool,
    close: () => (closed ??= pool.end()),
  };
}

/** Runs `work` in a transaction on one connection of `pool`. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The password in a database URL (to scrub from logs), or an empty string. */
export function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}
