/**
 * Names in an article's narrative (never inside quotations): runs of capitalised words, told apart as people,
 * organisations and places with compromise's lexicon and data/cues.json, plus the role words written around
 * each person ("the US special envoy for Afghanistan Thomas West").
 */
import { editDistance } from '../people/name-forms.ts';
import { foldName } from './fold.ts';
import { endsOrganisationName, lexTags } from './lexicon.ts';
import { cueWords } from './words.ts';
import { breaksAfter, isAbbreviation, type Token } from './tokens.ts';
import type { ArticleEntity } from '../types.ts';

export type NameKind = 'person' | 'organisation' | 'place';
export type Gender = 'male' | 'female' | undefined;

export interface NameMention {
  /** Token indices of the name proper (titles stripped), inclusive. */
  first: number;
  last: number;
  /** First token of the run, titles included. */
  runFirst: number;
  /** The name as written. */
  name: string;
  kind: NameKind;
  /** A lone capitalised word whose kind is a guess (`Blinken`, `Taliban` at a sentence start). */
  weak: boolean;
  titleWords: string[];
}


const PLACE_TAGS = new Set(['Place', 'Country', 'City', 'Region', 'Continent', 'Island', 'Demonym', 'Address']);
const PERSON_TAGS = new Set(['Person', 'FirstName', 'MaleName', 'FemaleName', 'LastName', 'Honorific']);
const DATE_TAGS = new Set(['WeekDay', 'Month', 'Holiday', 'Date']);

const hasTag = (word: string, set: Set<string>) => lexTags(word).some((t) => set.has(t));

export function genderOfFirstName(word: string): Gender {
  const tags = lexTags(word);
  if (tags.includes('MaleName')) return 'male';
  if (tags.includes('FemaleName')) return 'female';
  return undefined;
}

function isOrgWord(lower: string): boolean {
  return cueWords.organisationNouns.has(lower) || endsOrganisationName(lower);
}

function isAcronym(text: string): boolean {
  return /^[A-Z][A-Z.&]{1,6}$/.test(text) && !/^[A-Z]\.$/.test(text);
}

/** Runs of capitalised words within a sentence: `Sen. Ted Cruz`, `US Secretary of State Anthony Blinken`, `Smith-Jones`. */
function nameRuns(tokens: Token[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    const t0 = tokens[i];
    if (!t0.cap || /\(/.test(t0.pre) || /^[A-Z]{5,}$/.test(t0.text) || /^[A-Z]-[A-Z]/.test(t0.text)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length) {
      const cur = tokens[j];
      const next = tokens[j + 1];
      if (next.sent !== cur.sent || next.para !== cur.para || cur.possessive) break;
      if (breaksAfter(cur) && !isAbbreviation(cur)) break;
      if (/[("“«]/.test(next.pre) || /^[A-Z]{5,}$/.test(next.text)) break;
      if (next.cap) {
        j++;
        continue;
      }
      const after = tokens[j + 2];
      const joins = cueWords.nameParticles.has(next.lower) || (next.lower === 'of' && cueWords.titles.has(cur.lower));
      if (joins && after && after.cap && after.sent === cur.sent && !breaksAfter(next)) {
        j += 2;
        continue;
      }
      break;
    }
    runs.push([i, j]);
    i = j + 1;
  }
  return runs;
}

/** The first token of each token's sentence, for telling sentence-initial capitals. */
function sentenceStarts(tokens: Token[]): boolean[] {
  return tokens.map((t, i) => {
    if (i === 0) return true;
    const prev = tokens[i - 1];
    return prev.sent !== t.sent || prev.para !== t.para || (prev.quote >= 0 && /[.!?]/.test(prev.post + (prev.text.endsWith('.') ? '.' : '')));
  });
}

export interface NameTable {
  mentions: NameMention[];
  /** Mention index for each token of a name proper, or -1. */
  at: Int32Array;
  sentenceStart: boolean[];
}

/** Finds the names of the narrative. `entities` (possibly empty) settle kinds the lexicon cannot. */
export function findNames(tokens: Token[], text: (t0: Token, t1: Token) => string, entities: ArticleEntity[]): NameTable {
  const at = new Int32Array(tokens.length).fill(-1);
  const mentions: NameMention[] = [];
  const sentenceStart = sentenceStarts(tokens);
  const entityKind = new Map<string, NameKind>();
  for (const e of entities) {
    const kind: NameKind = e.kind === 'person' ? 'person' : 'organisation';
    for (const v of [e.canonical, ...e.variants]) entityKind.set(v.toLowerCase(), kind);
  }
  for (const [a, b] of nameRuns(tokens)) {
    let first = a;
    let last = b;
    const words = () => tokens.slice(first, last + 1);
    const runLower = tokens.slice(a, b + 1).map((t) => t.lower);
    const titleWords: string[] = [];
    const known = entityKind.get(text(tokens[a], tokens[b]).toLowerCase());
    // Organisations are named whole: `US State Department`, `Washington Post`, `White House`.
    const orgAt = runLower.findIndex((w, k) => isOrgWord(w) && (k > 0 || b === a) && !hasTag(tokens[a + k].text, PERSON_TAGS));
    // …unless a title after it leads to a person: "Democratic National Committee Chairman Ed Rendell".
    const titleAfterOrg = orgAt >= 0 && runLower.some((w, k) => k > orgAt && k < runLower.length - 1 && cueWords.titles.has(w) && !isOrgWord(runLower[k + 1]));
    if (known === 'organisation' || (known !== 'person' && orgAt >= 0 && !titleAfterOrg)) {
      while (first < last && cueWords.notNames.has(tokens[first].lower)) first++;
      addMention(first, last, a, 'organisation', false, titleWords);
      continue;
    }
    // Titles before a person's name end at the last title word: "Republican South Carolina Sen. Lindsey Graham".
    let lastTitle = -1;
    const isTitle = (w: string) => (cueWords.titles.has(w) || (w.length > 4 && cueWords.titles.has(w.replace(/s$/, '')))) && !cueWords.notNames.has(w);
    for (let k = first; k < last; k++) if (isTitle(tokens[k].lower)) lastTitle = k;
    if (lastTitle >= 0 && tokens.slice(lastTitle + 1, last + 1).some((t) => !cueWords.nameSuffixes.has(t.lower))) {
      for (let k = first; k <= lastTitle; k++) titleWords.push(tokens[k].lower);
      first = lastTitle + 1;
    }
    // Leading function words, and places or demonyms in front of a person's name.
    while (first <= last) {
      const w = tokens[first];
      const rest = tokens.slice(first + 1, last + 1);
      const personAhead = rest.some((t) => hasTag(t.text, PERSON_TAGS) || cueWords.titles.has(t.lower));
      const twoWordPlace = first + 1 < last && hasTag(`${w.lower} ${tokens[first + 1].lower}`, PLACE_TAGS);
      const afterHonorific = first > a && (isAbbreviation(tokens[first - 1]) || cueWords.honorificGender.has(tokens[first - 1].lower));
      if ((cueWords.titles.has(w.lower) || w.lower === 'of') && !(first === last && afterHonorific)) titleWords.push(w.lower);
      else if (first === last && afterHonorific) break;
      else if (first === a && sentenceStart[first] && rest.length && cueWords.verbs.has(w.lower) && !hasTag(w.text, PERSON_TAGS)) {
        /* a cue verb opening the sentence: "Continued Stone:", "Added Smith," */
      }
      else if (cueWords.notNames.has(w.lower) && w.text !== w.text.toUpperCase()) {
        /* sentence-initial function word */
      } else if (twoWordPlace && personAhead) {
        titleWords.push(w.lower, tokens[first + 1].lower);
        first++;
      } else if (rest.length && personAhead && (hasTag(w.text, PLACE_TAGS) || isAcronym(w.text))) titleWords.push(w.lower);
      else break;
      first++;
    }
    // Trailing dates: "CNN Tuesday".
    while (last >= first && hasTag(tokens[last].text, DATE_TAGS)) last--;
    if (first > last) continue;
    const ws = words();
    if (ws.every((t) => hasTag(t.text, DATE_TAGS) || cueWords.notNames.has(t.lower))) continue;
    const name = text(tokens[first], tokens[last]);
    if (known) {
      addMention(first, last, a, known, false, titleWords);
      continue;
    }
    if (ws.every((t) => hasTag(t.text, PLACE_TAGS)) || hasTag(name.toLowerCase(), PLACE_TAGS)) {
      addMention(first, last, a, 'place', false, titleWords);
      continue;
    }
    const prev = tokens[a - 1];
    const afterThe = prev && prev.lower === 'the' && prev.sent === tokens[a].sent && titleWords.length === 0;
    if (ws.length === 1) {
      const w = ws[0];
      const singular = w.lower.replace(/s$/, '');
      const group = cueWords.groupWords.has(w.lower) || (w.lower.endsWith('s') && !hasTag(w.text, PERSON_TAGS) && (cueWords.groupWords.has(singular) || hasTag(singular, new Set(['Demonym', 'Adjective', 'Noun']))));
      if (isAcronym(w.text) || afterThe || group || lexTags(w.text).includes('Organization')) {
        addMention(first, last, a, 'organisation', false, titleWords);
        continue;
      }
      // After an honorific any word is a surname: "Mr. Prince", "Ms. Price".
      const honorific = first > a && cueWords.honorificGender.has(tokens[first - 1].lower);
      if (!honorific && (hasTag(w.text, DATE_TAGS) || lexTags(w.text).some((t) => !PERSON_TAGS.has(t) && t !== 'ProperNoun' && t !== 'Singular' && t !== 'Noun'))) {
        if (!hasTag(w.text, PERSON_TAGS)) continue;
      }
      const weak = sentenceStart[first] && !hasTag(w.text, PERSON_TAGS) && titleWords.length === 0;
      addMention(first, last, a, 'person', weak, titleWords);
      continue;
    }
    if (afterThe && !hasTag(ws[0].text, PERSON_TAGS)) {
      addMention(first, last, a, 'organisation', false, titleWords);
      continue;
    }
    void name;
    addMention(first, last, a, 'person', false, titleWords);
  }
  return { mentions, at, sentenceStart };

  function addMention(first: number, last: number, runFirst: number, kind: NameKind, weak: boolean, titleWords: string[]) {
    const m: NameMention = { first, last, runFirst, name: text(tokens[first], tokens[last]), kind, weak, titleWords };
    for (let k = first; k <= last; k++) at[k] = mentions.length;
    mentions.push(m);
  }
}

/** Two spellings of one surname: equal, or one letter apart when long enough (`Mottaki` / `Muttaki`). */
export function sameSurname(a: string, b: string): boolean {
  return sameFoldedSurname(foldName(a), foldName(b));
}

/** `sameSurname` on names already folded. */
export function sameFoldedSurname(x: string, y: string): boolean {
  return x === y || (x.length >= 5 && y.length >= 5 && x[0] === y[0] && editDistance(x, y, 1) <= 1);
}

/** The surname of a written name: the last word that is not a suffix (`Jr.`). */
export function surnameOf(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  for (let i = words.length - 1; i >= 0; i--) {
    if (!cueWords.nameSuffixes.has(foldName(words[i]).replace(/,$/, ''))) return words[i];
  }
  return words[words.length - 1] ?? name;
}

export { foldName } from './fold.ts';
export { lexTags } from './lexicon.ts';
