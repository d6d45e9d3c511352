/**
 * The build cache in PostgreSQL: index segments, merged entities and manifests as bytes keyed by content hashes and
 * code version, and extractions by article content hash. Every process reads what any process (or a worker) built,
 * so a new process does not rebuild it. Writes are first-wins (`ON CONFLICT DO NOTHING`): the same key always holds
 * the same bytes, so racing writers agree.
 */
import type { ArticleKnowledge } from '../knowledge/types.ts';
import { decodeSegment, type Segment } from '../search/segment.ts';
import { decodeSegmentBody, decodeSegmentFile, encodeSegmentFileAsync, type Manifest, type SegmentCache, type SegmentContents } from '../store/cache.ts';
import { codeVersion } from '../store/version.ts';
import type { Database } from './database.ts';

export class PgIndexCache implements SegmentCache {
  constructor(
    private readonly db: Database,
    readonly version: string = codeVersion(),
  ) {}

  async readSegment(key: string): Promise<SegmentContents | null> {
    const { rows } = await this.db.pool.query<{ data: Buffer }>('SELECT data FROM segments WHERE key = $1', [key]);
    if (!rows.length) return null;
    return decodeSegmentFile(rows[0].data).catch(() => this.drop(key));
  }

  async readSegmentIndex(key: string): Promise<{ segment: Segment; bodyAt: number } | null> {
    // The front of the bytes only: a u32 (little-endian) length, then the index.
    const { rows } = await this.db.pool.query<{ index: Buffer | null }>(
      `SELECT substring(data FROM 5 FOR get_byte(data, 0) + get_byte(data, 1) * 256 + get_byte(data, 2) * 65536 + get_byte(data, 3) * 16777216) AS index
       FROM segments WHERE key = $1 AND length(data) >= 4`,
      [key],
    );
    if (!rows.length || !rows[0].index) return null;
    try {
      return { segment: decodeSegment(rows[0].index, true), bodyAt: 4 + rows[0].index.length };
    } catch {
      return this.drop(key);
    }
  }

  async readSegmentBody(key: string, segment: Segment, bodyAt: number): Promise<Omit<SegmentContents, 'segment'> | null> {
    const { rows } = await this.db.pool.query<{ body: Buffer }>('SELECT substring(data FROM $2::int + 1) AS body FROM segments WHERE key = $1', [key, bodyAt]);
    if (!rows.length) return null;
    return decodeSegmentBody(rows[0].body, segment).catch(() => this.drop(key));
  }

  async writeSegment(key: string, contents: SegmentContents, encoded?: Uint8Array): Promise<void> {
    await this.db.pool.query('INSERT INTO segments (key, data) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, await encodeSegmentFileAsync(contents, encoded)]);
  }

  /** A damaged entry is removed and rebuilt, never trusted. */
  private async drop(key: string): Promise<null> {
    await this.db.pool.query('DELETE FROM segments WHERE key = $1', [key]).catch(() => undefined);
    return null;
  }

  async readResult(key: string): Promise<string | null> {
    const { rows } = await this.db.pool.query<{ data: Buffer }>('SELECT data FROM results WHERE key = $1', [key]);
    return rows.length ? rows[0].data.toString('utf8') : null;
  }

  async writeResult(key: string, text: string): Promise<void> {
    await this.db.pool.query('INSERT INTO results (key, data) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, Buffer.from(text, 'utf8')]);
  }

  async readManifest(corpus: string): Promise<Manifest | null> {
    const { rows } = await this.db.pool.query<{ data: Buffer }>('SELECT data FROM manifests WHERE corpus = $1 AND version = $2', [corpus, this.version]);
    if (!rows.length) return null;
    try {
      const m = JSON.parse(rows[0].data.toString('utf8')) as Manifest;
      return m.dir === corpus && Array.isArray(m.files) && Array.isArray(m.segments) ? m : null;
    } catch {
      return null;
    }
  }

  async writeManifest(manifest: Omit<Manifest, 'version'>): Promise<void> {
    await this.db.pool.query(
      `INSERT INTO manifests (corpus, version, data) VALUES ($1, $2, $3)
       ON CONFLICT (corpus, version) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [manifest.dir, this.version, Buffer.from(JSON.stringify({ ...manifest, version: this.version }))],
    );
  }

  async readExtractions(hashes: string[]): Promise<Map<string, ArticleKnowledge>> {
    const out = new Map<string, ArticleKnowledge>();
    if (!hashes.length) return out;
    const { rows } = await this.db.pool.query<{ hash: string; data: Buffer }>(
      'SELECT hash, data FROM extractions WHERE version = $1 AND hash = ANY($2::text[])',
      [this.version, hashes],
    );
    for (const r of rows) {
      try {
        out.set(r.hash, JSON.parse(r.data.toString('utf8')) as ArticleKnowledge);
      } catch {
        // A damaged extraction is done again.
      }
    }
    return out;
  }

  async writeExtraction(hash: string, knowledge: ArticleKnowledge): Promise<void> {
    await this.db.pool.query('INSERT INTO extractions (hash, version, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [hash, this.version, Buffer.from(JSON.stringify(knowledge))]);
  }
}

/**
 * Removes what no process will read again: segments that no manifest lists and manifests of other code versions,
 * older than `olderThanHours`, and merged-entity results a week older than that (a process building right now may not have written its
 * manifest yet). Returns how many rows went.
 */
export async function pruneIndexCache(db: Database, olderThanHours = 24, version = codeVersion()): Promise<number> {
  let removed = 0;
  const age = `${Math.max(1, Math.floor(olderThanHours))} hours`;
  removed += (await db.pool.query(`DELETE FROM manifests WHERE version <> $1 AND updated_at < now() - $2::interval`, [version, age])).rowCount ?? 0;
  removed += (
    await db.pool.query(
      `DELETE FROM segments s WHERE s.created_at < now() - $1::interval
       AND NOT EXISTS (SELECT 1 FROM manifests m WHERE convert_from(m.data, 'UTF8')::jsonb -> 'segments' ? s.key)`,
      [age],
    )
  ).rowCount ?? 0;
  // Results are not tied to a manifest: only the week-old go (the current one of a quiet desk is merged again at worst).
  removed += (await db.pool.query(`DELETE FROM results WHERE created_at < now() - $1::interval - interval '6 days'`, [age])).rowCount ?? 0;
  return removed;
}
