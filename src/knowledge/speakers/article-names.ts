/**
 * What an article itself shows of the names its name finder read, before coreference uses them: a sentence-initial
 * word that is someone's surname, a one-word "name" that is a thing ("the Democratic National Convention" leaves
 * "Convention"), a role ("Acme CEO"), a place ("in Marlow"), an organisation in apposition ("Norpress,
 * the state news agency,"), and a surname the lexicon reads as a word ("Swift, who", "said Cuban"); and
 * phrases taken for speakers that name no one ("Norwegian", "Eight").
 */
import { breaksAfter } from '../analysis/tokens.ts';
import { foldName, lexTags, sameSurname, surnameOf, type NameMention } from '../analysis/names.ts';
import { DEMONYMS, cueWords } from '../analysis/words.ts';
import { AFFILIATION, PREPOSITIONS, isCueWord, type SpeakerContext } from './context.ts';
import { genderOfName } from './gender.ts';

const PERSON_WORD = new Set(['Person', 'FirstName', 'MaleName', 'FemaleName', 'LastName', 'Honorific']);
const VERB_TAGS = new Set(['Verb', 'PastTense', 'PresentTense', 'Modal', 'Copula', 'Auxiliary', 'Infinitive']);

/** A lone sentence-initial word is a person when the same word occurs as a name elsewhere. */
export function promoteWeakNames(ctx: SpeakerContext): void {
  const strong = ctx.names.mentions.filter((m) => !m.weak && m.kind === 'person');
  for (const m of ctx.names.mentions) {
    if (!m.weak) continue;
    // The surname of someone named in full is that person, though "the Trump campaign" made it a name of a thing too.
    const orgElsewhere = ctx.names.mentions.some((o) => o.kind !== 'person' && foldName(o.name) === foldName(m.name));
    if (strong.some((o) => o.first !== o.last && sameSurname(surnameOf(o.name), m.name))) m.weak = false;
    else if (orgElsewhere) m.kind = 'organisation';
    else if (strong.some((o) => sameSurname(surnameOf(o.name), m.name))) m.weak = false;
  }
}

/**
 * What the article itself shows of a one-word name the lexicon misread: "the Democratic National Convention"
 * leaves "Convention", a thing; "Lee, the former Acme CEO" a role; a town met as "in Marlow" is
 * a place; and the surname of a person named in full elsewhere is that person, even when the lexicon reads it
 * as a word ("Swift, who joined", "said Cuban").
 */
export function settleOneWordNames(ctx: SpeakerContext): void {
  const { tokens } = ctx;
  const { mentions, at } = ctx.names;
  for (const m of mentions) if (m.kind === 'person') cutHeadline(ctx, m);
  // Surnames of people named in full (a given name or a title with it).
  const surnames = new Set<string>();
  for (const m of mentions) {
    if (m.kind === 'person' && !m.weak && m.first !== m.last) surnames.add(foldName(surnameOf(m.name)));
  }
  const afterIn = new Set<string>();
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const alone = !next || next.sent !== t.sent || !next.cap || breaksAfter(t);
    if (t.cap && t.quote < 0 && !t.possessive && alone && tokens[i - 1]?.lower === 'in' && tokens[i - 1].sent === t.sent) afterIn.add(t.lower);
  });
  for (const m of mentions) {
    if (m.kind !== 'person') continue;
    const last = tokens[m.last];
    const role = (/^[A-Z]{2,}$/.test(last.text) && (cueWords.titles.has(last.lower) || cueWords.personNouns.has(last.lower))) || (cueWords.organisationNouns.has(last.lower) && !cueWords.personNouns.has(last.lower));
    // "The Sunshine State", "the Democratic National Convention": a thing, unless a given name opens it.
    const the = tokens[m.runFirst - 1]?.lower === 'the' && tokens[m.runFirst - 1].sent === last.sent;
    // "Norpress, the state news agency,": an apposition headed by an organisation noun.
    if (organisationApposition(ctx, m.last)) m.kind = 'organisation';
    else if (role || (the && m.first !== m.last && !genderOfName(m.name) && !lexTags(tokens[m.first].text).some((g) => PERSON_WORD.has(g)))) m.kind = 'organisation';
    if (m.first !== m.last || genderOfName(m.name) || surnames.has(foldName(m.name)) || lexTags(last.text).some((g) => PERSON_WORD.has(g))) continue;
    if (the && !m.titleWords.some((w) => cueWords.honorificGender.has(w))) m.kind = 'organisation';
    else if (afterIn.has(last.lower) && !m.titleWords.length) m.kind = 'place';
  }
  if (!surnames.size) return;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.cap || t.quote >= 0 || !surnames.has(foldName(t.text)) || !standsAlone(ctx, i)) continue;
    const k = at[i];
    if (k >= 0) {
      const m = mentions[k];
      if (m.first === i && m.last === i && m.kind !== 'person') {
        m.kind = 'person';
        m.weak = false;
      }
      continue;
    }
    at[i] = mentions.length;
    mentions.push({ first: i, last: i, runFirst: i, name: t.text, kind: 'person', weak: false, titleWords: [] });
  }
}

/** A person's name run on into a title-case headline keeps only the name: the words from the first function word on are dropped. */
function cutHeadline(ctx: SpeakerContext, m: NameMention): void {
  const { tokens } = ctx;
  const { at } = ctx.names;
  for (let k = m.first + 2; k <= m.last; k++) {
    if (!cueWords.headlineWords.has(tokens[k].lower)) continue;
    for (let j = k; j <= m.last; j++) at[j] = -1;
    m.last = k - 1;
    m.name = ctx.paragraphs[tokens[m.first].para].text.slice(tokens[m.first].start, tokens[m.last].end);
    return;
  }
}

/** The name ending at token `last` is followed by ", the … <organisation noun>,": "Norpress, the state news agency,". */
function organisationApposition(ctx: SpeakerContext, last: number): boolean {
  const { tokens } = ctx;
  if (!/,/.test(tokens[last].post)) return false;
  const first = tokens[last + 1];
  if (!first || first.sent !== tokens[last].sent || !cueWords.determiners.has(first.lower)) return false;
  for (let k = last + 1; k < tokens.length && k <= last + 8 && tokens[k].sent === first.sent && tokens[k].quote < 0; k++) {
    if (PREPOSITIONS.has(tokens[k].lower)) return false;
    if (breaksAfter(tokens[k]) || !tokens[k + 1] || tokens[k + 1].sent !== first.sent) return cueWords.organisationNouns.has(tokens[k].lower) && !cueWords.personNouns.has(tokens[k].lower);
  }
  return false;
}

/**
 * A capitalised word standing as a person would: no capitalised neighbour, no determiner or preposition before it,
 * and after it a pause, a verb or an affiliation ("Cuban demurred", "said Cuban, who", "Swift of Marlow"),
 * not a noun it modifies ("the Cuban government", "Cuban officials").
 */
function standsAlone(ctx: SpeakerContext, i: number): boolean {
  const { tokens } = ctx;
  const t = tokens[i];
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (prev && prev.sent === t.sent && !breaksAfter(prev) && (prev.cap || cueWords.determiners.has(prev.lower) || PREPOSITIONS.has(prev.lower)) && !ctx.names.sentenceStart[i]) return false;
  if (!next || next.sent !== t.sent || breaksAfter(t) || t.possessive) return true;
  if (next.cap || next.quote >= 0) return false;
  return AFFILIATION.has(next.lower) || isCueWord(next) || cueWords.auxiliaries.has(next.lower) || lexTags(next.lower).some((g) => VERB_TAGS.has(g));
}

/**
 * A capitalised phrase taken for a speaker that names no one: a demonym ("Norwegian", "Muslim"), a number, a plural,
 * a quantifier or a verb opening a sentence ("Eight", "Friends", "None", "Contacted"), an acronym ending an
 * organisation's name ("Citizens First PAC").
 */
export function noPersonName(name: string): boolean {
  let known = noPersonCache.get(name);
  if (known === undefined) {
    known = readsAsNoPerson(name);
    if (noPersonCache.size > 10_000) noPersonCache.clear();
    noPersonCache.set(name, known);
  }
  return known;
}
const noPersonCache = new Map<string, boolean>();

function readsAsNoPerson(name: string): boolean {
  const words = name.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length > 1) return /^[A-Z]{2,5}$/.test(last) && !cueWords.nameSuffixes.has(last.toLowerCase());
  const lower = last.toLowerCase();
  const part = lower.split('-').pop() ?? lower;
  if (DEMONYMS.has(lower) || DEMONYMS.has(part) || cueWords.religions.has(lower) || cueWords.noOneWords.has(lower) || lexTags(part).includes('Demonym')) return true;
  const tags = lexTags(lower);
  return !tags.some((g) => PERSON_WORD.has(g)) && tags.some((g) => NO_NAME_TAGS.has(g));
}
// A plural noun opening a sentence ("Friends offered …") is no one person.
const NO_NAME_TAGS = new Set(['Value', 'Cardinal', 'TextValue', 'PastTense', 'Gerund', 'Infinitive', 'Adjective', 'Adverb', 'Conjunction', 'Preposition', 'Pronoun', 'Plural']);
