/** The small alias table of data/aliases.json: abbreviations and spelled-out forms of organisations and groups. */

import type { EntityKind } from '../types.ts';
import { nameKey, readDataJson } from './name-forms.ts';

export interface AliasEntry {
  canonical: string;
  kind: EntityKind;
  aliases: string[];
}

const entries = readDataJson<{ entries: AliasEntry[] }>('aliases.json').entries;
const byKey = new Map<string, AliasEntry>();
/** Case matters for short all-caps aliases ("IS", "WHO", "AP"): they only match as written. */
const caseSensitive = new Map<string, AliasEntry>();
for (const e of entries) {
  for (const form of [e.canonical, ...e.aliases]) {
    if (/^[A-Z.]{1,4}$/.test(form.replace(/-/g, ''))) caseSensitive.set(form.replace(/\./g, ''), e);
    else byKey.set(nameKey(form), e);
  }
}

/** The alias entry a name form belongs to, if any. */
export function lookupAlias(form: string): AliasEntry | undefined {
  const bare = form.replace(/\./g, '');
  return caseSensitive.get(bare) ?? byKey.get(nameKey(form));
}

/** True when `short` could be the initials of `long` ("IS-K" of "Islamic State in Khorasan", "FP" of "Foreign Policy"). */
export function isAcronymOf(short: string, long: string): boolean {
  const letters = short.replace(/[^A-Za-z]/g, '').toUpperCase();
  if (letters.length < 2) return false;
  const words = long.split(/[\s-]+/).filter((w) => w && !/^(?:of|the|in|for|and|de|du|la|al)$/i.test(w));
  const initials = words.map((w) => w[0].toUpperCase()).join('');
  return initials === letters || (initials.length > letters.length && initials.startsWith(letters) && letters.length >= 3);
}
