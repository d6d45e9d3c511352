/**
 * The language libraries (compromise, chrono-node), loaded on first use rather than when the code is imported: a
 * process that answers from the cache (a bot) never reads a new article, and never pays their ~70 MB.
 */
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

const require = createRequire(import.meta.url);

let chrono: typeof Chrono | null = null;

export function chronoLibrary(): typeof Chrono {
  return (chrono ??= require('chrono-node') as typeof Chrono);
}

/** compromise's world (its lexicon and tag set): all newsdesk reads of it. */
export interface CompromiseWorld {
  model: {
    one: { lexicon: Record<string, string | string[]>; tagSet: Record<string, { parents?: string[] }> };
    two: { orgWords: Record<string, unknown> };
  };
}

let world: CompromiseWorld | null = null;

export function compromiseWorld(): CompromiseWorld {
  return (world ??= (require('compromise') as { world: () => CompromiseWorld }).world());
}
