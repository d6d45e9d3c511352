/**
 * Direct quotations in one article with their speakers: quoted spans found by their marks
 * (marks.ts, read by the article's analysis), then each attributed from the cue around it (speakers/). Scare
 * quotes, quoted titles and quotes in photo captions are dropped. Never throws: an article it cannot read yields
 * no quotes.
 */
import { rawOffset } from '../../corpus/offsets.ts';
import { isCaptionAt, type ArticleAnalysis } from '../analysis/analyse.ts';
import { SpeakerResolver } from '../speakers/resolver.ts';
import type { ArticleEntity, Quote } from '../types.ts';

export function extractQuotes(analysis: ArticleAnalysis, entities: ArticleEntity[]): Quote[] {
  try {
    return findQuotes(analysis, entities);
  } catch {
    return [];
  }
}

/** The sentences (`Token.sent`) of the article's photo captions and credits. */
function captionSentences(analysis: ArticleAnalysis): Set<number> {
  const found = new Set<number>();
  if (!analysis.paragraphs.some((p) => p.captions.some(Boolean))) return found;
  for (const t of analysis.tokens) if (!found.has(t.sent) && isCaptionAt(analysis, t.para, t.start)) found.add(t.sent);
  return found;
}

function findQuotes(analysis: ArticleAnalysis, entities: ArticleEntity[]): Quote[] {
  const { article, spans, tokens } = analysis;
  const paragraphs = article.paragraphs ?? [];
  if (!paragraphs.length || !tokens.length) return [];
  const attributions = new SpeakerResolver(tokens, paragraphs, spans, entities ?? [], captionSentences(analysis)).attribute();
  const quotes: Quote[] = [];
  spans.forEach((span, k) => {
    if (span.scare || isCaptionAt(analysis, span.para, span.start)) return;
    const p = paragraphs[span.para];
    const att = attributions.get(k) ?? { speaker: null, speakerMention: null, speakerKind: 'unknown' as const, cue: null };
    quotes.push({
      id: `${article.id}#${quotes.length}`,
      article: article.id,
      paragraph: p.n,
      text: p.text.slice(span.start, span.end),
      start: rawOffset(p, span.start),
      end: rawOffset(p, span.end - 1) + 1,
      speaker: att.speaker,
      speakerMention: att.speakerMention,
      speakerKind: att.speaker ? att.speakerKind : 'unknown',
      cue: att.cue,
      partial: span.partial,
    });
  });
  return quotes;
}
