/** The settings of running at scale: DATABASE_URL, NEWSDESK_SHARDS, NEWSDESK_HTTP_PORT, NEWSDESK_JOB_TIMEOUT_S. */
import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../src/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    readSettings(env);
    return [];
  } catch (error) {
    return (error as SettingsError).problems;
  }
}

describe('settings for running at scale', () => {
  it('defaults to the embedded store, auto shards, port 8080', () => {
    const s = readSettings({});
    expect(s).toMatchObject({ databaseUrl: null, shards: 'auto', httpPort: 8080, jobTimeoutSeconds: 300 });
  });

  it('reads the values given', () => {
    const s = readSettings({ DATABASE_URL: 'postgres://u:p@db.internal:5432/news', NEWSDESK_SHARDS: '4', NEWSDESK_HTTP_PORT: '3000', NEWSDESK_JOB_TIMEOUT_S: '30' });
    expect(s).toMatchObject({ databaseUrl: 'postgres://u:p@db.internal:5432/news', shards: 4, httpPort: 3000, jobTimeoutSeconds: 30 });
    expect(readSettings({ NEWSDESK_SHARDS: 'AUTO' }).shards).toBe('auto');
  });

  it('names each bad value, never repeating a database password', () => {
    const all = problems({ DATABASE_URL: 'mysql://root:hunter2secret@x/db', NEWSDESK_SHARDS: 'many', NEWSDESK_HTTP_PORT: '70000' });
    expect(all).toHaveLength(3);
    expect(all.join('\n')).not.toContain('hunter2secret');
    expect(all[0]).toMatch(/^DATABASE_URL must be a postgres/);
    expect(all[1]).toMatch(/^NEWSDESK_SHARDS must be a whole number/);
    expect(all[2]).toMatch(/^NEWSDESK_HTTP_PORT must be a whole number/);
  });
});
