/**
 * The code version every cache entry is keyed by: a constant bumped by hand for format changes, plus a hash of the
 * source and data files that decide what an article becomes (reading, cleaning, extraction, indexing). Editing any
 * of them invalidates the cache by itself, so a stale extraction is never served.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { settings } from '../config.ts';

/** Bump when the on-disk layout changes. */
export const CACHE_FORMAT = 2;

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folders whose files decide the cached results. */
const INPUTS = ['src/corpus', 'src/knowledge', 'src/search', 'src/store', 'data'];

let memo: string | undefined;

/** `CACHE_FORMAT` and a hash of the inputs (file names and contents), as a short hex string. */
export function codeVersion(): string {
  if (memo) return memo;
  const h = createHash('sha256').update(`format ${CACHE_FORMAT}\n`);
  for (const dir of INPUTS) {
    const full = path.join(PROJECT_ROOT, dir);
    let files: string[];
    try {
      files = (readdirSync(full, { recursive: true }) as string[]).filter((f) => /\.(ts|json)$/.test(f)).sort();
    } catch {
      continue;
    }
    for (const f of files) {
      try {
        h.update(`${dir}/${f}\n`).update(readFileSync(path.join(full, f)));
      } catch {
        // A file removed while hashing: the next start hashes again.
      }
    }
  }
  for (const pkg of ['minisearch', 'compromise', 'chrono-node', 'stemmer']) {
    try {
      h.update(pkg).update(readFileSync(path.join(PROJECT_ROOT, 'node_modules', pkg, 'package.json')));
    } catch {
      // Not installed: its absence is part of the version.
    }
  }
  memo = h.digest('hex').slice(0, 16);
  return memo;
}

/** The cache folder: `NEWSDESK_CACHE_DIR`, or `.cache/` under the project. */
export function defaultCacheDir(): string {
  return settings().cacheDir ?? path.join(PROJECT_ROOT, '.cache');
}
