/**
 * One segment of the passage index: the paragraphs of a few thousand articles, indexed by MiniSearch and then
 * frozen into flat typed arrays (compressed-sparse-row postings). Frozen segments are small on the heap, cheap to
 * save and to load (no per-posting objects to rebuild), and are scored without allocating per document.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Article } from '../corpus/types.ts';
import { cachedProcessTerm, searchTokens } from './text.ts';

/** Postings of one field: for term i (of `terms`, sorted), documents `docs[offsets[i]..offsets[i+1])` with term frequencies. */
export interface FrozenPostings {
  terms: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Term frequency, clipped to 255. */
  freqs: Uint8Array;
}

export interface Segment {
  /** Local article index → article id. */
  articleIds: string[];
  /** Local article index → first local passage; length articles + 1. */
  articleFirst: Uint32Array;
  /** Unique tokens in each article's title (MiniSearch's field length). */
  titleLength: Uint16Array;
  /** Local passage → local article. */
  passageArticle: Uint32Array;
  /** Local passage → 1-based paragraph number. */
  passageParagraph: Uint32Array;
  /** Unique tokens in each passage's text (MiniSearch's field length). */
  passageLength: Uint16Array;
  /** Passage text postings (documents are local passages). */
  text: FrozenPostings;
  /** Title postings (documents are local articles: a title counts for every passage of its article). */
  title: FrozenPostings;
  /** Most frequent written form of each text term (aligned with `text.terms`; '' when unknown). Dropped once merged into a dictionary. */
  surface?: string[];
}

/** Options for the MiniSearch indexes a segment is built with (the same text pipeline as every query). */
const indexOptions = (field: string, words?: Map<string, number>) => ({
  fields: [field],
  tokenize: searchTokens,
  processTerm: words
    ? (t: string) => {
        words.set(t, (words.get(t) ?? 0) + 1);
        return cachedProcessTerm(t);
      }
    : (t: string) => cachedProcessTerm(t),
});

/** The serialisation version of MiniSearch's `toJSON` this reader understands (MiniSearch 6 and 7 write 2). */
const SERIALIZATION_VERSION = 2;

/**
 * Freezes the postings of a one-field MiniSearch index whose document ids are 0..n-1, read through MiniSearch's
 * public, versioned serialisation (`toJSON`), never its private fields.
 */
function freeze(index: MiniSearch<{ id: number }>): { postings: FrozenPostings; lengths: Map<number, number> } {
  const plain: AsPlainObject = index.toJSON();
  if (plain.serializationVersion !== SERIALIZATION_VERSION) {
    throw new Error(`segment: MiniSearch serialisation version ${plain.serializationVersion} is not supported (expected ${SERIALIZATION_VERSION})`);
  }
  const idOf = (shortId: string) => Number(plain.documentIds[shortId]);
  const entries: Array<[string, Record<string, number>]> = [];
  let total = 0;
  for (const [term, byField] of plain.index) {
    const freqs = byField[0];
    if (!freqs) continue;
    const n = Object.keys(freqs).length;
    if (!n) continue;
    entries.push([term, freqs]);
    total += n;
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms = new Array<string>(entries.length);
  const offsets = new Uint32Array(entries.length + 1);
  const docs = new Uint32Array(total);
  const freqs = new Uint8Array(total);
  let at = 0;
  entries.forEach(([term, postings], i) => {
    terms[i] = term;
    offsets[i] = at;
    const start = at;
    for (const shortId in postings) {
      docs[at] = idOf(shortId);
      freqs[at++] = Math.min(255, postings[shortId]);
    }
    // Postings must be sorted by document for binary-search probes.
    if (!isSorted(docs, start, at)) sortPostings(docs, freqs, start, at);
  });
  offsets[entries.length] = at;
  const lengths = new Map<number, number>();
  for (const shortId in plain.fieldLength) lengths.set(idOf(shortId), plain.fieldLength[shortId][0] ?? 0);
  return { postings: { terms, offsets, docs, freqs }, lengths };
}

function isSorted(a: Uint32Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (a[i - 1] > a[i]) return false;
  return true;
}

function sortPostings(docs: Uint32Array, freqs: Uint8Array, from: number, to: number): void {
  const pairs: Array<[number, number]> = [];
  for (let i = from; i < to; i++) pairs.push([docs[i], freqs[i]]);
  pairs.sort((a, b) => a[0] - b[0]);
  pairs.forEach(([d, f], k) => {
    docs[from + k] = d;
    freqs[from + k] = f;
  });
}

/** Indexes the paragraphs of `articles` (with MiniSearch) and freezes the result. */
export function buildSegment(articles: readonly Article[]): Segment {
  const steps = segmentSteps(articles);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** As `buildSegment`, pausing every few hundred articles so a live rebuild does not stall answers. */
export async function buildSegmentAsync(articles: readonly Article[]): Promise<Segment> {
  const steps = segmentSteps(articles);
  let r = steps.next();
  while (!r.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    r = steps.next();
  }
  return r.value;
}

function* segmentSteps(articles: readonly Article[]): Generator<void, Segment> {
  const articleIds = articles.map((a) => a.id);
  const articleFirst = new Uint32Array(articles.length + 1);
  let passages = 0;
  articles.forEach((a, i) => {
    articleFirst[i] = passages;
    passages += a.paragraphs.length;
  });
  articleFirst[articles.length] = passages;
  const passageArticle = new Uint32Array(passages);
  const passageParagraph = new Uint32Array(passages);

  const words = new Map<string, number>();
  const textIndex = new MiniSearch<{ id: number; text: string }>(indexOptions('text', words));
  const titleIndex = new MiniSearch<{ id: number; title: string }>(indexOptions('title'));
  let doc = 0;
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    titleIndex.add({ id: i, title: a.title ?? '' });
    for (const p of a.paragraphs) {
      passageArticle[doc] = i;
      passageParagraph[doc] = p.n;
      textIndex.add({ id: doc++, text: p.norm });
    }
    if (i % 256 === 255) yield;
  }
  yield;
  const text = freeze(textIndex as unknown as MiniSearch<{ id: number }>);
  const title = freeze(titleIndex as unknown as MiniSearch<{ id: number }>);
  const passageLength = new Uint16Array(passages);
  for (let d = 0; d < passages; d++) passageLength[d] = Math.min(65535, text.lengths.get(d) ?? 0);
  const titleLength = new Uint16Array(articles.length);
  for (let i = 0; i < articles.length; i++) titleLength[i] = Math.min(65535, title.lengths.get(i) ?? 0);
  const surfaceCounts = surfaceForms(words);
  const surface = text.postings.terms.map((t) => mostFrequent(surfaceCounts.get(t)) ?? '');
  return { articleIds, articleFirst, titleLength, passageArticle, passageParagraph, passageLength, text: text.postings, title: title.postings, surface };
}

/** Written forms of each index term with their counts, from the counts of the words as tokenized. */
function surfaceForms(words: Map<string, number>): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const [word, n] of words) {
    if (word.length < 3) continue;
    const term = cachedProcessTerm(word);
    if (!term) continue;
    let forms = counts.get(term);
    if (!forms) counts.set(term, (forms = new Map()));
    const w = /^\p{Lu}\p{Ll}/u.test(word) ? word : word.toLowerCase();
    forms.set(w, (forms.get(w) ?? 0) + n);
  }
  return counts;
}

function mostFrequent(forms: Map<string, number> | undefined): string | undefined {
  if (!forms) return undefined;
  let best: string | undefined;
  let n = -1;
  for (const [w, c] of forms) {
    if (c > n) {
      best = w;
      n = c;
    }
  }
  return best;
}

/** Index of `term` in sorted `terms`, or -1. */
export function termIndex(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = terms[mid];
    if (t === term) return mid;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Position of `doc` in `docs[from..to)` (sorted), or -1. */
export function findPosting(docs: Uint32Array, from: number, to: number, doc: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = docs[mid];
    if (d === doc) return mid;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------------
// Binary form: "NDSEG1\n", u32 header length, header JSON (ids, terms, surface forms, array layout), then the
// typed arrays, each 8-byte aligned.

const MAGIC = 'NDSEG1\n';
type ArrayName = 'articleFirst' | 'titleLength' | 'passageArticle' | 'passageParagraph' | 'passageLength' | 'textOffsets' | 'textDocs' | 'textFreqs' | 'titleOffsets' | 'titleDocs' | 'titleFreqs';
type Typed = Uint32Array | Uint16Array | Uint8Array;

function arraysOf(s: Segment): Record<ArrayName, Typed> {
  return {
    articleFirst: s.articleFirst,
    titleLength: s.titleLength,
    passageArticle: s.passageArticle,
    passageParagraph: s.passageParagraph,
    passageLength: s.passageLength,
    textOffsets: s.text.offsets,
    textDocs: s.text.docs,
    textFreqs: s.text.freqs,
    titleOffsets: s.title.offsets,
    titleDocs: s.title.docs,
    titleFreqs: s.title.freqs,
  };
}

const KINDS = { u32: Uint32Array, u16: Uint16Array, u8: Uint8Array } as const;
const kindOf = (a: Typed): keyof typeof KINDS => (a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : 'u8');

/** Serializes a segment. `surface` must still be present (it is saved with the segment). */
export function encodeSegment(s: Segment, surface: readonly string[] = s.surface ?? []): Buffer {
  const arrays = arraysOf(s);
  const layout: Record<string, [string, number, number]> = {};
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    layout[name] = [kindOf(a), offset, a.length];
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const header = Buffer.from(JSON.stringify({ articleIds: s.articleIds, textTerms: s.text.terms, titleTerms: s.title.terms, surface, layout }), 'utf8');
  const magic = Buffer.from(MAGIC, 'latin1');
  const headStart = magic.length + 4;
  const bodyStart = Math.ceil((headStart + header.length) / 8) * 8;
  const out = Buffer.alloc(bodyStart + offset);
  magic.copy(out, 0);
  out.writeUInt32LE(header.length, magic.length);
  header.copy(out, headStart);
  for (const [name, a] of Object.entries(arrays)) {
    const [, at] = layout[name];
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, bodyStart + at);
  }
  return out;
}

/**
 * Reads a segment written by `encodeSegment`. Throws on anything malformed. With `share`, the typed arrays are views of
 * `buf` where aligned (no copy): only for a buffer holding nothing else worth freeing.
 */
export function decodeSegment(buf: Uint8Array, share = false): Segment {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('newsdesk: not a segment snapshot');
  const headLength = b.readUInt32LE(MAGIC.length);
  const headStart = MAGIC.length + 4;
  const header = JSON.parse(b.toString('utf8', headStart, headStart + headLength)) as {
    articleIds: string[];
    textTerms: string[];
    titleTerms: string[];
    surface: string[];
    layout: Record<ArrayName, [keyof typeof KINDS, number, number]>;
  };
  const bodyStart = Math.ceil((headStart + headLength) / 8) * 8;
  const get = <K extends keyof typeof KINDS>(name: ArrayName, kind: K): InstanceType<(typeof KINDS)[K]> => {
    const [k, at, length] = header.layout[name];
    if (k !== kind) throw new Error(`newsdesk: segment array ${name} has the wrong type`);
    const Ctor = KINDS[kind];
    const bytes = length * Ctor.BYTES_PER_ELEMENT;
    if (bodyStart + at + bytes > b.length) throw new Error('newsdesk: segment snapshot is truncated');
    const offset = b.byteOffset + bodyStart + at;
    if (share && offset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(b.buffer as ArrayBuffer, offset, length) as InstanceType<(typeof KINDS)[K]>;
    // Copy into a fresh, aligned buffer (the file buffer may be pooled or unaligned).
    const copy = new Uint8Array(bytes);
    copy.set(b.subarray(bodyStart + at, bodyStart + at + bytes));
    return new Ctor(copy.buffer) as InstanceType<(typeof KINDS)[K]>;
  };
  const seg: Segment = {
    articleIds: header.articleIds,
    articleFirst: get('articleFirst', 'u32'),
    titleLength: get('titleLength', 'u16'),
    passageArticle: get('passageArticle', 'u32'),
    passageParagraph: get('passageParagraph', 'u32'),
    passageLength: get('passageLength', 'u16'),
    text: { terms: header.textTerms, offsets: get('textOffsets', 'u32'), docs: get('textDocs', 'u32'), freqs: get('textFreqs', 'u8') },
    title: { terms: header.titleTerms, offsets: get('titleOffsets', 'u32'), docs: get('titleDocs', 'u32'), freqs: get('titleFreqs', 'u8') },
    surface: header.surface,
  };
  if (seg.articleFirst.length !== seg.articleIds.length + 1 || seg.text.offsets.length !== seg.text.terms.length + 1 || seg.title.offsets.length !== seg.title.terms.length + 1) {
    throw new Error('newsdesk: segment snapshot is inconsistent');
  }
  return seg;
}

/** Number of passages in a segment. */
export const passagesOf = (s: Segment): number => s.passageArticle.length;
