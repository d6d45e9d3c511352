/**
 * Schema migrations: the SQL files of `migrations/` (`001_name.sql`, …) applied in order, each once, each in its own
 * transaction, recorded in `schema_migrations`. Every process runs this on start; a session-level advisory lock makes
 * processes starting together take turns, so the second finds the work done.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { PROJECT_ROOT } from '../store/version.ts';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

/** An arbitrary constant shared by every newsdesk process: the advisory lock taken while migrating. */
const MIGRATION_LOCK = 0x6e657773; // "news"

export interface Migration {
  id: string;
  sql: string;
}

/** The migration files, in order. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (f) => ({ id: f.replace(/\.sql$/, ''), sql: await readFile(path.join(dir, f), 'utf8') })));
}

/** Applies the migrations not applied yet; returns the ids applied now. */
export async function migrate(pool: pg.Pool, migrations?: Migration[]): Promise<string[]> {
  const list = migrations ?? (await readMigrations());
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
      for (const m of list) {
        if (done.has(m.id)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`newsdesk: migration ${m.id} failed: ${(error as Error).message}`);
        }
        applied.push(m.id);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
  return applied;
}
