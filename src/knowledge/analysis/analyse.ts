/**
 * One analysis per article, computed once and read by every extractor (quotes, speakers, people, dates, the
 * sentences answers pick): per paragraph its sentences (one splitter), its words with their lexicon tags (names),
 * its dateline and its photo captions; for the article its quoted spans and, when it quotes anyone, its clause
 * tokens with the quotations masked (read from those same sentences and words). Nothing downstream re-splits or
 * re-tokenises.
 */
import type { Article, Paragraph } from '../../corpus/types.ts';
import { scanQuotes, type QuoteSpan } from '../quotes/marks.ts';
import { datelineLength, isCaption } from './furniture.ts';
import { splitSentences, type SentenceSpan } from './sentences.ts';
import { tokenize, type Token } from './tokens.ts';
import { taggedWords, type TaggedWord } from './word-tokens.ts';

export interface ParagraphAnalysis {
  paragraph: Paragraph;
  /** Sentences of `paragraph.norm` (offsets valid in `text` too). */
  sentences: SentenceSpan[];
  /** Words and punctuation of `paragraph.norm`, with lexicon tags. */
  words: TaggedWord[];
  /** Length of a dateline opening the paragraph (`WASHINGTON (TASS) - `), or 0. */
  dateline: number;
  /** Per sentence: a photo caption, not a statement. */
  captions: boolean[];
}

export interface ArticleAnalysis {
  article: Article;
  /** One per `article.paragraphs`, same order. */
  paragraphs: ParagraphAnalysis[];
  /** Quoted spans (scare quotes included). */
  spans: QuoteSpan[];
  /** Clause tokens with each quoted span masked to one placeholder token; empty when nothing is quoted. */
  tokens: Token[];
}

/** The analysis of one article. Pure and synchronous. */
export function analyseArticle(article: Article): ArticleAnalysis {
  const paragraphs = (article.paragraphs ?? []).map((paragraph) => analyseParagraph(paragraph));
  let spans: QuoteSpan[] = [];
  let tokens: Token[] = [];
  try {
    spans = scanQuotes(article.paragraphs ?? []);
    if (spans.some((s) => !s.scare)) tokens = tokenize(paragraphs, spans);
  } catch {
    // An article whose quotes cannot be read yields none; names and dates still stand.
  }
  return { article, paragraphs, spans, tokens };
}

function analyseParagraph(paragraph: Paragraph): ParagraphAnalysis {
  const norm = paragraph.norm ?? '';
  const sentences = norm.trim() ? splitSentences(norm) : [];
  const whole = sentences.length === 1;
  return {
    paragraph,
    sentences,
    words: norm.trim() ? taggedWords(norm) : [],
    dateline: datelineLength(paragraph.text, paragraph.n),
    // A credit at a paragraph's end marks the whole paragraph as a caption.
    captions: sentences.map((s) => isCaption(norm.slice(s.start, s.end)) || (!whole && isCaption(norm) && /[)\]]\s*$/.test(norm))),
  };
}

/** Whether the sentence holding offset `at` of paragraph index `para` is a photo caption. */
export function isCaptionAt(analysis: ArticleAnalysis, para: number, at: number): boolean {
  const pa = analysis.paragraphs[para];
  if (!pa) return false;
  const k = pa.sentences.findIndex((s) => at >= s.start && at < s.end);
  return k >= 0 && pa.captions[k];
}
