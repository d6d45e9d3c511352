/**
 * Text around the news that is not news: the dateline opening an article (`WASHINGTON DC (TASS): `,
 * `Washington. September 9. INTERFAX - `, `DECATUR, Ill. — `) and photo captions (`Photo: …`, `… (AFP)`, or a present-tense
 * picture description ending in its full date: `Taliban fighters sit on armed vehicles during a parade in
 * Kabul on November 8, 2021`). Captions are no events, key points or quotes.
 */
import { tagsOf } from './lexicon.ts';

const DATELINE_PREFIX = [
  /^[A-Z][A-Za-z .,'-]{1,60}?\s*\([A-Za-z][\w .&-]{1,30}\)\s*[-–—:]\s*/,
  /^[A-Z][A-Za-z .'-]{1,40}?[.,]\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?[.,]?\s+(?:\([A-Za-z][\w .&-]{1,30}\)|[A-Z][A-Za-z-]{2,20})\s*[-–—:]\s*/,
  // `DECATUR, Ill. — `, `WASHINGTON -- `: a place in capitals, perhaps its state, and a dash.
  /^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][a-z]+)?)?\s+(?:[-–—]{1,2})\s+/,
];
/** Shortest text a dateline may leave for the sentence after it. */
const MIN_AFTER_DATELINE = 40;

/** Length of the dateline opening a paragraph's text (0 when none); only the first two paragraphs carry one. */
export function datelineLength(text: string, paragraphNumber: number): number {
  if (paragraphNumber > 2) return 0;
  let lead = 0;
  for (const re of DATELINE_PREFIX) {
    const m = re.exec(text);
    if (m && m[0].length < text.length - MIN_AFTER_DATELINE) lead = m[0].length;
  }
  return lead;
}

const AGENCIES = 'AFP|AP|Reuters|Getty(?: Images)?|EPA|Xinhua|TASS|IRNA|Anadolu|Sputnik|ANI|PTI|Bloomberg|Shutterstock|File';
/**
 * `Photo: …`, `(Photo by …)`, `Image credit`, `© …`, `… (AFP)`, `… / AFP`, `AFP/Getty Images`. A © right after a
 * letter is half of a mis-decoded one (UTF-8 `é` read as Latin-1 is `Ã©`), no credit.
 */
const CREDIT = new RegExp(
  `^\\s*\\(?(?:photo|image|picture|file photo|pictured)\\b\\s*(?::|by|credit|courtesy)|\\((?:photo|image|picture)\\b|\\bphoto by\\b|(?<![A-Za-z\u00C0-\u024F])©|` +
    `[(\\[]\\s*(?:${AGENCIES})(?:\\s*(?:photo|/\\s*[\\w .]+))?\\s*[)\\]]\\s*$|/\\s*(?:${AGENCIES})\\s*\\)?\\s*$`,
  'i',
);
/** A photographer's credit standing alone: `Jo Park via Getty Images.` */
const VIA_CREDIT = new RegExp(`^\\s*(?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,4}via\\s+(?:${AGENCIES})\\s*\\.?\\s*$`, 'u');
/** A picture description dates itself in full at its end: `… in Kabul on November 8, 2021.` */
const DATED_END = /\b(?:on|in)\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})\.?\s*(?:\([^)]*\))?\s*$/;
/** Words that make a sentence a report of the past, not a picture: "said", "was", "had". */
const REPORTING = new Set(['said', 'says', 'told', 'was', 'were', 'had', 'has', 'have', 'will', 'would', 'could', 'after', 'before']);

/**
 * Whether a sentence (or a paragraph of one sentence) is a photo caption: a credit (`Photo: …`, `(AFP)`), or a
 * present-tense description of a picture (`… sit on armed vehicles …`, `… gathers …`) that ends in its full date.
 */
export function isCaption(sentence: string): boolean {
  if (CREDIT.test(sentence) || VIA_CREDIT.test(sentence)) return true;
  if (!DATED_END.test(sentence) || /["“”]/.test(sentence)) return false;
  const words = sentence.match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [];
  let present = false;
  for (const w of words) {
    const lower = w.toLowerCase();
    if (REPORTING.has(lower)) return false;
    const tags = tagsOf(lower);
    if (tags.has('PastTense') && !tags.has('Adjective') && !tags.has('Noun')) return false;
    if (tags.has('PresentTense') || tags.has('Gerund')) present = true;
  }
  return present;
}
