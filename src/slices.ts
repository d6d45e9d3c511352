/**
 * Long computations on the main thread, cut into slices of a few milliseconds with the event loop served in between
 * (a live rebuild must never hold up answers). A computation is a generator that `yield`s often (every few hundred
 * small units of work); `runSliced` runs its steps back to back and yields to the event loop only once a slice's time
 * is spent, so frequent yields cost almost nothing.
 */

/** The longest a slice runs before the event loop gets its turn (ms). */
export const SLICE_MS = 8;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A pause that yields to the event loop only once `SLICE_MS` have passed since it last did (else it returns at once). */
export function slicePause(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await yieldToEventLoop();
    since = performance.now();
  };
}

/** Runs `steps` to the end, awaiting `pause` between every two steps (by default a `slicePause`). */
export async function runSliced<T>(steps: Generator<void, T>, pause: () => Promise<void> = slicePause()): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    await pause();
    r = steps.next();
  }
  return r.value;
}

/** Runs `steps` to the end at once (the synchronous form of the same computation). */
export function runAtOnce<T>(steps: Generator<void, T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Items a sort step sorts at once before merging (about a tenth of a millisecond of work). */
const SORTED_RUN = 512;

/**
 * Sorts `items` in place as `items.sort(compare)` would (a stable merge sort, so the result is the same for any
 * consistent comparator), yielding every few hundred comparisons.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  const n = items.length;
  let from = items.slice();
  let to = new Array<T>(n);
  let work = 0;
  // Runs of SORTED_RUN items sorted by the engine's own (stable) sort, a fraction of a millisecond each; then merged here.
  for (let lo = 0; lo < n; lo += SORTED_RUN) {
    const run = from.slice(lo, lo + SORTED_RUN).sort(compare);
    for (let i = 0; i < run.length; i++) from[lo + i] = run[i];
    yield;
  }
  for (let width = SORTED_RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        to[k++] = compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
        if (++work >= 512) {
          work = 0;
          yield;
        }
      }
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    [from, to] = [to, from];
    yield;
  }
  for (let i = 0; i < n; i++) items[i] = from[i];
  return items;
}
