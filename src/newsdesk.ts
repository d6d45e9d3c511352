import type { Article, Corpus, Paragraph } from './corpus/types.ts';
import { loadCorpus } from './corpus/load.ts';
import { extractArticle } from './knowledge/extract.ts';
import { mergeEntities } from './knowledge/merge.ts';
import type { ArticleKnowledge, Quote } from './knowledge/types.ts';
import { buildPassageSearch } from './search/passages.ts';
import type { AnswerContext } from './answers/context.ts';
import type { Answer, AnswerRequest } from './answers/types.ts';
import { UserInputError } from './answers/types.ts';
import { answerAsk } from './answers/ask.ts';
import { answerSources } from './answers/sources.ts';
import { answerWho } from './answers/who.ts';
import { answerWhen } from './answers/when.ts';
import { answerQuote } from './answers/quote.ts';
import { answerBrief } from './answers/brief.ts';
import { checkQuery } from './answers/query.ts';

export interface OpenOptions {
  corpusDir: string;
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

  private constructor(ctx: AnswerContext) {
    this.ctx = ctx;
  }

  /** Reads, cleans and understands the corpus folder, and indexes it. */
  static async open(options: OpenOptions): Promise<Newsdesk> {
    const corpus = await loadCorpus(options.corpusDir);
    return Newsdesk.fromCorpus(corpus);
  }

  static fromCorpus(corpus: Corpus, knowledge?: Map<string, ArticleKnowledge>): Newsdesk {
    const articles = new Map(corpus.articles.map((a) => [a.id, a]));
    const perArticle = knowledge ?? new Map(corpus.articles.map((a) => [a.id, extractArticle(a)]));
    const list = corpus.articles.map((a) => perArticle.get(a.id)!).filter(Boolean);
    const merged = mergeEntities(list, articles);
    const quotes: Quote[] = [];
    for (const k of list) {
      for (const q of k.quotes) {
        const entityId = q.speaker ? merged.idOf.get(`${k.article}\u0000${q.speaker}`) : undefined;
        const entity = entityId ? merged.entities.find((e) => e.id === entityId) : undefined;
        quotes.push(entity ? { ...q, entityId, speaker: entity.canonical } : q);
      }
    }
    const ctx: AnswerContext = {
      corpus,
      articles,
      knowledge: perArticle,
      entities: merged.entities,
      quotes,
      dates: list.flatMap((k) => k.dates),
      passages: buildPassageSearch(corpus.articles),
    };
    return new Newsdesk(ctx);
  }

  /** Answers one command. Throws UserInputError for input that cannot be answered (shown to the user as is). */
  answer(request: AnswerRequest): Answer {
    const query = request.command === 'sources' ? request.query.trim() : checkQuery(request.query, request.command);
    const options = request.options ?? {};
    switch (request.command) {
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
        throw new UserInputError(`Unknown command "${String((request as { command: unknown }).command)}".`);
    }
  }

  /** Autocomplete over entity names: 'who' ranks by mentions, 'quote' by quote count. */
  complete(kind: 'who' | 'quote', prefix: string, limit = 25): Completion[] {
    const p = prefix.trim().toLowerCase();
    const quoteCounts = new Map<string, number>();
    for (const q of this.ctx.quotes) if (q.speaker) quoteCounts.set(q.speaker, (quoteCounts.get(q.speaker) ?? 0) + 1);
    const rows: Completion[] = [];
    if (kind === 'quote') {
      for (const [speaker, count] of quoteCounts) {
        const entity = this.ctx.entities.find((e) => e.canonical === speaker);
        const names = entity ? entity.variants.concat(speaker) : [speaker];
        if (!p || names.some((n) => n.toLowerCase().includes(p))) {
          rows.push({ name: `${speaker} (${count} quote${count === 1 ? '' : 's'})`.slice(0, 100), value: speaker.slice(0, 100), count });
        }
      }
    } else {
      for (const e of this.ctx.entities) {
        if (!p || e.variants.concat(e.canonical).some((n) => n.toLowerCase().includes(p))) {
          rows.push({ name: `${e.canonical} (${e.mentions} mention${e.mentions === 1 ? '' : 's'})`.slice(0, 100), value: e.canonical.slice(0, 100), count: e.mentions });
        }
      }
    }
    rows.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return rows.slice(0, limit);
  }

  /** The paragraphs around one paragraph, for a "context" view. */
  context(articleId: string, paragraph: number, radius = 1): { article: Article; paragraphs: Paragraph[] } | null {
    const article = this.ctx.articles.get(articleId);
    if (!article) return null;
    const paragraphs = article.paragraphs.filter((p) => Math.abs(p.n - paragraph) <= radius);
    return paragraphs.length ? { article, paragraphs } : null;
  }
}
