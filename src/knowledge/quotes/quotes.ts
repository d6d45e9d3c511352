import type { Article } from '../../corpus/types.ts';
import { rawOffset } from '../../corpus/offsets.ts';
import { scanQuotes } from './marks.ts';
import { tokenize } from '../analysis/tokens.ts';
import { SpeakerResolver } from '../speakers/resolver.ts';
import type { ArticleEntity, Quote } from '../types.ts';

/**
 * Direct quotations in one article with their speakers: quoted spans found by their marks
 * (quote-marks.ts), then each attributed from the cue around it (speakers.ts). Scare quotes and quoted
 * titles are dropped. Never throws: an article it cannot read yields no quotes.
 */
export function extractQuotes(article: Article, entities: ArticleEntity[]): Quote[] {
  try {
    return findQuotes(article, entities);
  } catch {
    return [];
  }
}

function findQuotes(article: Article, entities: ArticleEntity[]): Quote[] {
  const paragraphs = article.paragraphs ?? [];
  if (!paragraphs.length) return [];
  const spans = scanQuotes(paragraphs);
  if (!spans.some((s) => !s.scare)) return [];
  const tokens = tokenize(paragraphs, spans);
  const attributions = new SpeakerResolver(tokens, paragraphs, spans, entities ?? []).attribute();
  const quotes: Quote[] = [];
  spans.forEach((span, k) => {
    if (span.scare) return;
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
