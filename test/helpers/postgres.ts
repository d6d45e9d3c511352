/**
 * PostgreSQL for the suites that need one: `TEST_DATABASE_URL` (set by `.ci/with-postgres`, which starts a throwaway
 * server) names a server where each suite gets a fresh database of its own, dropped at the end. Without it those
 * suites are skipped, and each says so (which suite, and why) on the test output.
 *
 *   describePg('PgDeskStore', () => { const db = useFreshDatabase(); it(..., async () => { db.url … }) });
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

/** The server the PostgreSQL suites use, or undefined when there is none. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

const SKIP_REASON = 'no PostgreSQL: TEST_DATABASE_URL is not set (run `.ci/with-postgres npm test` to start a throwaway one)';

/** `describe` for a suite that needs PostgreSQL: skipped, with the reason printed, when there is none. */
export function describePg(name: string, body: () => void): void {
  if (!testDatabaseUrl) console.warn(`[skipped] ${name}: ${SKIP_REASON}`);
  describe.skipIf(!testDatabaseUrl)(name, body);
}

/** A database URL like `base` but naming the database `name`. */
export function urlWithDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database and returns its URL and a function dropping it. */
export async function createFreshDatabase(base = testDatabaseUrl!): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `newsdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: urlWithDatabase(base, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A fresh database for the enclosing suite (created before its tests, dropped after); read `.url` inside tests. */
export function useFreshDatabase(): { url: string } {
  const handle = { url: '' };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await createFreshDatabase();
    handle.url = db.url;
    drop = db.drop;
  });
  afterAll(async () => {
    await drop?.();
  });
  return handle;
}
