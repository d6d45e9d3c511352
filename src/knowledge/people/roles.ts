/**
 * Roles stated next to a name: premodifiers ("State Department spokesman Ned Price"), appositives after
 * ("Sarah Charles, USAID's chief humanitarian aid") and before ("The US special envoy to Afghanistan, Thomas
 * West,"), and succession ("appointed ... to succeed Zalmay Khalilzad").
 */

import { DEMONYMS, TITLES, PORTFOLIOS, ROLE_MODIFIERS, ROLE_NOUNS, type Token } from './name-forms.ts';

const CONNECTORS = new Set(['of', 'for', 'to', 'in', 'on', 'at', 'and']);
const STOP_BACK = new Set(['the', 'a', 'an', 'by', 'with', 'said', 'says', 'told', 'according', 'from', 'as', 'that', 'when', 'while', 'after', 'before', 'and', 'or', 'but', 'his', 'her', 'their', 'its', 'our']);
const CLAUSE_WORDS = new Set(['said', 'says', 'say', 'told', 'tells', 'who', 'whom', 'which', 'that', 'is', 'was', 'were', 'are', 'has', 'have', 'had', 'will', 'would', 'and', 'or', 'but', 'added', 'stressed', 'noted', 'confirmed', 'announced', 'when', 'where', 'while', 'if', 'he', 'she', 'they', 'it', 'we', 'i', 'you']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'this', 'that']);
const MAX_ROLE_WORDS = 14;

export function isRoleNoun(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, '');
  return ROLE_NOUNS.has(w) || (w.includes('-') && w.split('-').some((p) => ROLE_NOUNS.has(p)));
}

/**
 * The lexicon's verb tag when the token carries tags (entities.ts passes them); role nouns never count, nor a
 * word modifying the role noun after it ("shop owner", "press secretary").
 */
function isVerb(t: Token, next?: Token): boolean {
  const tags = (t as Token & { tags?: ReadonlySet<string> }).tags;
  return !!tags && tags.has('Verb') && !isRoleNoun(t.text) && !(next?.word && isRoleNoun(next.text));
}

function isPersonName(t: Token): boolean {
  const tags = (t as Token & { tags?: ReadonlySet<string> }).tags;
  return !!tags && t.cap && (tags.has('FirstName') || tags.has('Person'));
}

function hasRoleNoun(tokens: Token[]): boolean {
  return tokens.some((t) => t.word && isRoleNoun(t.text));
}

/** Display text for a token range [from, to) of the paragraph. */
function textOf(display: string, tokens: Token[], from: number, to: number): string {
  if (from >= to) return '';
  return display.slice(tokens[from].start, tokens[to - 1].end);
}

/** Role words written right before the name (tokens[nameStart]), back to a determiner, verb or punctuation. */
export function premodifierRole(display: string, tokens: Token[], nameStart: number): string | null {
  let i = nameStart - 1;
  let from = nameStart;
  let words = 0;
  while (i >= 0 && words < MAX_ROLE_WORDS) {
    const t = tokens[i];
    const lower = t.text.toLowerCase();
    if (!t.word) {
      if (t.text === "'s" || t.text === '’s' || t.text === '-' || t.text === '.') {
        i--;
        continue;
      }
      break;
    }
    const accept =
      isRoleNoun(lower) ||
      ROLE_MODIFIERS.has(lower) ||
      PORTFOLIOS.has(lower) ||
      DEMONYMS.has(lower) ||
      TITLES.has(lower) ||
      (t.cap && !STOP_BACK.has(lower)) ||
      (CONNECTORS.has(lower) && lower !== 'and' && i > 0 && tokens[i - 1].word && isRoleNoun(tokens[i - 1].text)) ||
      /-/.test(lower);
    if (!accept || STOP_BACK.has(lower)) break;
    from = i;
    words++;
    i--;
  }
  if (from >= nameStart) return null;
  // Drop leading connectors; the role must name an office.
  while (from < nameStart && (!tokens[from].word || CONNECTORS.has(tokens[from].text.toLowerCase()))) from++;
  const span = tokens.slice(from, nameStart);
  if (!hasRoleNoun(span)) return null;
  // End at the last role noun, portfolio or capitalised word (never on a connector).
  let to = nameStart;
  while (to > from && (!tokens[to - 1].word || CONNECTORS.has(tokens[to - 1].text.toLowerCase()))) to--;
  return clean(textOf(display, tokens, from, to));
}

/** "Name, a top Trump surrogate," → "top Trump surrogate". */
export function appositiveAfter(display: string, tokens: Token[], nameEnd: number): string | null {
  if (tokens[nameEnd]?.text !== ',') return null;
  let j = nameEnd + 1;
  const from = j;
  let words = 0;
  while (j < tokens.length && words <= MAX_ROLE_WORDS) {
    const t = tokens[j];
    if (!t.word && /^[,.;:)(!?"\u201c\u201d\u2014\u2013]$/.test(t.text)) break;
    if (t.word) {
      const lower = t.text.toLowerCase();
      if (CLAUSE_WORDS.has(lower) || /^\d/.test(lower) || isVerb(t, tokens[j + 1]) || isPersonName(t)) return null;
      words++;
    }
    j++;
  }
  if (words === 0 || words > MAX_ROLE_WORDS) return null;
  const span = tokens.slice(from, j);
  if (!hasRoleNoun(span)) return null;
  return stripDeterminer(textOf(display, tokens, from, j));
}

/** "The US special envoy to Afghanistan, Thomas West," → "US special envoy to Afghanistan". */
export function appositiveBefore(display: string, tokens: Token[], nameStart: number, sentenceStart: number): string | null {
  const comma = nameStart - 1;
  if (tokens[comma]?.text !== ',') return null;
  let i = comma - 1;
  while (i >= sentenceStart && !/^[,;:(\u2014\u2013"\u201c]$/.test(tokens[i].text)) i--;
  const from = i + 1;
  const span = tokens.slice(from, comma);
  const words = span.filter((t) => t.word);
  if (words.length < 2 || words.length > MAX_ROLE_WORDS) return null;
  const first = words[0].text.toLowerCase();
  if (!DETERMINERS.has(first) && !DEMONYMS.has(first) && !isRoleNoun(first) && !ROLE_MODIFIERS.has(first)) return null;
  if (words.some((t, k) => (CLAUSE_WORDS.has(t.text.toLowerCase()) && !DETERMINERS.has(t.text.toLowerCase())) || isVerb(t, words[k + 1]))) return null;
  if (!hasRoleNoun(span)) return null;
  return stripDeterminer(textOf(display, tokens, from, comma));
}

const SUCCESSION = /\b(?:to\s+succeed|succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing)|successor\s+to|took\s+over\s+from|taking\s+over\s+from|takes\s+over\s+from)\s+$/i;

/** When the name is the object of "succeed"/"replace", the text before it (to look for who succeeds). */
export function succeeds(norm: string, nameStartChar: number): boolean {
  return SUCCESSION.test(norm.slice(Math.max(0, nameStartChar - 40), nameStartChar));
}

function stripDeterminer(s: string): string {
  return clean(s.replace(/^(?:the|a|an|its|his|her|their|our)\s+/i, ''));
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s,;:]+|[\s,;:]+$/g, '');
}
