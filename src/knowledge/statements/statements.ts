/**
 * The sentences of an article as answers may show them (the briefing's key points, a person's line): each
 * sentence of a paragraph that reads as prose, after any dateline, boilerplate ("Read more") left out, flagged when it is a photo caption or leans on
 * the sentence before ("He stressed…", "However, …"), with the person an opening he/she refers to when the article
 * makes that clear. Computed at extraction so that answers only select.
 */
import type { ArticleAnalysis } from '../analysis/analyse.ts';
import { isBoilerplate } from '../../corpus/clean.ts';
import type { ArticleEntity, Quote, Statement } from '../types.ts';

/** Openings that make a sentence lean on the one before it. */
const PRONOUN_OPENING = /^(?:(He|She)\b|(According to) (him|her)\b)/;
const DEPENDENT_OPENING =
  /^(?:He|She|They|It|This|That|These|Those|Such|Its|His|Her|Their|However|But|And|Also|Moreover|Meanwhile|Still|Yet|Nevertheless|Nonetheless|Therefore|Thus|So|Instead|Besides|Furthermore|Then|Here|There|At the same time|In addition|In turn|As a result|According to (?:him|her|them|it|the report|this))\b/;

/** The statements of one article. */
export function extractStatements(analysis: ArticleAnalysis, entities: ArticleEntity[], quotes: Quote[]): Statement[] {
  const out: Statement[] = [];
  const people = entities.filter((e) => e.kind === 'person');
  for (const pa of analysis.paragraphs) {
    const { paragraph } = pa;
    const text = paragraph.text;
    // Headlines and section labels are no statements; a caption among them is still flagged, so none is shown.
    const prose = /[.!?"”’)]$/.test(text.trim());
    pa.sentences.forEach((span, k) => {
      if (!prose && !pa.captions[k]) return;
      const start = Math.max(span.start, pa.dateline);
      if (start >= span.end) return;
      const body = text.slice(start, span.end);
      if (isBoilerplate(body)) return;
      const s: Statement = { paragraph: paragraph.n, start, end: span.end };
      if (pa.captions[k]) s.caption = true;
      if (DEPENDENT_OPENING.test(body)) {
        const pronoun = PRONOUN_OPENING.exec(body);
        if (pronoun) {
          s.opens = 'pronoun';
          const word = pronoun[1] ?? pronoun[3];
          s.pronoun = [start + pronoun[0].length - word.length, start + pronoun[0].length];
          const referent = referentOf(people, quotes, paragraph.n, text.slice(0, start));
          if (referent) s.referent = referent;
        } else s.opens = 'dependent';
      }
      out.push(s);
    });
  }
  return out;
}

/**
 * The person a he/she opening a sentence of paragraph `p` most likely means (the article's name for them), or
 * undefined when that is not clear enough to print. `before`: the paragraph's text before the sentence.
 */
function referentOf(people: ArticleEntity[], quotes: Quote[], p: number, before: string): string | undefined {
  // 1. The quote attribution may already have resolved "he" in this paragraph to a speaker.
  const here = quotes.find((x) => x.paragraph === p && x.speaker && x.speakerKind === 'person' && /^(he|she)$/i.test(x.speakerMention ?? ''));
  if (here?.speaker) return here.speaker;
  // 2. The speaker of the last quotation just before is the subject the pronoun continues.
  const last = quotes.filter((x) => x.paragraph === p - 1 || (x.paragraph === p && before.includes(x.text.slice(0, 20)))).pop();
  if (last) return last.speakerKind === 'person' && last.speaker ? last.speaker : undefined;
  // 3. The person the article mentions most among those named in this paragraph or the three before, if clearly ahead.
  const candidates = people
    .filter((e) => e.paragraphs.some((n) => n < p && n >= p - 3) || (e.paragraphs.includes(p) && e.variants.some((v) => before.includes(v))))
    .map((e) => ({ name: e.canonical, score: e.mentions }))
    .sort((a, b) => b.score - a.score);
  if (!candidates.length || (candidates[1] && candidates[0].score < 2 * candidates[1].score)) return undefined;
  return candidates[0].name;
}
