/**
 * Every word list of the extraction, in one place, as lookup sets read once: data/cues.json (cue verbs, pronouns,
 * the nouns of speakers, the other words of a title run) and data/roles.json (the one list of titles written before
 * a name, role nouns, portfolios, organisation and place words, demonyms).
 */
import { readFileSync } from 'node:fs';

interface CuesFile {
  cueVerbs: string[];
  cueParticles: Record<string, string[]>;
  phrasalCues: Record<string, string[]>;
  weakCueVerbs: string[];
  auxiliaries: string[];
  introducers: string[][];
  pronouns: Record<string, string>;
  determiners: string[];
  indefinite: string[];
  titleRunWords: string[];
  honorificGender: Record<string, 'male' | 'female'>;
  nameSuffixes: string[];
  groupWords: string[];
  nameParticles: string[];
  notNames: string[];
  personNouns: string[];
  pluralPersonNouns: string[];
  organisationNouns: string[];
  documentNouns: string[];
  titleTriggers: string[];
  npStoppers: string[];
  clauseStarters: string[];
  addresseeVerbs: string[];
  namingVerbs: string[];
  unstrandedPrepositions: string[];
  subordinators: string[];
  subjectAdverbs: string[];
  rankWords: string[];
  coordinators: string[];
  finiteAuxiliaries: string[];
  headlineWords: string[];
  religions: string[];
  /** Pronouns and quantifiers standing for nobody in particular ("None has …", "Everyone said"). */
  noOneWords: string[];
  /** Words opening what someone is asked ("asked Rubio whether …"). */
  questionOpeners: string[];
  speechNouns: string[];
  statementArticles: string[];
  finiteVerbs: string[];
}

interface RolesFile {
  roleNouns: string[];
  roleModifiers: string[];
  portfolios: string[];
  titles: string[];
  /** "sen" → "senator": a title's abbreviation and the word it stands for, so that "the senator" finds "Sen. Rubio". */
  titleAbbreviations: Record<string, string>;
  orgWords: string[];
  placeWords: string[];
  demonyms: string[];
}

const roles = JSON.parse(readFileSync(new URL('../../../data/roles.json', import.meta.url), 'utf8')) as RolesFile;
/** Titles written before a name ("Sen.", "President", "Gen."): the one list, for people and speakers alike. */
export const TITLES: ReadonlySet<string> = new Set(roles.titles);
export const TITLE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(Object.entries(roles.titleAbbreviations));

const file = JSON.parse(readFileSync(new URL('../../../data/cues.json', import.meta.url), 'utf8')) as CuesFile;

export const cueWords = {
  verbs: new Set([...file.cueVerbs, ...Object.entries(file.phrasalCues).flatMap(([verb, particles]) => particles.map((p) => `${verb} ${p}`))]),
  particles: new Map([...Object.entries(file.cueParticles), ...Object.entries(file.phrasalCues).flatMap(([verb, particles]) => particles.map((p): [string, string[]] => [`${verb} ${p}`, [p]]))]),
  /** Verbs that are cues only with their particle ("shot back", "went on"): see speakers/phrasal.ts. */
  phrasal: new Map(Object.entries(file.phrasalCues)),
  weakVerbs: new Set(file.weakCueVerbs),
  auxiliaries: new Set(file.auxiliaries),
  introducers: file.introducers,
  pronouns: new Map(Object.entries(file.pronouns)),
  determiners: new Set(file.determiners),
  indefinite: new Set(file.indefinite),
  /** A title, or another word a title run may hold ("Secretary of State", "House Majority Leader"). */
  titles: new Set([...roles.titles, ...file.titleRunWords]),
  honorificGender: new Map(Object.entries(file.honorificGender)),
  nameSuffixes: new Set(file.nameSuffixes),
  groupWords: new Set(file.groupWords),
  nameParticles: new Set(file.nameParticles),
  notNames: new Set(file.notNames),
  personNouns: new Set(file.personNouns),
  pluralPersonNouns: new Set(file.pluralPersonNouns),
  organisationNouns: new Set(file.organisationNouns),
  documentNouns: new Set(file.documentNouns),
  titleTriggers: new Set(file.titleTriggers),
  npStoppers: new Set(file.npStoppers),
  clauseStarters: new Set(file.clauseStarters),
  /** Cue verbs whose object is a person or a thing judged, not the words said (`told "Meet the Press"`). */
  addresseeVerbs: new Set(file.addresseeVerbs),
  /** Verbs that give something a name, the name being the quote (`called the moment "…"`). */
  namingVerbs: new Set(file.namingVerbs),
  /** Prepositions never left stranded at a phrase's end: a comma right after one is a slip (`well ahead of, Ray Pollard`). */
  unstranded: new Set(file.unstrandedPrepositions),
  /** Words opening a subordinate clause before the main one ("After the debate, Ward said"). */
  subordinators: new Set(file.subordinators),
  /** Adverbs and linkers that may stand before a subject ("And even Ward tried"). */
  subjectAdverbs: new Set(file.subjectAdverbs),
  /** Ranks that make another role of the one after them ("vice president" is no "president"). */
  ranks: new Set(file.rankWords),
  /** Conjunctions opening a main clause of their own after a comma (", and Ruiz aimed her speech"). */
  coordinators: new Set(file.coordinators),
  /** Auxiliaries that make a clause finite ("has", "would", "was"). */
  finiteAuxiliaries: new Set(file.finiteAuxiliaries),
  /** Function words of a title-case headline that end a name run on into it ("Marta Quintero On Why …"). */
  headlineWords: new Set(file.headlineWords),
  /** Religions, read as no person's name ("Muslim"). */
  religions: new Set(file.religions),
  noOneWords: new Set(file.noOneWords),
  questionOpeners: new Set(file.questionOpeners),
  /** Finite and modal verbs: one after the phrase that follows a cue makes it the subject of reported speech (`said the candidate could …`). */
  finiteVerbs: new Set(file.finiteVerbs),
  /** Nouns of words said, besides the documents (`documentNouns`): "his motto", "Ann Pyle's promise". */
  speechNouns: new Set(file.speechNouns),
  /** Articles that may open "a statement", "the following statement" before the quote it introduces. */
  statementArticles: new Set(file.statementArticles),
};

export const ROLE_NOUNS = new Set(roles.roleNouns);
export const ROLE_MODIFIERS = new Set(roles.roleModifiers);
export const PORTFOLIOS = new Set(roles.portfolios);
export const ORG_WORDS = new Set(roles.orgWords);
export const PLACE_WORDS = new Set(roles.placeWords);
export const DEMONYMS = new Set(roles.demonyms);
