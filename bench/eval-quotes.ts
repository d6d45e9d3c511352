/**
 * Quote extraction and speaker attribution measured on PolNeAR (Newell, Margolin & Ruths, LREC 2018).
 *
 *   npx tsx bench/eval-quotes.ts [polnearDir] [--split dev|train] [--half a|b] [--errors N]
 *
 * Gold: for each article, the first annotator's file (sorted by name). A gold direct quote is an
 * Attribution whose Content starts with a quote mark (`"`, `“`, `”`, or `''`). Its span is the union of its
 * Content segments with the outer quote marks, spaces and a closing comma trimmed (ours exclude them too).
 *
 * Matching at threshold τ (0.3 and 0.8):
 * - recall: a gold quote is found when our quotes together cover ≥ τ of its characters (a quote split by a
 *   cue, `"…," he said, "…"`, is one gold Content but two of ours);
 * - precision: one of our quotes is right when ≥ τ of its characters lie inside gold direct quotes. One that
 *   instead lies inside another gold Content (a quote within reported speech, which PolNeAR does not count as
 *   direct) is neutral: neither right nor wrong. Anything else is wrong (scare quotes, titles, misparses).
 *
 * Speakers, on gold quotes found at τ = 0.3 (our quote overlapping it most). A Content whose Source comes after it
 * (or stands between its pieces after "according to") and that runs on past its quote into its own cue (`“…,”
 * Grayson said` in "according to Frankel", `“…,” the pope told reporters, according to Reuters, during …`) is
 * judged on that inner speaker, the one who said the words; the Source is who reported them:
 * - gold Source with a proper name (capitalised word not a title, parentheses dropped; not a description whose
 *   capitals only modify its head, "the Florida senator", which is resolved like "the senator"): "named"; ours is
 *   right when its surname — or its first word: a given name, a surname written first — equals (accents/case
 *   folded, one letter of slack) the Source's last name word —
 *   of the phrase before a comma or "of", or of the name in apposition after a description ("the White House
 *   spokesman, Josh Earnest" → Earnest; "Secretary of State John Kerry" is kept whole); an organisation of
 *   ours matches when one of its words (possessive dropped) is that word;
 * - gold Source a pronoun or definite description ("he", "the senator"): resolved to the nearest preceding
 *   named gold Source in the article that reads as a person ("it", "which", "that": as an organisation),
 *   judged on the name proper ending its naming phrase (no organisation word, not an acronym; for
 *   he/she, not a first name of the other sex, the first name read from any Source with that surname) —
 *   PolNeAR has no coreference links, so this stands in for one; then scored as named. Those with no such
 *   Source before them are not scored (counted);
 * - gold Source an indefinite or plural description ("a spokesman", "officials", a quantifier opening the sentence with no
 *   name after it: "Some chanted", "Others", "Some Democrats"), or a definite one headed by
 *   a document or organisation noun ("the statement", "the campaign"): ours is right when it kept
 *   an unnamed/organisation speaker with the same head noun (the last word before a comma, a prepositional
 *   phrase or a relative clause: "one owner of a shop that sells …" → owner).
 * - gold Source a headline (four or more words, all in capitals: a newsletter's item title) or a cue verb: it names
 *   nobody, not scored.
 *
 * Pronoun and description Sources are also judged on antecedents labelled by hand (bench/antecedents/<split>.tsv,
 * made with bench/antecedents.ts: each item read blind, without the stand-in or our answer), compared by the
 * label's name word its article writes most. This is the figure to trust: the stand-in names the referent a reader
 * names for only about 82% of items, on train and on dev alike.
 */
import { analyseArticle, isCaptionAt } from '../src/knowledge/analysis/analyse.ts';
import { rawOffset } from '../src/corpus/offsets.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleFromText } from '../src/corpus/load.ts';
import { extractQuotes } from '../src/knowledge/quotes/quotes.ts';
import { cueWords } from '../src/knowledge/analysis/words.ts';
import { foldName, genderOfFirstName, lexTags, sameSurname, surnameOf } from '../src/knowledge/analysis/names.ts';
import type { Quote } from '../src/knowledge/types.ts';

interface Span {
  start: number;
  end: number;
}

interface GoldAttribution {
  content: Span[];
  source: Span[];
  direct: boolean;
}

export interface QuoteEvalMetrics {
  split: string;
  half?: 'a' | 'b';
  articles: number;
  goldDirect: number;
  predicted: number;
  neutral: number;
  at03: { precision: number; recall: number; f1: number };
  at08: { precision: number; recall: number; f1: number };
  speakerNamed: { correct: number; total: number; accuracy: number };
  speakerPronounDescription: { correct: number; total: number; accuracy: number; unscored: number };
  /**
   * The same quotes judged on antecedents labelled by hand (bench/antecedents/<split>.tsv), when there are labels:
   * items labelled NOBODY or UNCLEAR are not scored, items without a label are counted apart.
   */
  speakerPronounLabelled?: { correct: number; total: number; accuracy: number; unlabelled: number };
  speakerUnnamed: { correct: number; total: number; accuracy: number };
  msPerArticle: number;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'him', 'her', 'them', 'you', 'who', 'which', 'that']);
const NEUTER = new Set(['it', 'which', 'that']);
const DESCRIPTION_CUT = new Set(
  'of for with in at on from by about to who whom whose that which familiar involved close speaking knowledgeable briefed'.split(' '),
);
const TITLE_WORDS = new Set(
  'the a an mr mrs ms dr sen rep gov president senator secretary minister former vice republican democratic democrat republicans democrats gop presidential nominee candidate u.s us american'.split(
    ' ',
  ),
);
const QUANTIFIERS = new Set(['some', 'another', 'others', 'many', 'most', 'several', 'few', 'both', 'all', 'one']);
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'some', 'two', 'three', 'several', 'many', 'other', 'most']);

function parseAnn(ann: string, text: string): GoldAttribution[] {
  const spans = new Map<string, { type: string; spans: Span[] }>();
  const events: Array<Record<string, string[]>> = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t(\w+) ([\d ;]+)\t/.exec(line);
    if (t) {
      const segs = t[3].split(';').map((seg) => {
        const [a, b] = seg.trim().split(/\s+/).map(Number);
        return { start: a, end: b };
      });
      spans.set(t[1], { type: t[2], spans: segs });
      continue;
    }
    const e = /^E\d+\t(.*)$/.exec(line);
    if (e) {
      const args: Record<string, string[]> = {};
      // A role may be filled more than once (`Content:T29 … Content2:T33`: a quote broken by its cue, annotated as
      // two spans): every filler is kept.
      for (const part of e[1].trim().split(/\s+/).slice(1)) {
        const [k, v] = part.split(':');
        if (k && v) (args[k.replace(/\d+$/, '')] ??= []).push(v);
      }
      events.push(args);
    }
  }
  const out: GoldAttribution[] = [];
  for (const ev of events) {
    const content = (ev.Content ?? []).flatMap((id) => spans.get(id)?.spans ?? []);
    if (!content.length) continue;
    const sorted = [...content].sort((x, y) => x.start - y.start);
    const first = text.slice(sorted[0].start, sorted[0].start + 2);
    const direct = /^["“”]/.test(first) || first === "''";
    out.push({ content: sorted, source: (ev.Source ?? []).flatMap((id) => spans.get(id)?.spans ?? []), direct });
  }
  return out;
}

/** Gold direct-quote span trimmed like ours: outer marks, spaces, closing commas off. */
function trimGold(segs: Span[], text: string): Span[] {
  const out = segs.map((s) => ({ ...s }));
  const first = out[0];
  const last = out[out.length - 1];
  while (first.start < first.end && /[\s"“”'‘’]/.test(text[first.start])) first.start++;
  while (last.end > last.start && /[\s"“”'‘’,]/.test(text[last.end - 1])) last.end--;
  return out.filter((s) => s.end > s.start);
}

const len = (segs: Span[]) => segs.reduce((n, s) => n + s.end - s.start, 0);

function overlap(a: Span, segs: Span[]): number {
  let n = 0;
  for (const s of segs) n += Math.max(0, Math.min(a.end, s.end) - Math.max(a.start, s.start));
  return n;
}

function unionOverlap(preds: Span[], segs: Span[]): number {
  // Our quotes never overlap each other, so the sum is the union.
  return preds.reduce((n, p) => n + overlap(p, segs), 0);
}

type SourceClass = 'named' | 'pronoun' | 'definite' | 'unnamed' | 'none';

function sourceText(a: GoldAttribution, text: string): string {
  // Quoted words annotated into a Source span (`Gingrich "He should …"`) are not part of the source.
  // "According to" annotated as (or into) a Source is the cue, not who spoke.
  return a.source
    .map((s) => text.slice(s.start, s.end))
    .join(' ')
    .replace(/["“][^"”]*["”]/g, ' ')
    .replace(/^\s*according to\b/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The speaker a gold direct Content names inside itself, when the Content runs past its closing quote mark into
 * its own cue: `“…,” Grayson said` as the Content of "according to Frankel", `“…,” the judge said` of "according
 * to the Post". The Source is then who reported the words; the speaker of the quoted words is the inner one.
 */
function innerSource(a: GoldAttribution, text: string): { text: string; at: number } | null {
  if (!a.direct || !a.source.length) return null;
  const from = a.content[0].start;
  const to = a.content[a.content.length - 1].end;
  // Only a Content reported by a Source after it: `“…,” Grayson said, according to Frankel`. A Source inside the
  // Content (`“…,” Clinton said, “…”`) or before it (`Fallon said: “…,” he added`) is the speaker already.
  // A Source inside the Content's span is its speaker (`“…,” Clinton said, “…”`), unless it is the one the words
  // are "according to", set between the Content's pieces (`“…,” the pope told reporters, according to Reuters, during …`).
  const reporter = (s: Span) => s.start >= to || (s.start > from && /\baccording to\s*$/i.test(text.slice(Math.max(from, s.start - 20), s.start)) && !a.content.some((c) => s.start < c.end && s.end > c.start));
  if (!a.source.every(reporter)) return null;
  // The narrative gaps of the Content: after a closing mark, up to the next opening mark or the Content's end.
  const closing = /(?<=[^\s])(”|"|'')(?=[\s,.;:]|$)/g;
  closing.lastIndex = from;
  for (let m = closing.exec(text); m && m.index < to; m = closing.exec(text)) {
    const at = m.index + m[0].length;
    const next = text.slice(at, to).search(/["“]|''/);
    const found = cueInGap(text.slice(at, next < 0 ? to : at + next));
    if (found) return { text: found.text, at: at + found.offset };
  }
  return null;
}

/** `, Grayson said Monday`, `, the judge said`, `, said Sen. Jim Smith`: the speaker phrase of a cue in a gap. */
function cueInGap(whole: string): { text: string; offset: number } | null {
  // One sentence: the gap up to its first full stop — not the stop of an abbreviation before a name (`Mr. Pence
  // said`, `Sen. Ann Pyle said`, `John F. Kerry said`).
  const stop = whole.search(/(?<!\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St|Jr|Sr|\p{Lu}))[.!?](\s|$)/u);
  const gap = stop < 0 ? whole : whole.slice(0, stop);
  const words = [...gap.matchAll(/[^\s,]+/g)];
  if (!words.length || !/^[\s,]*$/.test(gap.slice(0, words[0].index))) return null;
  const cue = words.findIndex((w) => cueWords.verbs.has(w[0].toLowerCase()));
  if (cue < 0 || cue > 6) return null;
  let np = words.slice(0, cue);
  if (!cue) {
    // Inverted: the words after the cue, up to a comma or a preposition/relative word.
    np = [];
    for (const w of words.slice(1, 7)) {
      if (DESCRIPTION_CUT.has(w[0].toLowerCase())) break;
      np.push(w);
      if (gap[w.index! + w[0].length] === ',') break;
    }
  }
  if (!np.length || np.length > 6 || !namesSpeaker(np.map((w) => w[0].replace(/[,.]$/, '')))) return null;
  const start = np[0].index!;
  const end = np[np.length - 1].index! + np[np.length - 1][0].length;
  return { text: gap.slice(start, end).trim(), offset: start };
}

/** Words that may form the speaker phrase of a cue: a pronoun, capitalised words, or a determiner and its noun phrase. */
function namesSpeaker(words: string[]): boolean {
  if (words.length === 1 && PRONOUNS.has(words[0].toLowerCase()) && !NEUTER.has(words[0].toLowerCase())) return true;
  const determiner = /^(the|a|an|his|her|their)$/i.test(words[0]);
  // Lowercase words after a determiner ("the judge") or as role words before a name ("Gowdy spokesman Jamal Ware").
  const lowerOk = (w: string, i: number) => /^[\p{Ll}-]+$/u.test(w) && !NOT_IN_SPEAKER.has(w) && (determiner || words.slice(i + 1).some((x) => /^\p{Lu}/u.test(x)));
  return words.every((w, i) => (i === 0 && determiner) || /^\p{Lu}/u.test(w) || lowerOk(w, i));
}
const NOT_IN_SPEAKER = new Set('and or but if that which there in on of to for at by with from will would could should can may might must did does do has have had is are was were be not'.split(' '));

const DESCRIPTION_OPENERS = /^(the|a|an|one|another|his|her|their|its|our|my)\b/i;

function nameWords(phrase: string): string[] {
  // Whole words, so that a name garbled in the source text ("SarukhÃÂ¡n") is not cut at its first odd character.
  const words = (phrase.match(/[\p{Lu}][^\s,;:()"“”]*/gu) ?? []).map((w) => w.replace(/[^\p{L}.]+$/u, ''));
  return words.map((w) => w.replace(/['’]s$/, '').replace(/\.$/, '')).filter((w) => !TITLE_WORDS.has(w.toLowerCase()) && !/^(Jr|Sr|II|III)$/.test(w));
}

/**
 * The phrase of a Source that names its speaker: the first one, or — when the first is a description
 * ("the White House spokesman, Josh Earnest", "Mr. Trump's campaign chairman, Paul Manafort", "his best friend
 * at Lehigh, Bruce Turry") — the name in apposition after it.
 */
function namePhrase(source: string): string {
  const parts = source
    .replace(/\([^)]*\)/g, ' ')
    // A relative clause with no comma before it is no part of the name: "Sen. Jim Whelan who represents Atlantic City".
    .replace(/\s(who|whom|whose|which|that)\s.*$/, '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const head = parts[0] ?? '';
  const lastWord = head.split(/\s+/).pop() ?? '';
  // Role words before a name are no description: "undecided Republican voter Stephanie Hooton of Derry, N.H.".
  const roleThenName = /^\p{Ll}/u.test(head) && !DESCRIPTION_OPENERS.test(head) && /^\p{Lu}/u.test(beforeOf(head).trim().split(/\s+/).pop() ?? '');
  const description = !roleThenName && (DESCRIPTION_OPENERS.test(head) || /^\p{Ll}/u.test(head) || /^\p{Ll}/u.test(lastWord));
  if (description) {
    // The name in apposition, role words allowed before it: "Clinton's introducer, actress Jamie Lee Curtis".
    const named = (p: string) => /^\p{Lu}/u.test(p) || /^\p{Lu}/u.test(beforeOf(p).trim().split(/\s+/).pop() ?? '');
    const apposition = parts.slice(1).find((p) => named(p) && !DESCRIPTION_OPENERS.test(p) && nameWords(beforeOf(p)).length);
    if (apposition) return beforeOf(apposition);
    // "the Florida senator", "the New Jersey governor": a description whose capitals are modifiers, no name.
    if (DESCRIPTION_OPENERS.test(head) && /^\p{Ll}/u.test(lastWord) && !/\bof\b/.test(head)) return '';
  }
  return beforeOf(head);
}

/** "Jeffrey Lewis of the James Martin Center" → "Jeffrey Lewis"; "Secretary of State John Kerry" stays whole. */
function beforeOf(phrase: string): string {
  const [before, ...rest] = phrase.split(/\bof\b/);
  if (!rest.length) return phrase;
  const words = before.trim().split(/\s+/);
  const title = (w: string) => cueWords.titles.has(w.toLowerCase().replace(/\.$/, ''));
  if (words.length === 1 && title(words[0])) return phrase;
  // A title holding "of" after other role words names the person after it: "RNC Chief of Staff Katie Walsh",
  // "former Secretary of State Hillary Clinton" (not a description: "a professor of law at Yale").
  if (title(words[words.length - 1]) && /^\p{Lu}/u.test(words[words.length - 1]) && !DESCRIPTION_OPENERS.test(before.trim())) return phrase;
  return before;
}

/** The name word to compare by: the last capitalised non-title word of the naming phrase, parentheses dropped. */
export function nameKey(source: string): string | null {
  const names = nameWords(namePhrase(source));
  return names.length ? names[names.length - 1] : null;
}

/** A named Source that reads as a person of a compatible sex (for the pronoun/description proxy). */
function personLike(source: string, pronoun: string, article: Array<{ text: string }> = []): boolean {
  // Judged on the name proper — the capitalised words ending the naming phrase — so that role words before it
  // ("University political science professor Brigid Harrison", "the economist Jared Bernstein") do not count.
  const phrase = namePhrase(source).trim();
  const words = phrase.match(/[\p{L}.&'’-]+/gu) ?? [];
  let i = words.length;
  while (i > 0 && /^\p{Lu}/u.test(words[i - 1])) i--;
  const name = words.slice(i);
  if (!name.length) return false;
  const lower = name.map((w) => w.toLowerCase().replace(/['’]s$/, ''));
  if (lower.some((w) => cueWords.organisationNouns.has(w) || lexTags(w).includes('Organization') || cueWords.documentNouns.has(w))) return false;
  if (name.every((w) => /^[A-Z.&-]{2,}$/.test(w))) return false;
  if (i === 0 && /^(The|A|An)$/.test(name[0])) return false;
  const given = name.find((w) => genderOfFirstName(w));
  let sex = given ? genderOfFirstName(given) : undefined;
  if (!sex) {
    // "Sanders" alone: the sex of the first name written with that surname elsewhere in the article's Sources.
    const key = nameKey(source);
    for (const other of article) {
      const k = nameKey(other.text);
      if (!key || !k || !sameSurname(k, key)) continue;
      const g = (namePhrase(other.text).match(/[\p{Lu}][\p{L}]+/gu) ?? []).map((w) => genderOfFirstName(w)).find(Boolean);
      if (g) {
        sex = g;
        break;
      }
    }
  }
  const want = pronoun === 'he' || pronoun === 'him' ? 'male' : pronoun === 'she' || pronoun === 'her' ? 'female' : undefined;
  return !(want && sex && want !== sex);
}

function classify(source: string): SourceClass {
  if (!source) return 'none';
  // A headline annotated as the Source (four or more words in capitals: "HOW THE STORM CHANGED THE TOWN") names
  // nobody; its capitals are no name.
  const letters = source.replace(/[^\p{L}]/gu, '');
  if (source.trim().split(/\s+/).length >= 4 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters)) return 'none';
  const lower = source.toLowerCase();
  if (PRONOUNS.has(lower)) return 'pronoun';
  // A quantifier opening the sentence is capitalised, not a name: "Some chanted", "Another tweeted", "Many of them".
  const opener = lower.split(/\s+/)[0];
  if (QUANTIFIERS.has(opener) && !nameWords(source.replace(/^\S+/, '')).length) return 'unnamed';
  if (nameKey(source)) return 'named';
  const first = lower.split(/\s+/)[0];
  // A cue verb annotated as the Source ("said", "said in a statement") names nobody.
  if (cueWords.verbs.has(first)) return 'none';
  const head = lower.split(/\s+/).pop() ?? '';
  if (INDEFINITE.has(first) || (/s$/.test(head) && first !== 'the')) return 'unnamed';
  // A group ("the crowd", "the protesters", "his friends") is no one person to resolve to a name.
  if (cueWords.pluralPersonNouns.has(headNoun(lower)) || cueWords.pluralPersonNouns.has(head)) return 'unnamed';
  // "the statement", "the campaign": a document or an organisation, not a person to resolve to a name.
  if ((cueWords.documentNouns.has(head) || cueWords.organisationNouns.has(head)) && !cueWords.personNouns.has(head)) return 'unnamed';
  return 'definite';
}

export function speakerMatchesName(pred: Quote, key: string): boolean {
  if (!pred.speaker) return false;
  const words = pred.speaker.replace(/\([^)]*\)/g, ' ').match(/[\p{L}'’.-]+/gu) ?? [];
  const sur = surnameOf(pred.speaker);
  if (sameSurname(sur, key)) return true;
  // A person the Source names by the first word of our name: a given name ("Hillary" ~ Hillary Clinton) or a
  // surname written first ("Mr. Lou" ~ Lou Jiwei, "Ban" ~ Ban Ki-moon).
  if (pred.speakerKind === 'person' && words.length > 1 && sameSurname(words[0]!, key)) return true;
  // Organisations and kept descriptions: any word equal to the key ("the Clinton campaign" ~ Clinton).
  return pred.speakerKind !== 'person' && words.some((w) => foldName(w.replace(/['’]s$/, '')) === foldName(key));
}

/** The head noun of a description: its last word before a comma, a prepositional phrase or a relative clause. */
function headNoun(source: string): string {
  const words = source.split(',')[0].trim().split(/\s+/);
  const cut = words.findIndex((w, i) => i > 0 && DESCRIPTION_CUT.has(w.toLowerCase()));
  return (cut > 0 ? words.slice(0, cut) : words).pop() ?? '';
}

/** The nearest unnamed Source, one person, before `at` whose head noun a definite description repeats ("the official" ← "a senior official"). */
function echoedSource<T extends { at: number; text: string; cls: SourceClass }>(description: string, at: number, sources: T[]): T | null {
  const stem = (w: string) => foldName(w).replace(/s$/, '');
  const head = stem(headNoun(description.toLowerCase()));
  if (!head) return null;
  for (let i = sources.length - 1; i >= 0; i--) {
    const s = sources[i];
    // Only one person introduced as such ("a senior official", "one source", "another GOP official"), not a group.
    if (s.at < at && s.cls === 'unnamed' && /^(a|an|one|another)\s/i.test(s.text) && stem(headNoun(s.text.toLowerCase())) === head) return s;
  }
  return null;
}

function speakerMatchesDescription(pred: Quote, source: string): boolean {
  if (!pred.speaker || pred.speakerKind === 'person') return false;
  const head = foldName(headNoun(source));
  const stem = (w: string) => w.replace(/s$/, '');
  return (pred.speaker.match(/[\p{L}-]+/gu) ?? []).some((w) => stem(foldName(w)) === stem(head));
}

/**
 * The word to compare a hand label by: of its name words, the one the article writes most often (ties to the later),
 * so that "Ban Ki-moon" is "Ban" and "Melba Acosta Febo" is "Acosta" where the article calls them so.
 */
function labelKey(label: string, text: string): string {
  const words = nameWords(label);
  if (!words.length) return label.split(/\s+/).pop()!;
  let best = words[words.length - 1];
  let most = -1;
  for (let i = words.length - 1; i >= 0; i--) {
    const escaped = words[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const n = (text.match(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'gu')) ?? []).length;
    if (n > most) [best, most] = [words[i], n];
  }
  return best;
}

/** Ours and the label both give a given name, and they differ: Hillary Clinton is not the label Bill Clinton. */
function otherGivenName(pred: Quote, label: string): boolean {
  const ours = (pred.speaker ?? '').split(/\s+/);
  const theirs = nameWords(label);
  if (pred.speakerKind !== 'person' || ours.length < 2 || theirs.length < 2) return false;
  return !!genderOfFirstName(ours[0]) && !!genderOfFirstName(theirs[0]) && foldName(ours[0]) !== foldName(theirs[0]);
}

/** Ours names the referent a hand label gives, in the article `text` the label was made on. */
export function matchesLabel(pred: Quote, label: string, text: string): boolean {
  return speakerMatchesName(pred, labelKey(label, text)) && !otherGivenName(pred, label);
}

/** Hand labels, one line per item: `article@offset<TAB>referent` (see bench/antecedents.ts). */
export function readAntecedents(file: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [id, who] = line.split('\t');
    if (id?.includes('@') && who?.trim()) labels.set(id.trim(), who.trim());
  }
  return labels;
}

function prf(tp: number, predicted: number, found: number, gold: number) {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? found / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface EvalOptions {
  split?: 'dev' | 'train';
  /** Print up to this many misses of each kind. */
  errors?: number;
  /** Only the first N articles. */
  limit?: number;
  /**
   * Half of the split (articles in name order, alternating: `a` the 1st, 3rd, …; `b` the 2nd, 4th, …), so that
   * a rule designed on one half of train can be checked on the other before dev is measured.
   */
  half?: 'a' | 'b';
  /** Called for every miss (for error listings such as bench/attribution-errors.ts); scoring is unchanged. */
  onMiss?: (miss: EvalMiss) => void;
  /** Hand-labelled antecedents by `article@offset` of the gold Source (default: bench/antecedents/<split>.tsv if present). */
  antecedents?: Map<string, string>;
  /** Called for every pronoun or definite-description Source of a found quote, with the stand-in if there is one. */
  onPronounItem?: (item: { article: string; text: string; at: number; mentionEnd: number; start: number; end: number; source: string; pred: Quote; standIn: string | null }) => void;
}

/** One miss of the evaluation: a quote not found, a quote found that is not one, or a wrong speaker. */
export interface EvalMiss {
  kind: 'fp' | 'fn' | 'speaker';
  article: string;
  text: string;
  /** Offsets into the article text of the quote (gold for fn/speaker, ours for fp). */
  start: number;
  end: number;
  /** Speaker misses: the gold source class, its text (with its antecedent) and our attribution. */
  sourceClass?: SourceClass;
  expected?: string;
  sourceStart?: number;
  pred?: Quote;
  /**
   * What lies there besides: for a false quote the gold Contents it touches (direct or not), for a missed one the
   * spans our scan found over it with their flags (scare, partial, continuation, unclosed, caption).
   */
  note?: string;
}

/** Measures quotes and speakers on a PolNeAR split (dev by default). Returns null when the folder is absent. */
export async function evalQuotes(polnearDir: string, options: EvalOptions = {}): Promise<QuoteEvalMetrics | null> {
  const split = options.split ?? 'dev';
  const dir = path.join(polnearDir, split);
  if (!existsSync(path.join(dir, 'text'))) {
    console.log(`eval-quotes: skipped, no PolNeAR ${split} split at ${dir}`);
    return null;
  }
  const annFiles = readdirSync(path.join(dir, 'attributions')).sort();
  let names = readdirSync(path.join(dir, 'text'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => f.slice(0, -4));
  if (options.half) names = names.filter((_, i) => i % 2 === (options.half === 'a' ? 0 : 1));
  if (options.limit) names = names.slice(0, options.limit);
  const errors = options.errors ?? 0;
  const shown = { fp: 0, fn: 0, speaker: 0 };
  let goldDirect = 0;
  let predicted = 0;
  let neutral = 0;
  const tp = { '0.3': 0, '0.8': 0 };
  const found = { '0.3': 0, '0.8': 0 };
  const predCount = { '0.3': 0, '0.8': 0 };
  const named = { correct: 0, total: 0 };
  const pronDesc = { correct: 0, total: 0, unscored: 0 };
  const labelsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'antecedents', `${split}.tsv`);
  const antecedents = options.antecedents ?? (existsSync(labelsFile) ? readAntecedents(labelsFile) : undefined);
  const labelled = { correct: 0, total: 0, unlabelled: 0 };
  const unnamed = { correct: 0, total: 0 };
  let articles = 0;
  let ms = 0;
  for (const name of names) {
    const ann = annFiles.find((f) => f.startsWith(`${name}_`) && f.endsWith('.ann'));
    if (!ann) continue;
    articles++;
    const text = readFileSync(path.join(dir, 'text', `${name}.txt`), 'utf8');
    const gold = parseAnn(readFileSync(path.join(dir, 'attributions', ann), 'utf8'), text);
    const article = articleFromText(name, text);
    const t0 = performance.now();
    const analysis = analyseArticle(article);
    const quotes = extractQuotes(analysis, []);
    ms += performance.now() - t0;
    const direct = gold.filter((g) => g.direct).map((g) => ({ ...g, span: trimGold(g.content, text) })).filter((g) => len(g.span) > 0);
    const directSegs = direct.flatMap((g) => g.span);
    const otherSegs = gold.filter((g) => !g.direct).flatMap((g) => g.content);
    goldDirect += direct.length;
    const predSpans = quotes.map((q) => ({ start: q.start, end: q.end }));
    for (const [tau, key] of [
      [0.3, '0.3'],
      [0.8, '0.8'],
    ] as const) {
      for (const g of direct) if (unionOverlap(predSpans, g.span) >= tau * len(g.span)) found[key]++;
      quotes.forEach((q, i) => {
        const p = predSpans[i];
        const size = p.end - p.start;
        if (overlap(p, directSegs) >= tau * size) {
          tp[key]++;
          predCount[key]++;
        } else if (overlap(p, otherSegs) >= tau * size) {
          if (key === '0.3') neutral++;
        } else {
          predCount[key]++;
          if (key === '0.3') options.onMiss?.({ kind: 'fp', article: name, text, start: q.start, end: q.end, pred: q, note: goldNear(gold, p, text) });
          if (key === '0.3' && shown.fp < errors) {
            shown.fp++;
            console.log(`FP  ${name} p${q.paragraph}: "${q.text.slice(0, 100)}"`);
          }
        }
      });
    }
    predicted += quotes.length;
    // Speakers.
    const sources = gold
      .flatMap((g) => {
        const inner = innerSource(g, text);
        return [{ at: g.source[0]?.start ?? -1, text: sourceText(g, text) }, ...(inner ? [inner] : [])];
      })
      .filter((s) => s.at >= 0)
      .map((s) => ({ ...s, cls: classify(s.text) }))
      .sort((a, b) => a.at - b.at);
    const namedSources = sources.filter((s) => s.cls === 'named');
    for (const g of direct) {
      if (unionOverlap(predSpans, g.span) < 0.3 * len(g.span)) {
        options.onMiss?.({ kind: 'fn', article: name, text, start: g.span[0].start, end: g.span[g.span.length - 1].end, note: spansNear(analysis, g.span) });
        if (shown.fn < errors) {
          shown.fn++;
          console.log(`FN  ${name}: ${text.slice(g.span[0].start, g.span[0].end).slice(0, 100)}`);
        }
        continue;
      }
      let best = -1;
      let bestOverlap = 0;
      predSpans.forEach((p, i) => {
        const o = overlap(p, g.span);
        if (o > bestOverlap) {
          bestOverlap = o;
          best = i;
        }
      });
      const pred = quotes[best];
      const inner = innerSource(g, text);
      const src = inner?.text ?? sourceText(g, text);
      let cls = classify(src);
      let ok: boolean;
      let expected = src;
      // A definite description repeating the head of an earlier unnamed Source refers to that source ("A senior
      // official said …" … "“…,” the official said"): it is judged as that unnamed source, not as a named one.
      const echoed = cls === 'definite' ? echoedSource(src, inner?.at ?? g.source[0].start, sources) : null;
      if (echoed) {
        cls = 'unnamed';
        expected = `${src} → ${echoed.text}`;
      }
      if (cls === 'named') {
        named.total++;
        ok = speakerMatchesName(pred, nameKey(src)!);
        if (ok) named.correct++;
      } else if (cls === 'pronoun' || cls === 'definite') {
        const at = inner?.at ?? g.source[0].start;
        // "it" (and a relative "which"/"that") refers to an organisation or a document, never to a person.
        const neuter = NEUTER.has(src.toLowerCase());
        const antecedent = [...namedSources].reverse().find((s) => s.at < at && personLike(s.text, src.toLowerCase(), namedSources) !== neuter);
        const label = antecedents?.get(`${name}@${at}`);
        if (antecedents && !label) labelled.unlabelled++;
        if (label && !/^(NOBODY|UNCLEAR)$/.test(label)) {
          labelled.total++;
          if (matchesLabel(pred, label, text)) labelled.correct++;
        }
        options.onPronounItem?.({ article: name, text, at, mentionEnd: inner ? at + inner.text.length : g.source[0].end, start: g.span[0].start, end: g.span[g.span.length - 1].end, source: src, pred, standIn: antecedent?.text ?? null });
        if (!antecedent) {
          pronDesc.unscored++;
          continue;
        }
        expected = `${src} → ${antecedent.text}`;
        pronDesc.total++;
        ok = speakerMatchesName(pred, nameKey(antecedent.text)!);
        if (ok) pronDesc.correct++;
      } else if (cls === 'unnamed') {
        unnamed.total++;
        ok = speakerMatchesDescription(pred, src);
        if (ok) unnamed.correct++;
      } else continue;
      if (!ok) options.onMiss?.({ kind: 'speaker', article: name, text, start: g.span[0].start, end: g.span[g.span.length - 1].end, sourceClass: cls, expected, sourceStart: inner?.at ?? g.source[0]?.start, pred });
      if (!ok && shown.speaker < errors) {
        shown.speaker++;
        console.log(`SPK ${name} p${pred.paragraph}: gold [${expected}] ours [${pred.speaker} | ${pred.speakerKind} | ${pred.speakerMention} | ${pred.cue}] "${pred.text.slice(0, 60)}"`);
      }
    }
  }
  const acc = (c: { correct: number; total: number }) => (c.total ? c.correct / c.total : 0);
  return {
    split,
    half: options.half,
    articles,
    goldDirect,
    predicted,
    neutral,
    at03: prf(tp['0.3'], predCount['0.3'], found['0.3'], goldDirect),
    at08: prf(tp['0.8'], predCount['0.8'], found['0.8'], goldDirect),
    speakerNamed: { ...named, accuracy: acc(named) },
    speakerPronounDescription: { ...pronDesc, accuracy: acc(pronDesc) },
    speakerPronounLabelled: antecedents ? { ...labelled, accuracy: acc(labelled) } : undefined,
    speakerUnnamed: { ...unnamed, accuracy: acc(unnamed) },
    msPerArticle: articles ? ms / articles : 0,
  };
}

/** The gold Contents overlapping one of our quotes, for an error listing. */
function goldNear(gold: GoldAttribution[], p: Span, text: string): string {
  const near = gold.filter((g) => overlap(p, g.content) > 0);
  if (!near.length) return 'no gold Content here';
  return near.map((g) => `gold ${g.direct ? 'direct' : 'other'} ${JSON.stringify(g.content.map((c) => text.slice(c.start, c.end)).join(' … ').slice(0, 120))}`).join('; ');
}

/** The spans our scan found over a missed gold quote, with the flags that kept each from being a quote. */
function spansNear(analysis: ReturnType<typeof analyseArticle>, segs: Span[]): string {
  const paragraphs = analysis.article.paragraphs ?? [];
  const found = analysis.spans
    .map((s) => {
      const p = paragraphs[s.para];
      const at = { start: rawOffset(p, s.start), end: rawOffset(p, Math.max(s.start, s.end - 1)) + 1 };
      if (overlap(at, segs) === 0) return null;
      const flags = (['scare', 'partial', 'continuation', 'unclosed'] as const).filter((f) => s[f]);
      if (isCaptionAt(analysis, s.para, s.start)) flags.push('caption' as never);
      return `ours [${flags.join(' ') || 'quote'}] ${JSON.stringify(p.text.slice(s.start, s.end).slice(0, 80))}`;
    })
    .filter(Boolean);
  return found.length ? found.join('; ') : 'no span of ours here';
}

export function formatQuoteEval(m: QuoteEvalMetrics): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  const lines = [
    `Quotes on PolNeAR ${m.split}${m.half ? ` (half ${m.half})` : ''}: ${m.articles} articles, ${m.goldDirect} gold direct quotes, ${m.predicted} found (${m.neutral} inside reported speech, not scored), ${m.msPerArticle.toFixed(1)} ms/article for the analysis and extractQuotes (wall clock)`,
    `  overlap   precision  recall    F1`,
    `  ≥ 0.3     ${pct(m.at03.precision)}     ${pct(m.at03.recall)}   ${pct(m.at03.f1)}`,
    `  ≥ 0.8     ${pct(m.at08.precision)}     ${pct(m.at08.recall)}   ${pct(m.at08.f1)}`,
    `  speaker, named source            ${pct(m.speakerNamed.accuracy)}  (${m.speakerNamed.correct}/${m.speakerNamed.total})`,
    `  speaker, pronoun/description, stand-in (nearest earlier named Source)  ${pct(m.speakerPronounDescription.accuracy)}  (${m.speakerPronounDescription.correct}/${m.speakerPronounDescription.total}; ${m.speakerPronounDescription.unscored} with none, unscored)`,
    `  speaker, unnamed source          ${pct(m.speakerUnnamed.accuracy)}  (${m.speakerUnnamed.correct}/${m.speakerUnnamed.total})`,
  ];
  const l = m.speakerPronounLabelled;
  if (l) lines.splice(5, 0, `  speaker, pronoun/description (antecedents labelled by hand)  ${pct(l.accuracy)}  (${l.correct}/${l.total}${l.unlabelled ? `; ${l.unlabelled} not labelled` : ''})`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dirArg = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  const dir = dirArg ?? process.env.POLNEAR_DIR ?? '/work/shared/polnear';
  const splits = (flag('--split') ?? 'dev').split(',') as Array<'dev' | 'train'>;
  const halves = (flag('--half') ?? '').split(',').filter(Boolean) as Array<'a' | 'b'>;
  for (const split of splits) {
    for (const half of halves.length ? halves : [undefined]) {
      const m = await evalQuotes(dir, { split, half, errors: Number(flag('--errors') ?? 0), limit: flag('--limit') ? Number(flag('--limit')) : undefined });
      if (m) console.log(formatQuoteEval(m));
    }
  }
}
