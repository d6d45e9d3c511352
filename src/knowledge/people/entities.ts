import type { Paragraph } from '../../corpus/types.ts';
import type { ArticleAnalysis } from '../analysis/analyse.ts';
import type { SentenceSpan } from '../analysis/sentences.ts';
import type { TaggedWord } from '../analysis/word-tokens.ts';
import { isAcronymOf, lookupAlias } from './aliases.ts';
import {
  DEMONYMS,
  TITLES,
  ORG_WORDS,
  PLACE_WORDS,
  PORTFOLIOS,
  ROLE_MODIFIERS,
  fold,
  isNicknameOf,
  nameKey,
  sameGivenName,
  sameNameWord,
  type Token,
} from './name-forms.ts';
import { appositiveAfter, appositiveBefore, isRoleNoun, premodifierRole, succeeds } from './roles.ts';
import { namesPredecessor, postInSentence, predecessorRole } from './succession.ts';
import type { ArticleEntity, EntityKind, Role } from '../types.ts';

/*
 * People, organisations and groups of one article.
 * 1. The article's analysis gives each word its lexicon tags (person/place/organisation hints, parts of speech).
 * 2. Runs of capitalised words are name candidates; role words in front ("Foreign Minister", "US Secretary of
 *    State") are split off as roles; places and common words are dropped.
 * 3. Mentions are grouped: full names by surname and given name (nicknames, spelling variants), a lone surname
 *    to the full name it ends ("West" → "Thomas West", "Mottaki" → "Amir Khan Muttaki"), organisations and
 *    groups by the alias table, acronyms in brackets and initials.
 * 4. Roles with their paragraph: premodifiers, appositives, succession ("to succeed X").
 */

const CONNECTORS_IN_NAMES = new Set(['of', 'for', 'in', 'al', 'el', 'bin', 'ibn', 'bint', 'de', 'del', 'der', 'van', 'von', 'la', 'le', 'da', 'du', 'di', 'dos', 'y', 'the']);
const STOPWORDS = new Set(
  ('a an the this that these those it its he she they we i you his her their our my your who whom which what when where why how ' +
    'and or but if then than so as at by for from in into of on onto to with without over under after before during since until ' +
    'while although though because also still even just only not no yes all any some each every both either neither many much more most ' +
    'there here according despite among between within about above below up down out off again further once ' +
    'mr mrs ms dr meanwhile however moreover nevertheless instead indeed perhaps nearly almost last next earlier later today tonight yesterday ' +
    'tomorrow now ahead good our other such same said says follow read watch see click').split(' '),
);
const WEEKDAYS_MONTHS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/i;
const PLACE_TAGS = ['Place', 'Country', 'City', 'Region', 'Address'];

type Tagged = TaggedWord;

interface Mention {
  paragraph: number;
  /** Token range [from, to) of the name in the paragraph. */
  from: number;
  to: number;
  text: string;
  words: string[];
  kind: EntityKind | null;
  /** Role written before the name inside the capitalised run ("Foreign Minister"). */
  prefixRole: string | null;
  /** Had a title or honorific right before it ("Secretary Blinken", "Mr. Trump"). */
  titled: boolean;
  aliasCanonical: string | null;
  sentenceStart: number;
  group?: Group;
}

interface Group {
  kind: EntityKind;
  mentions: Mention[];
  roles: Role[];
  forms: Map<string, number>;
  aliasCanonical: string | null;
  extraVariants: Set<string>;
}

/** People, organisations and groups named in one article, with name forms merged and roles. */
export function extractEntities(analysis: ArticleAnalysis): ArticleEntity[] {
  const read = analysis.paragraphs.filter((pa) => pa.paragraph.norm && pa.paragraph.norm.trim());
  if (!read.length) return [];
  const paragraphs = read.map((pa) => pa.paragraph);
  const tagged = read.map((pa) => pa.words);
  const mentions: Mention[] = [];
  const acronyms = new Map<string, string>(); // acronym → long form, from "Long Form (LF)"
  read.forEach((pa, k) => {
    const tokens = tagged[k];
    const sentenceStarts = sentenceTokenStarts(pa.sentences, tokens);
    for (const m of findMentions(pa.paragraph, tokens, sentenceStarts)) mentions.push(m);
    collectAcronyms(pa.paragraph, tokens, acronyms);
  });
  const groups = groupMentions(mentions, acronyms);
  addRoles(groups, mentions, paragraphs, tagged, read.map((pa) => pa.sentences), analysis.article.id);
  return groups.filter((g) => g.mentions.length > 0).map((g) => toArticleEntity(g));
}

function sentenceTokenStarts(spans: SentenceSpan[], tokens: Token[]): Set<number> {
  const starts = new Set<number>();
  let k = 0;
  for (const s of spans) {
    while (k < tokens.length && tokens[k].start < s.start) k++;
    starts.add(k);
  }
  // A token after an opening quote or bracket also starts a sentence-like unit.
  tokens.forEach((t, i) => {
    if (i > 0 && /^["\u201c(\u2014\u2013-]$/.test(tokens[i - 1].text)) starts.add(i);
  });
  starts.add(0);
  return starts;
}

function isCapWord(t: Tagged | undefined): boolean {
  return !!t && t.word && t.cap && !/^\d/.test(t.text);
}

function lowerOf(t: Token): string {
  return t.text.toLowerCase().replace(/\.$/, '');
}

function isTitleWord(lower: string): boolean {
  return TITLES.has(lower) || isRoleNoun(lower);
}

/** Name candidates in one paragraph. */
function findMentions(p: Paragraph, tokens: Tagged[], sentenceStarts: Set<number>): Mention[] {
  const out: Mention[] = [];
  let sentenceStart = 0;
  let i = 0;
  while (i < tokens.length) {
    if (sentenceStarts.has(i)) sentenceStart = i;
    if (!isCapWord(tokens[i])) {
      i++;
      continue;
    }
    // The run: capitalised words, joined by name connectors and honorific periods ("Gov. Mike Pence").
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j];
      if (isCapWord(t) && !sentenceStarts.has(j)) {
        j++;
        continue;
      }
      if (t.text === '.' && j + 1 < tokens.length && isCapWord(tokens[j + 1]) && (TITLES.has(lowerOf(tokens[j - 1])) || /^\p{Lu}$/u.test(tokens[j - 1].text))) {
        j++;
        continue;
      }
      if (t.word && CONNECTORS_IN_NAMES.has(t.text.toLowerCase()) && isCapWord(tokens[j + 1]) && !sentenceStarts.has(j)) {
        j++;
        continue;
      }
      break;
    }
    const m = mentionFromRun(p, tokens, i, j, sentenceStart, sentenceStarts.has(i));
    if (m) out.push(...m);
    i = j;
  }
  return out;
}

function mentionFromRun(p: Paragraph, tokens: Tagged[], from: number, to: number, sentenceStart: number, atSentenceStart: boolean): Mention[] | null {
  let a = from;
  let b = to;
  const words = () => tokens.slice(a, b).filter((t) => t.word);
  // Trim function words and dates at the edges ("During Tuesday", "On Saturday", "Fox News Sunday").
  const trimmable = (t: Tagged) => {
    const l = lowerOf(t);
    return !t.word || STOPWORDS.has(l) || WEEKDAYS_MONTHS.test(l) || CONNECTORS_IN_NAMES.has(l);
  };
  while (a < b && trimmable(tokens[a]) && !lookupAlias(tokens[a].text)) a++;
  while (b > a && trimmable(tokens[b - 1])) b--;
  if (a >= b) return null;

  // A whole-run alias ("Islamic State in Khorasan", "IS-Khorasan").
  const whole = p.norm.slice(tokens[a].start, tokens[b - 1].end);
  const alias = lookupAlias(whole);
  if (alias) return [makeMention(p, tokens, a, b, alias.kind, null, false, alias.canonical, sentenceStart)];

  const lowers = tokens.slice(a, b).map(lowerOf);
  // An organisation name ends with an organisation word: "State Department", "Congressional Black Caucus".
  if (ORG_WORDS.has(lowers[lowers.length - 1]) && lowers.length >= 2) {
    let s = a;
    while (s < b - 2 && DEMONYMS.has(lowerOf(tokens[s])) && !ORG_WORDS.has(lowerOf(tokens[s]))) s++;
    const key = p.norm.slice(tokens[s].start, tokens[b - 1].end);
    const al = lookupAlias(key);
    return [makeMention(p, tokens, s, b, al?.kind ?? 'organisation', null, false, al?.canonical ?? null, sentenceStart)];
  }

  // Split off titles and roles: everything up to the last title word (and "of State" after it) is the role.
  let lastTitle = -1;
  for (let k = a; k < b; k++) if (isTitleWord(lowerOf(tokens[k])) && tokens[k].word) lastTitle = k;
  let nameFrom = a;
  let prefixRole: string | null = null;
  let titled = false;
  if (lastTitle >= 0) {
    let k = lastTitle + 1;
    if (k < b && /^(?:of|for)$/i.test(tokens[k].text)) {
      k++;
      while (k < b - 1 && (PORTFOLIOS.has(lowerOf(tokens[k])) || CONNECTORS_IN_NAMES.has(lowerOf(tokens[k])))) k++;
    }
    while (k < b && tokens[k].text === '.') k++;
    if (k >= b) return null; // a title alone ("Secretary of State")
    nameFrom = k;
    titled = true;
    const roleTokens = tokens.slice(a, lastTitle + 1);
    if (roleTokens.some((t) => t.word && isRoleNoun(t.text))) prefixRole = p.text.slice(tokens[a].start, tokens[k - 1].end).replace(/[\s.]+$/, '');
    if (prefixRole) prefixRole = prefixRole.replace(/\s+(?:mr|mrs|ms|dr|gov|sen|rep|gen|lt|col|capt|sgt|maj|adm|rev|hon|prof)\.?$/i, '');
    if (prefixRole && !/\s/.test(prefixRole) && !isRoleNoun(prefixRole)) prefixRole = null;
  }
  a = nameFrom;
  // Leading places and demonyms before a person ("Afghanistan Thomas West" after "envoy for").
  while (b - a >= 2 && (DEMONYMS.has(lowerOf(tokens[a])) || isCountryOrCity(tokens[a])) && !hasPersonTag(tokens[a])) a++;
  while (b > a && trimmable(tokens[b - 1])) b--;
  if (a >= b) return null;
  // Descriptors glued to a name ("Crooked Hillary Clinton", "Democrat Hillary Clinton"): start at the first name.
  if (!titled) {
    const firstName = tokens.slice(a, b).findIndex((t, k) => k > 0 && t.tags.has('FirstName'));
    if (firstName > 0 && !tokens.slice(a, a + firstName).some(hasPersonTag) && b - (a + firstName) >= 2) a += firstName;
    while (b - a >= 2 && tokens[a].tags.has('Verb') && !hasPersonTag(tokens[a])) a++;
  }
  const nameWords = words();
  if (!nameWords.length) return null;

  const text = p.norm.slice(tokens[a].start, tokens[b - 1].end);
  const al2 = lookupAlias(text);
  if (al2) return [makeMention(p, tokens, a, b, al2.kind, prefixRole, titled, al2.canonical, sentenceStart)];

  const nw = nameWords.map(lowerOf);
  if (nw.every((w) => DEMONYMS.has(w) || ROLE_MODIFIERS.has(w) || PORTFOLIOS.has(w))) return null;
  if (nameWords.length >= 2 && (PLACE_WORDS.has(nw[nw.length - 1]) || DEMONYMS.has(nw[nw.length - 1]))) return null;
  if (nameWords.some((t) => isPlace(t)) && !titled && !nameWords.some(hasPersonTag)) return null;
  if (nw.some((w) => WEEKDAYS_MONTHS.test(w)) || nameWords.some((t) => t.tags.has('Date'))) return null;

  if (nameWords.length === 1) {
    const t = nameWords[0];
    if (atSentenceStart && a === from && !titled && STOPWORDS.has(lowerOf(t))) return null;
    // Decided when grouping: a surname of someone named in full, an acronym, or a titled name.
    const isAcronym = /^[A-Z][A-Z0-9&-]{1,6}$/.test(t.text) && !DEMONYMS.has(lowerOf(t));
    const kind: EntityKind | null = titled || hasPersonTag(t) ? 'person' : isAcronym ? 'organisation' : null;
    return [makeMention(p, tokens, a, b, kind, prefixRole, titled, null, sentenceStart)];
  }
  if (nameWords.length > 5) return null;
  // Two to five capitalised words: a person when compromise says so, a title preceded it, or nothing says otherwise.
  const tagsPerson = nameWords.some(hasPersonTag);
  const common = nameWords.some((t) => !t.tags.has('ProperNoun') && (t.tags.has('Adjective') || t.tags.has('Verb') || t.tags.has('Adverb') || STOPWORDS.has(lowerOf(t))));
  if (!tagsPerson && !titled && (common || nameWords.some((t) => t.tags.has('Organization')))) {
    if (nameWords.some((t) => t.tags.has('Organization'))) return [makeMention(p, tokens, a, b, 'organisation', null, false, null, sentenceStart)];
    return null;
  }
  if (/^[A-Z]{2,}$/.test(nameWords[0].text) && !/^[IVX]+$/.test(nameWords[0].text) && !tagsPerson) {
    return [makeMention(p, tokens, a, b, 'organisation', null, false, null, sentenceStart)];
  }
  return [makeMention(p, tokens, a, b, 'person', prefixRole, titled, null, sentenceStart)];
}

function isCountryOrCity(t: Tagged): boolean {
  return t.tags.has('Country') || t.tags.has('City') || t.tags.has('Region');
}

function isPlace(t: Tagged): boolean {
  return PLACE_TAGS.some((x) => t.tags.has(x));
}

function hasPersonTag(t: Tagged): boolean {
  return t.tags.has('Person') || t.tags.has('FirstName') || t.tags.has('LastName') || t.tags.has('MaleName') || t.tags.has('FemaleName');
}

function makeMention(p: Paragraph, tokens: Tagged[], from: number, to: number, kind: EntityKind | null, prefixRole: string | null, titled: boolean, aliasCanonical: string | null, sentenceStart: number): Mention {
  const text = p.text.slice(tokens[from].start, tokens[to - 1].end);
  const words = tokens.slice(from, to).filter((t) => t.word && t.text !== '.').map((t) => t.text);
  return { paragraph: p.n, from, to, text, words, kind, prefixRole, titled, aliasCanonical, sentenceStart };
}

/** "Islamic State in Khorasan (IS-K)", "Foreign Policy (FP)": the bracketed acronym names the same thing. */
function collectAcronyms(p: Paragraph, tokens: Tagged[], acronyms: Map<string, string>): void {
  for (let i = 2; i < tokens.length - 1; i++) {
    if (tokens[i - 1].text !== '(' || tokens[i + 1].text !== ')') continue;
    const acr = tokens[i].text;
    if (!/^[A-Z][A-Za-z0-9-]{0,7}$/.test(acr)) continue;
    // Walk back over the capitalised words before the bracket.
    let k = i - 2;
    while (k >= 0 && (isCapWord(tokens[k]) || (tokens[k].word && CONNECTORS_IN_NAMES.has(tokens[k].text.toLowerCase())))) k--;
    for (let s = k + 1; s <= i - 2; s++) {
      const long = p.norm.slice(tokens[s].start, tokens[i - 2].end);
      if (isAcronymOf(acr, long)) {
        acronyms.set(acr, long);
        break;
      }
    }
  }
}

function newGroup(kind: EntityKind, aliasCanonical: string | null): Group {
  return { kind, mentions: [], roles: [], forms: new Map(), aliasCanonical, extraVariants: new Set() };
}

function addTo(g: Group, m: Mention, form = m.text): void {
  g.mentions.push(m);
  g.forms.set(form, (g.forms.get(form) ?? 0) + 1);
  m.group = g;
}

function surnameOf(g: Group): string[] {
  const out: string[] = [];
  for (const m of g.mentions) if (m.words.length >= 2) out.push(m.words[m.words.length - 1]);
  return out;
}

function givenOf(g: Group): string[] {
  const out: string[] = [];
  for (const m of g.mentions) if (m.words.length >= 2) out.push(m.words[0]);
  return out;
}

function groupMentions(mentions: Mention[], acronyms: Map<string, string>): Group[] {
  const groups: Group[] = [];
  const byOrgKey = new Map<string, Group>();
  // 1. Organisations and groups, by alias or name key.
  const orgKey = (m: Mention) => {
    if (m.aliasCanonical) return `alias:${m.aliasCanonical}`;
    const long = acronyms.get(m.text);
    if (long) return `name:${nameKey(lookupAlias(long)?.canonical ?? long)}`;
    return `name:${nameKey(m.text)}`;
  };
  // A lone all-caps word waits for step 3: it may be a surname ("WALLACE:" in a transcript).
  const loneCaps = (m: Mention) => m.words.length === 1 && !m.aliasCanonical && /^[A-Z-]+$/.test(m.words[0]);
  for (const m of mentions) {
    if (m.kind !== 'organisation' && m.kind !== 'group') continue;
    if (loneCaps(m) && !acronyms.has(m.text)) continue;
    const key = orgKey(m);
    let g = byOrgKey.get(key);
    if (!g) {
      g = newGroup(m.kind, m.aliasCanonical);
      byOrgKey.set(key, g);
      groups.push(g);
    }
    addTo(g, m);
  }
  // 2. People named with two or more words: same surname (or spelling variant) and compatible given name.
  const people: Group[] = [];
  const personMentions = mentions.filter((m) => m.kind === 'person' && m.words.length >= 2);
  const fullForms = new Set(personMentions.map((m) => fold(m.words.join(' '))));
  for (const m of personMentions) {
    // "Crooked Hillary Clinton" when "Hillary Clinton" is named too: the descriptor is not part of the name.
    for (let k = 1; k <= m.words.length - 2; k++) {
      const tail = m.words.slice(k);
      if (fullForms.has(fold(tail.join(' ')))) {
        m.words = tail;
        m.text = tail.join(' ');
        break;
      }
    }
  }
  for (const m of personMentions) {
    const sur = m.words[m.words.length - 1];
    const given = m.words[0];
    const g = people.find((x) => surnameOf(x).some((s) => sameNameWord(s, sur)) && givenOf(x).some((gv) => sameGivenName(gv, given)));
    if (g) addTo(g, m);
    else {
      const ng = newGroup('person', null);
      addTo(ng, m);
      people.push(ng);
      groups.push(ng);
    }
  }
  // 3. Single words: a surname (the latest person before it with that surname), an acronym, or a titled name.
  for (const m of mentions) {
    if (m.group || m.words.length !== 1) continue;
    const w = m.words[0];
    let candidates = people.filter((g) => surnameOf(g).some((s) => sameNameWord(s, w)) || g.mentions.some((x) => x.words.length === 1 && sameNameWord(x.words[0], w)));
    if (!candidates.length && !m.titled) {
      // A given name alone ("Hillary") names the one person of the article with that given name.
      const byGiven = people.filter((g) => givenOf(g).some((gv) => fold(gv) === fold(w)));
      if (byGiven.length === 1) candidates = byGiven;
    }
    if (candidates.length) {
      addTo(nearestBefore(candidates, m), m);
      continue;
    }
    const long = acronyms.get(w);
    if (long) {
      const key = `name:${nameKey(lookupAlias(long)?.canonical ?? long)}`;
      const g = byOrgKey.get(key) ?? [...byOrgKey.values()].find((x) => [...x.forms.keys()].some((f) => nameKey(f) === nameKey(long)));
      if (g) {
        addTo(g, m);
        continue;
      }
    }
    const org = [...byOrgKey.values()].find((g) => [...g.forms.keys()].some((f) => f.split(/\s+/).length >= 2 && isAcronymOf(w, f)));
    if (org && /^[A-Z-]{2,}$/.test(w)) {
      addTo(org, m);
      continue;
    }
    if (m.kind === 'person') {
      const ng = newGroup('person', null);
      addTo(ng, m);
      people.push(ng);
      groups.push(ng);
    } else if (m.kind === 'organisation') {
      const key = `name:${nameKey(w)}`;
      let g = byOrgKey.get(key);
      if (!g) {
        g = newGroup('organisation', null);
        byOrgKey.set(key, g);
        groups.push(g);
      }
      addTo(g, m);
    }
  }
  return groups;
}

function nearestBefore(candidates: Group[], m: Mention): Group {
  let best = candidates[0];
  let bestPos = -1;
  for (const g of candidates) {
    for (const x of g.mentions) {
      const pos = x.paragraph * 1e6 + x.from;
      if (pos <= m.paragraph * 1e6 + m.from && pos > bestPos) {
        best = g;
        bestPos = pos;
      }
    }
  }
  return best;
}

function addRoles(groups: Group[], mentions: Mention[], paragraphs: Paragraph[], tagged: Tagged[][], sentences: SentenceSpan[][], articleId: string): void {
  const byN = new Map(paragraphs.map((p, k) => [p.n, k]));
  const seen = new Set<string>();
  const push = (g: Group, text: string | null, paragraph: number, evidence?: string) => {
    if (!text || text.length > 120) return;
    const key = `${fold(text)}\u0000${paragraph}\u0000${g.mentions[0]?.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    g.roles.push(evidence ? { text, article: articleId, paragraph, evidence } : { text, article: articleId, paragraph });
  };
  for (const m of mentions) {
    const g = m.group;
    if (!g || g.kind !== 'person') continue;
    const k = byN.get(m.paragraph)!;
    const p = paragraphs[k];
    const tokens = tagged[k];
    push(g, m.prefixRole ?? premodifierRole(p.text, tokens, m.from), m.paragraph);
    push(g, appositiveAfter(p.text, tokens, m.to), m.paragraph);
    push(g, appositiveBefore(p.text, tokens, m.from, m.sentenceStart), m.paragraph);
  }
  // Succession: "appointed ... to succeed Zalmay Khalilzad" gives the one appointed a role.
  for (const m of mentions) {
    const g = m.group;
    if (!g || g.kind !== 'person') continue;
    const k = byN.get(m.paragraph)!;
    const p = paragraphs[k];
    const tokens = tagged[k];
    if (!succeeds(p.norm, tokens[m.from].start)) continue;
    const successor = subjectOf(m, mentions, groups, p, tokens, articleId);
    if (successor && successor !== g) push(successor, `successor to ${canonicalOf(g)}`, m.paragraph);
  }
  addPredecessorRoles(mentions, paragraphs, tagged, sentences, byN, push, (m) => subjectOf(m, mentions, groups, paragraphs[byN.get(m.paragraph)!], tagged[byN.get(m.paragraph)!], articleId));
}

/**
 * The one succeeded gets the role the text implies (succession.ts): "to succeed Zalmay Khalilzad" → previous US
 * special envoy; "Ortiz's successor" → previous chief executive when another sentence names the post.
 */
function addPredecessorRoles(
  mentions: Mention[],
  paragraphs: Paragraph[],
  tagged: Tagged[][],
  sentences: SentenceSpan[][],
  byN: Map<number, number>,
  push: (g: Group, text: string | null, paragraph: number, evidence?: string) => void,
  successorOf: (m: Mention) => Group | null,
): void {
  const found: Array<{ m: Mention; sentence: string; successor: Group | null }> = [];
  const posts = new Map<Group, string>();
  for (const m of mentions) {
    const g = m.group;
    if (!g || g.kind !== 'person') continue;
    const k = byN.get(m.paragraph)!;
    const p = paragraphs[k];
    const at = tagged[k][m.from].start;
    const span = sentences[k]!.find((sp) => sp.start <= at && at < sp.end);
    const sentence = span ? p.text.slice(span.start, span.end) : p.text;
    if (!namesPredecessor(sentence, m.text)) continue;
    const successor = successorOf(m) ?? successorAfter(m, mentions);
    found.push({ m, sentence, successor: successor !== g ? successor : null });
    const post = postInSentence(sentence, m.text, successor && successor !== g ? canonicalOf(successor) : null);
    if (post && !posts.has(g)) posts.set(g, post);
  }
  for (const { m, sentence, successor } of found) {
    const r = predecessorRole(sentence, m.text, successor ? canonicalOf(successor) : null, posts.get(m.group!) ?? null);
    if (!r) continue;
    push(m.group!, r.role, m.paragraph, r.evidence);
    if (r.post && successor) push(successor, r.post, m.paragraph, r.evidence);
  }
}

/** "Sara Kline's successor as mayor, Tom Brandt, …": the person named right after the successor phrase. */
function successorAfter(m: Mention, mentions: Mention[]): Group | null {
  const next = mentions.find((x) => x.paragraph === m.paragraph && x.from > m.to && x.from - m.to <= 8 && x.group?.kind === 'person' && x.group !== m.group);
  return next?.group ?? null;
}

/** Who a succession sentence is about: a person named earlier in the sentence, or the one its opening description fits. */
function subjectOf(obj: Mention, mentions: Mention[], groups: Group[], p: Paragraph, tokens: Tagged[], articleId: string): Group | null {
  const inSentence = mentions.filter((x) => x.paragraph === obj.paragraph && x.from >= obj.sentenceStart && x.from < obj.from && x.group?.kind === 'person' && x.group !== obj.group);
  if (inSentence.length) return inSentence[inSentence.length - 1].group!;
  // "The new US envoy, who was appointed ... to succeed X": match the description's role nouns to known roles.
  const opening = tokens.slice(obj.sentenceStart, obj.from).filter((t) => t.word).slice(0, 8).map((t) => t.text.toLowerCase());
  const nouns = opening.filter((w) => isRoleNoun(w));
  const people = groups.filter((g) => g.kind === 'person' && g !== obj.group);
  if (nouns.length) {
    const fit = people.filter((g) => g.roles.some((r) => nouns.some((n) => r.text.toLowerCase().split(/\W+/).includes(n))));
    if (fit.length) {
      const best = fit.sort((x, y) => y.mentions.length - x.mentions.length)[0];
      const descr = p.text.slice(tokens[obj.sentenceStart].start).split(/,|\bwho\b/)[0].replace(/^(?:the|a|an)\s+/i, '').trim();
      if (descr && descr.split(/\s+/).length <= 8 && isRoleNoun(descr.split(/\s+/).pop() ?? '')) {
        best.roles.push({ text: descr, article: articleId, paragraph: obj.paragraph });
      }
      return best;
    }
  }
  // "He was appointed to succeed X": the person most mentioned before this point.
  const before = people.filter((g) => g.mentions.some((x) => x.paragraph < obj.paragraph || (x.paragraph === obj.paragraph && x.from < obj.from)));
  if (/^(?:he|she)$/i.test(opening[0] ?? '') && before.length) return before.sort((x, y) => y.mentions.length - x.mentions.length)[0];
  return null;
}

function canonicalOf(g: Group): string {
  if (g.aliasCanonical) return g.aliasCanonical;
  const forms = [...g.forms.entries()].map(([f, n]) => ({ f, n, words: f.split(/\s+/) }));
  forms.sort((x, y) => {
    if (g.kind === 'person') {
      // Full names first; a formal given name over its short form; then frequency, then length.
      const fx = x.words.length >= 2 ? 1 : 0;
      const fy = y.words.length >= 2 ? 1 : 0;
      if (fx !== fy) return fy - fx;
      if (isNicknameOf(x.words[0], y.words[0])) return 1;
      if (isNicknameOf(y.words[0], x.words[0])) return -1;
      if (y.n !== x.n) return y.n - x.n;
      return y.words.length - x.words.length;
    } else if (/^[A-Z-]+$/.test(x.f) !== /^[A-Z-]+$/.test(y.f)) {
      return /^[A-Z-]+$/.test(x.f) ? 1 : -1; // spelled out over acronym
    }
    return y.n - x.n || y.f.length - x.f.length;
  });
  return forms[0]?.f ?? '';
}

function toArticleEntity(g: Group): ArticleEntity {
  const canonical = canonicalOf(g);
  const variants = new Set<string>([canonical, ...g.forms.keys()]);
  if (g.kind === 'person') {
    const words = canonical.split(/\s+/);
    if (words.length >= 2) variants.add(words[words.length - 1]);
    for (const f of g.forms.keys()) {
      const w = f.split(/\s+/);
      if (w.length >= 2) variants.add(w[w.length - 1]);
    }
  }
  const paragraphs = [...new Set(g.mentions.map((m) => m.paragraph))].sort((a, b) => a - b);
  const roles = g.roles.filter((r, i) => r.text && g.roles.findIndex((x) => x.text === r.text && x.paragraph === r.paragraph) === i);
  return { canonical, kind: g.kind, variants: [...variants], roles, paragraphs, mentions: g.mentions.length };
}
