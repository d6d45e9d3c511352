/**
 * Autocomplete over names: entries ranked once (by count), and a sorted list of every word-start of every name form,
 * so a prefix finds its matches by binary search instead of scanning every entity on each keystroke.
 */
import { fold } from '../knowledge/analysis/fold.ts';
import { runAtOnce, runSliced, slicePause, sortSteps } from '../slices.ts';

export interface NameEntry {
  /** What the user sees. */
  name: string;
  /** What the command receives. */
  value: string;
  count: number;
  /** Every form the entry answers to (canonical name and variants). */
  forms: string[];
}

interface NameIndexParts {
  ranked: NameEntry[];
  keys: string[];
  keyRank: Uint32Array;
  haystacks: string[];
}

/** Entries folded per chunk before a pause. */
const NAMES_PER_STEP = 200;

function* nameIndexSteps(entries: NameEntry[]): Generator<void, NameIndexParts> {
  const ranked = yield* sortSteps([...entries], (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  // Word-starts and their entries' ranks in two lists, sorted through a list of positions (no pair per key).
  const starts: string[] = [];
  const ranks: number[] = [];
  const haystacks: string[] = [];
  for (let rank = 0; rank < ranked.length; rank++) {
    const forms = [...new Set(ranked[rank].forms.map(fold))];
    for (const f of forms) {
      starts.push(f);
      ranks.push(rank);
      for (let i = f.indexOf(' '); i !== -1; i = f.indexOf(' ', i + 1)) {
        if (i + 1 < f.length) {
          starts.push(f.slice(i + 1));
          ranks.push(rank);
        }
      }
    }
    haystacks.push(forms.join('\u0001'));
    if (rank % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
  }
  yield;
  const order = yield* sortSteps(
    Array.from(starts, (_, i) => i),
    (a, b) => (starts[a] < starts[b] ? -1 : starts[a] > starts[b] ? 1 : ranks[a] - ranks[b]),
  );
  return { ranked, keys: order.map((i) => starts[i]), keyRank: Uint32Array.from(order, (i) => ranks[i]), haystacks };
}

export class NameIndex {
  /** Entries, best first (count descending, then value). */
  private readonly ranked: NameEntry[];
  /** Word-starts of the folded forms ("joe biden", "biden"), sorted, each with the rank of its entry. */
  private readonly keys: string[];
  private readonly keyRank: Uint32Array;
  /** Folded forms of each entry joined, for the substring fallback. */
  private readonly haystacks: string[];

  constructor(entries: NameEntry[], built?: NameIndexParts) {
    const parts = built ?? runAtOnce(nameIndexSteps(entries));
    this.ranked = parts.ranked;
    this.keys = parts.keys;
    this.keyRank = parts.keyRank;
    this.haystacks = parts.haystacks;
  }

  /** As the constructor, pausing between chunks of work so a large corpus does not stall the event loop. */
  static async create(entries: NameEntry[], pause: () => Promise<void> = slicePause()): Promise<NameIndex> {
    return new NameIndex(entries, await runSliced(nameIndexSteps(entries), pause));
  }

  get size(): number {
    return this.ranked.length;
  }

  /** The best `limit` entries with a name form containing `prefix` (word starts first, then anywhere). */
  complete(prefix: string, limit = 25): NameEntry[] {
    const p = fold(prefix.trim());
    if (limit <= 0) return [];
    if (!p) return this.ranked.slice(0, limit);
    // Word-start matches: one contiguous range of the sorted keys.
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    const ranks = new Set<number>();
    let best: number[] = [];
    for (let i = lo; i < this.keys.length && this.keys[i].startsWith(p); i++) {
      const r = this.keyRank[i];
      if (ranks.has(r)) continue;
      ranks.add(r);
      best.push(r);
      if (best.length > 4 * limit) {
        best.sort((a, b) => a - b);
        best = best.slice(0, limit);
      }
    }
    best.sort((a, b) => a - b);
    const out = best.slice(0, limit).map((r) => this.ranked[r]);
    if (out.length >= limit || p.length < 3) return out;
    // Fewer than asked: a name containing the letters mid-word ("ahmadi" in "Mahmadi").
    for (let r = 0; r < this.ranked.length && out.length < limit; r++) {
      if (!ranks.has(r) && this.haystacks[r].includes(p)) out.push(this.ranked[r]);
    }
    return out;
  }
}
