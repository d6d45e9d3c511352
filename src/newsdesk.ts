import type { Article, Corpus, Paragraph } from './corpus/types.ts';
import { extractArticle } from './knowledge/extract.ts';
import { mergeEntities, mergeEntitiesAsync, type MergedEntities } from './knowledge/people/merge.ts';
import { readStoredMerge, storeMergeSteps } from './store/stored-merge.ts';
import type { ArticleKnowledge, DateMention, Quote } from './knowledge/types.ts';
import { buildPassageSearch, type PassageSearch } from './search/passages.ts';
import { NameIndex, type NameEntry } from './search/names.ts';
import { buildIndexedCorpus } from './pipeline/build.ts';
import { IndexCache, resultKeyAsync, type SegmentCache } from './store/cache.ts';
import { defaultCacheDir } from './store/version.ts';
import type { AnswerContext } from './answers/context.ts';
import type { Answer, AnswerOptions, AnswerRequest } from './answers/types.ts';
import { UserInputError } from './answers/types.ts';
import { answerAsk } from './answers/ask.ts';
import { answerSources } from './answers/sources.ts';
import { answerWho } from './answers/who.ts';
import { answerWhen } from './answers/when.ts';
import { answerQuote } from './answers/quote.ts';
import { answerBrief } from './answers/brief/brief.ts';
import { checkOptions, checkQuery, matchingText } from './answers/query.ts';
import { buildLookups, buildLookupsAsync, type Lookups } from './answers/lookups.ts';
import { runAtOnce, runSliced, slicePause } from './slices.ts';
import { warmSteps } from './answers/warm.ts';

export interface OpenOptions {
  corpusDir: string;
  /** Where extractions and index segments are cached (default: `NEWSDESK_CACHE_DIR` or `.cache/` under the project); false for no cache. */
  cacheDir?: string | false;
}

/** An indexed corpus, as the store and the live host build it. */
export interface IndexedParts {
  corpus: Corpus;
  knowledge: Map<string, ArticleKnowledge>;
  passages: PassageSearch;
}

export interface Completion {
  /** What the user sees (≤ 100 characters). */
  name: string;
  /** What the command receives. */
  value: string;
  count: number;
}

/** The pure core: a corpus folder in, answers out. The console, the CLI and the Discord bot all use it. */
export class Newsdesk {
  readonly ctx: AnswerContext;

  /** Autocomplete's indexes: after an async start, over the best-known names only until `warm` builds them whole. */
  private names: CompletionIndexes;
  private namesWhole: boolean;

  private constructor(ctx: AnswerContext, names?: CompletionIndexes) {
    this.ctx = ctx;
    this.names = names ?? completionIndexes(ctx);
    this.namesWhole = !names?.partial;
  }

  /**
   * Reads, cleans and understands the corpus folder, and indexes it. Files unchanged since the last run (same
   * content, same code version) are not read or extracted again: their articles, extraction and index come from the cache.
   */
  static async open(options: OpenOptions): Promise<Newsdesk> {
    const cache = options.cacheDir === false ? null : new IndexCache(options.cacheDir ?? defaultCacheDir());
    return Newsdesk.fromIndexedAsync(await buildIndexedCorpus(options.corpusDir, { cache }), { cache });
  }

  /** A corpus read in memory, understood and indexed now (no cache). */
  static fromCorpus(corpus: Corpus, knowledge?: Map<string, ArticleKnowledge>): Newsdesk {
    const perArticle = knowledge ?? new Map(corpus.articles.map((a) => [a.id, extractArticle(a)]));
    return Newsdesk.fromIndexed({ corpus, knowledge: perArticle, passages: buildPassageSearch(corpus.articles) });
  }

  /** A corpus already understood and indexed (see pipeline/build.ts). */
  static fromIndexed(parts: IndexedParts): Newsdesk {
    const articles = new Map(parts.corpus.articles.map((a) => [a.id, a]));
    const list = parts.corpus.articles.map((a) => parts.knowledge.get(a.id)!).filter(Boolean);
    return Newsdesk.withMerged(parts, articles, list, mergeEntities(list, articles));
  }

  /**
   * As `fromIndexed`, without stalling the event loop: entities are merged in small steps with pauses, or read from
   * the cache when the same articles (same ids and contents, same code version) were merged before.
   */
  static async fromIndexedAsync(parts: IndexedParts, options: { cache?: SegmentCache | null; startNames?: number } = {}): Promise<Newsdesk> {
    // Every step below runs in slices of a few ms: the previous desk keeps answering meanwhile.
    const pause = slicePause();
    const articles = new Map<string, Article>();
    const withKnowledge: Article[] = [];
    const list: ArticleKnowledge[] = [];
    for (let i = 0; i < parts.corpus.articles.length; i++) {
      const a = parts.corpus.articles[i];
      articles.set(a.id, a);
      const k = parts.knowledge.get(a.id);
      if (k) {
        withKnowledge.push(a);
        list.push(k);
      }
      if (i % 1024 === 1023) await pause();
    }
    const cache = options.cache ?? null;
    const key = cache ? await resultKeyAsync('entities', withKnowledge, cache.version) : '';
    const stored = cache ? await cache.readResult(key) : null;
    let merged = stored ? await readStoredMerge(stored, list, pause) : null;
    const fresh = !merged;
    if (!merged) merged = await mergeEntitiesAsync(list, articles);
    const { quotes, speakers } = await runSliced(quoteSteps(list, merged), pause);
    if (cache && fresh) await cache.writeResult(key, await runSliced(storeMergeSteps(merged, list, speakers), pause)).catch(() => undefined);
    // Autocomplete starts over the best-known names; `warm` completes it (at 100k articles the whole index is a
    // quarter of a second that would hold back every command).
    const entries = await runSliced(completionSteps(merged.entities, quotes, options.startNames ?? START_NAMES), pause);
    const names = { who: await NameIndex.create(entries.who, pause), quote: await NameIndex.create(entries.quote, pause), partial: entries.partial };
    const dates = await runSliced(dateSteps(list), pause);
    const lookups = await buildLookupsAsync({ entities: merged.entities, quotes, knowledge: parts.knowledge });
    return Newsdesk.withMerged(parts, articles, list, merged, { quotes, names, dates, lookups });
  }

  private static withMerged(parts: IndexedParts, articles: Map<string, Article>, list: ArticleKnowledge[], merged: MergedEntities, ready?: { quotes: Quote[]; names: CompletionIndexes; dates: DateMention[]; lookups: Lookups }): Newsdesk {
    const { corpus, knowledge: perArticle, passages } = parts;
    const quotes = ready?.quotes ?? runAtOnce(quoteSteps(list, merged)).quotes;
    const ctx: AnswerContext = {
      corpus,
      articles,
      knowledge: perArticle,
      entities: merged.entities,
      quotes,
      dates: ready?.dates ?? runAtOnce(dateSteps(list)),
      passages,
    };
    ctx.lookups = ready?.lookups ?? buildLookups(ctx);
    return new Newsdesk(ctx, ready?.names);
  }

  /** Answers one command. Throws UserInputError for input that cannot be answered (shown to the user as is). */
  answer(request: AnswerRequest): Answer {
    const typed = request.command === 'sources' ? String(request.query ?? '').trim() : checkQuery(request.query, request.command);
    // Commands match on the query without mentions, emoji, markdown or stray punctuation (a query of nothing else is
    // taken as typed, and answered "nothing matches"); the answer echoes what was typed.
    const query = matchingText(typed) || typed;
    const given = checkOptions(request.command, request.options ?? {});
    const options = given.about === undefined ? given : { ...given, about: matchingText(given.about) || given.about };
    const answer = this.answerMatching(request.command, query, options);
    return answer.query === query && typed !== query ? { ...answer, query: typed } : answer;
  }

  private answerMatching(command: AnswerRequest['command'], query: string, options: AnswerOptions): Answer {
    switch (command) {
      case 'ask':
        return answerAsk(this.ctx, query, options);
      case 'sources':
        return answerSources(this.ctx, query, options);
      case 'who':
        return answerWho(this.ctx, query, options);
      case 'when':
        return answerWhen(this.ctx, query, options);
      case 'quote':
        return answerQuote(this.ctx, query, options);
      case 'brief':
        return answerBrief(this.ctx, query, options);
      default:
        throw new UserInputError(`Unknown command "${String(command)}".`);
    }
  }

  /** Autocomplete over entity names: 'who' ranks by mentions, 'quote' by quote count. */
  complete(kind: 'who' | 'quote', prefix: string, limit = 25): Completion[] {
    const index = kind === 'quote' ? this.names.quote : this.names.who;
    return index.complete(String(prefix ?? '').slice(0, 100), Math.max(0, Math.min(limit, 25))).map(({ name, value, count }) => ({ name, value, count }));
  }

  private warming?: Promise<void>;

  /**
   * Builds the indexes answers otherwise build on their first use (a first /who at 100k articles would stall for
   * about a second), in slices while the event loop keeps serving; stops early once `stopped()` says so. The same
   * promise for every call; it never rejects.
   */
  warm(stopped: () => boolean = () => false): Promise<void> {
    if (!this.warming) {
      const slice = slicePause();
      const pause = async () => {
        if (stopped()) throw new Error('newsdesk: warming stopped');
        await slice();
      };
      this.warming = (async () => {
        if (stopped()) return;
        if (!this.namesWhole) {
          const entries = await runSliced(completionSteps(this.ctx.entities, this.ctx.quotes), pause);
          this.names = { who: await NameIndex.create(entries.who, pause), quote: await NameIndex.create(entries.quote, pause) };
          this.namesWhole = true;
        }
        await runSliced(warmSteps(this.ctx), pause);
      })().catch(() => undefined);
    }
    return this.warming;
  }

  /** The paragraphs around one paragraph, for a "context" view. */
  context(articleId: string, paragraph: number, radius = 1): { article: Article; paragraphs: Paragraph[] } | null {
    const article = this.ctx.articles.get(articleId);
    if (!article) return null;
    const paragraphs = article.paragraphs.filter((p) => Math.abs(p.n - paragraph) <= radius);
    return paragraphs.length ? { article, paragraphs } : null;
  }
}

/** Quotes with their speaker resolved to the merged entity (and the rank of each one's, -1 for none), in steps of a few thousand articles. */
function* quoteSteps(list: ArticleKnowledge[], merged: MergedEntities): Generator<void, { quotes: Quote[]; speakers: Int32Array }> {
  const quotes: Quote[] = [];
  const ranks: number[] = [];
  let n = 0;
  for (let a = 0; a < list.length; a++) {
    const k = list[a];
    for (let i = 0; i < k.quotes.length; i++) {
      const q = k.quotes[i];
      const rank = q.speaker ? merged.ids.rankOf(a, i, q.speaker) : -1;
      const entity = rank >= 0 ? merged.entities[rank] : undefined;
      quotes.push(entity ? withSpeaker(q, entity.id, entity.canonical) : q);
      ranks.push(entity ? rank : -1);
    }
    if (++n % 100 === 0) yield;
  }
  return { quotes, speakers: Int32Array.from(ranks) };
}

/** A quote attributed to a merged entity (an object literal of one shape: a start makes ~100,000 of them). */
function withSpeaker(q: Quote, entityId: string, speaker: string): Quote {
  return { id: q.id, article: q.article, paragraph: q.paragraph, text: q.text, start: q.start, end: q.end, speaker, speakerMention: q.speakerMention, speakerKind: q.speakerKind, entityId, cue: q.cue, partial: q.partial };
}

/** The dates of the corpus, in article order. A photo caption's date dates a picture, not an event. */
function* dateSteps(list: ArticleKnowledge[]): Generator<void, DateMention[]> {
  const dates: DateMention[] = [];
  for (let i = 0; i < list.length; i++) {
    for (const d of list[i].dates) if (!d.caption) dates.push(d);
    if (i % 200 === 199) yield;
  }
  return dates;
}

interface CompletionIndexes {
  who: NameIndex;
  quote: NameIndex;
  /** Over the best-known names only (see `fromIndexedAsync`). */
  partial?: boolean;
}

/** Names each autocomplete index holds from the start of an async desk until `warm` builds it whole. */
const START_NAMES = 5000;

function completionIndexes(ctx: AnswerContext): CompletionIndexes {
  const entries = runAtOnce(completionSteps(ctx.entities, ctx.quotes));
  return { who: new NameIndex(entries.who), quote: new NameIndex(entries.quote) };
}

/**
 * The name lists behind autocomplete (who: by mentions; quote: by quotes), in steps; with `limit`, the `limit` best
 * of each (entities come ranked by mentions).
 */
function* completionSteps(entities: AnswerContext['entities'], quotes: Quote[], limit = Infinity): Generator<void, { who: NameEntry[]; quote: NameEntry[]; partial: boolean }> {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const who: NameEntry[] = [];
  for (let i = 0; i < entities.length && i < limit; i++) {
    const e = entities[i];
    who.push({
      name: `${e.canonical} (${plural(e.mentions, 'mention')})`.slice(0, 100),
      value: e.canonical.slice(0, 100),
      count: e.mentions,
      forms: e.variants.concat(e.canonical),
    });
    if (i % 500 === 499) yield;
  }
  const quoteCounts = new Map<string, number>();
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    if (q.speaker) quoteCounts.set(q.speaker, (quoteCounts.get(q.speaker) ?? 0) + 1);
    if (i % 2000 === 1999) yield;
  }
  let speakers = [...quoteCounts.keys()];
  if (speakers.length > limit) speakers = speakers.sort((a, b) => quoteCounts.get(b)! - quoteCounts.get(a)! || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
  const wanted = new Set(speakers);
  const byCanonical = new Map<string, AnswerContext['entities'][number]>();
  for (let i = 0; i < entities.length; i++) {
    if (wanted.has(entities[i].canonical)) byCanonical.set(entities[i].canonical, entities[i]);
    if (i % 2000 === 1999) yield;
  }
  const quote: NameEntry[] = [];
  for (const speaker of speakers) {
    const count = quoteCounts.get(speaker)!;
    quote.push({
      name: `${speaker} (${plural(count, 'quote')})`.slice(0, 100),
      value: speaker.slice(0, 100),
      count,
      forms: (byCanonical.get(speaker)?.variants ?? []).concat(speaker),
    });
    if (quote.length % 500 === 0) yield;
  }
  return { who, quote, partial: entities.length > limit || quoteCounts.size > limit };
}
