/**
 * Who said a quotation: reads the cue around it (`"…," West said` / `said West` / `X said: "…"` /
 * `According to him, "…"` / `"…," the diplomat told reporters`), then resolves the mention — a name to the
 * article's fullest form of it (or its entity's canonical name), a pronoun or description to the person it
 * refers to, an unnamed source or organisation kept as written. Never guesses: unresolved is unknown.
 */
import type { Paragraph } from '../corpus/types.ts';
import { cueWords } from './quote-cues.ts';
import type { QuoteSpan } from './quote-marks.ts';
import { findNames, foldName, genderOfFirstName, lexTags, sameSurname, surnameOf, type Gender, type NameTable } from './quote-names.ts';

const DATE_TAGS = new Set(['WeekDay', 'Month', 'Holiday', 'Date']);
import { breaksAfter, endsSentence, type Token } from './quote-tokens.ts';
import { genderOfName, pronounGenders } from './speaker-gender.ts';
import type { ArticleEntity, SpeakerKind } from './types.ts';

export interface Attribution {
  speaker: string | null;
  speakerMention: string | null;
  speakerKind: SpeakerKind;
  cue: string | null;
}

const UNKNOWN: Attribution = { speaker: null, speakerMention: null, speakerKind: 'unknown', cue: null };

/** Something that was said or mentioned at a point of the article, for pronouns and descriptions to refer back to. */
interface Referent {
  pos: number;
  para: number;
  speaker: string;
  kind: SpeakerKind;
  gender: Gender;
  /** For unnamed sources: the head noun ("official"). */
  head?: string;
  /** Subject of its sentence, or the speaker of a cue. */
  salient: boolean;
  /** Said something (a quote or reported speech). */
  spoke: boolean;
}

interface Person {
  canonical: string;
  gender: Gender;
  roles: Set<string>;
}

interface Cue {
  np: Token[];
  /** The cue word, or null for a speaker read from the sentence's subject alone. */
  cue: string | null;
  /** Token index of the cue word. */
  at: number;
  /** The cue introduces the quote directly (`said:`, `said,`, `"…," he said`). */
  direct: boolean;
}

const PRONOUN_SUBJECTS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them']);
const PREPOSITIONS = new Set(['of', 'for', 'to', 'in', 'at', 'on', 'with', 'from', 'by', 'about']);
const MAX_NP = 10;
/** Prepositions tying a named person to where they work: "Jeffrey Lewis of the James Martin Center". */
const AFFILIATION = new Set(['of', 'at', 'from', 'with']);
/** Words that may open the clause holding a subject: "as Tom Ridge put it", "and Smith said". */
const LINKERS = new Set(['as', 'and', 'but', 'or', 'so', 'then', 'yet']);
/** Words before a cue verb that make it no cue: "when asked", "was told". */
const PASSIVE = new Set(['when', 'if', 'was', 'were', 'being', 'been', 'be', 'is', 'are', 'not']);

function isCueWord(t: Token | undefined): boolean {
  return !!t && t.quote < 0 && !t.cap && cueWords.verbs.has(t.lower);
}

function lowerFirstDeterminer(s: string): string {
  return s.replace(/^(A|An|The|One|Another|Some|Two|Three|Several)\b/, (m) => m.toLowerCase());
}

/** Attributes the quotes of one article. `spans` are all scanned spans (scare quotes included, never attributed). */
export class SpeakerResolver {
  private readonly names: NameTable;
  private readonly persons = new Map<string, Person>();
  private readonly referents: Referent[] = [];
  private readonly consumed = new Set<number>();
  private readonly canonicalCache = new Map<string, string>();

  constructor(
    private readonly tokens: Token[],
    private readonly paragraphs: Paragraph[],
    private readonly spans: QuoteSpan[],
    private readonly entities: ArticleEntity[],
  ) {
    this.names = findNames(tokens, (a, b) => this.slice(a, b), entities);
    this.promoteWeakNames();
    this.collectPersons();
    for (const [name, { gender, votes }] of pronounGenders(tokens, this.names, (n) => this.canonicalPerson(n))) {
      const p = this.persons.get(name);
      if (p && (!p.gender || votes >= 2)) p.gender = gender;
    }
  }

  /** Display text from token a to token b (same paragraph). */
  private slice(a: Token, b: Token): string {
    if (a.para !== b.para) return a.text;
    return this.paragraphs[a.para].text.slice(a.start, b.end);
  }

  private npText(np: Token[]): string {
    return this.slice(np[0], np[np.length - 1]);
  }

  /** A lone sentence-initial word is a person when the same word occurs as a name elsewhere. */
  private promoteWeakNames(): void {
    const strong = this.names.mentions.filter((m) => !m.weak && m.kind === 'person');
    for (const m of this.names.mentions) {
      if (!m.weak) continue;
      const orgElsewhere = this.names.mentions.some((o) => o.kind !== 'person' && foldName(o.name) === foldName(m.name));
      if (orgElsewhere) m.kind = 'organisation';
      else if (strong.some((o) => sameSurname(surnameOf(o.name), m.name))) m.weak = false;
    }
  }

  /** The article-local canonical name of a person mention. */
  canonicalPerson(name: string): string {
    const cached = this.canonicalCache.get(name);
    if (cached !== undefined) return cached;
    const found = this.findCanonical(name);
    this.canonicalCache.set(name, found);
    return found;
  }

  private findCanonical(name: string): string {
    const folded = foldName(name);
    const sur = surnameOf(name);
    const people = this.entities.filter((e) => e.kind === 'person');
    const exact = people.find((e) => [e.canonical, ...e.variants].some((v) => foldName(v) === folded));
    if (exact) return exact.canonical;
    const bySurname = people.filter((e) => [e.canonical, ...e.variants].some((v) => sameSurname(surnameOf(v), sur)));
    if (bySurname.length === 1) return bySurname[0].canonical;
    // The fullest form of the name in this article.
    const words = name.split(/\s+/);
    let best = name;
    for (const m of this.names.mentions) {
      if (m.kind !== 'person' || m.weak) continue;
      if (!sameSurname(surnameOf(m.name), sur)) continue;
      const mw = m.name.split(/\s+/);
      if (words.length > 1 && foldName(mw[0]) !== foldName(words[0])) continue;
      if (mw.length > best.split(/\s+/).length || (mw.length === best.split(/\s+/).length && m.name.length > best.length && words.length === 1)) best = m.name;
    }
    return best;
  }

  private collectPersons(): void {
    const { tokens } = this;
    for (const m of this.names.mentions) {
      if (m.kind !== 'person' || m.weak) continue;
      const canonical = this.canonicalPerson(m.name);
      let p = this.persons.get(canonical);
      if (!p) {
        const entity = this.entities.find((e) => e.canonical === canonical);
        p = { canonical, gender: genderOfName(canonical), roles: new Set() };
        for (const r of entity?.roles ?? []) for (const w of r.text.toLowerCase().match(/[\p{L}-]+/gu) ?? []) p.roles.add(w);
        this.persons.set(canonical, p);
      }
      for (const w of m.titleWords) {
        p.roles.add(w);
        const g = cueWords.honorificGender.get(w);
        if (g && !p.gender) p.gender = g as Gender;
      }
      // Role words written just before the name: "the US special envoy for Afghanistan Thomas West".
      for (let k = m.runFirst - 1, n = 0; k >= 0 && n < 7; k--, n++) {
        const t = tokens[k];
        if (t.sent !== tokens[m.first].sent || t.quote >= 0 || breaksAfter(t)) break;
        if (cueWords.clauseStarters.has(t.lower) && t.lower !== 'of' && t.lower !== 'for' && t.lower !== 'to') break;
        p.roles.add(t.lower);
        if (cueWords.determiners.has(t.lower)) break;
      }
      // "The US special envoy to Afghanistan, Thomas West, said"
      const before = tokens[m.runFirst - 1];
      if (before && before.sent === tokens[m.first].sent && /,/.test(before.post)) {
        const seg: Token[] = [];
        for (let k = m.runFirst - 1; k >= 0 && seg.length < 9; k--) {
          const t = tokens[k];
          if (t.sent !== before.sent || t.quote >= 0 || (k !== m.runFirst - 1 && breaksAfter(t))) break;
          seg.unshift(t);
        }
        if (seg.length && cueWords.determiners.has(seg[0].lower) && seg.some((t) => cueWords.personNouns.has(t.lower))) {
          for (const t of seg) p.roles.add(t.lower);
        }
      }
      // "Thomas West, the US special envoy, said"
      const last = tokens[m.last];
      const next = tokens[m.last + 1];
      if (next && /,/.test(last.post) && next.sent === last.sent && (cueWords.determiners.has(next.lower) || cueWords.personNouns.has(next.lower) || cueWords.titles.has(next.lower))) {
        for (let k = m.last + 1, n = 0; k < tokens.length && n < 9; k++, n++) {
          const t = tokens[k];
          if (t.sent !== last.sent || t.quote >= 0) break;
          p.roles.add(t.lower);
          if (breaksAfter(t)) break;
        }
      }
    }
  }

  private isSubjectPosition(m: { first: number; last: number; runFirst: number }): boolean {
    const { tokens } = this;
    let k = m.runFirst;
    let steps = 0;
    while (k > 0 && !this.names.sentenceStart[k] && steps < 8) {
      k--;
      steps++;
      // An opening adverbial ("On Saturday,") may come first.
      if (breaksAfter(tokens[k]) && /,/.test(tokens[k].post)) break;
      if (!cueWords.titles.has(tokens[k].lower) && !tokens[k].cap && !cueWords.determiners.has(tokens[k].lower)) return false;
    }
    if (steps >= 8) return false;
    const next = tokens[m.last + 1];
    if (next && (isCueWord(next) || cueWords.auxiliaries.has(next.lower))) return true;
    return true;
  }

  // ---- referents -------------------------------------------------------------------------------

  private addReferent(r: Referent): void {
    this.referents.push(r);
  }

  private registerMention(index: number): void {
    const m = this.names.mentions[index];
    if (m.weak) return;
    const t = this.tokens[m.last];
    if (m.kind === 'person') {
      const canonical = this.canonicalPerson(m.name);
      const p = this.persons.get(canonical);
      this.addReferent({ pos: m.last, para: t.para, speaker: canonical, kind: 'person', gender: p?.gender, salient: this.isSubjectPosition(m), spoke: false });
    } else {
      this.addReferent({ pos: m.last, para: t.para, speaker: m.name, kind: 'organisation', gender: undefined, salient: false, spoke: false });
    }
  }

  private resolvePronoun(word: string, pos: number, para: number): Attribution | null {
    const type = cueWords.pronouns.get(word);
    if (type === 'male' || type === 'female') {
      let fallback: Referent | null = null;
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 3) break;
        if (r.kind !== 'person' || (r.gender && r.gender !== type)) continue;
        if (r.salient || r.spoke) return this.fromReferent(r);
        fallback ??= r;
      }
      return fallback ? this.fromReferent(fallback) : null;
    }
    if (type === 'plural' || type === 'thing') {
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 1) break;
        if (r.spoke && r.kind !== 'person') return this.fromReferent(r);
      }
    }
    return null;
  }

  private fromReferent(r: Referent): Attribution {
    return { speaker: r.speaker, speakerMention: null, speakerKind: r.kind, cue: null };
  }

  /** "the diplomat", "the US special envoy", "a senior State Department official", "the statement". */
  private resolveDescription(np: Token[], pos: number, para: number): Attribution {
    const text = lowerFirstDeterminer(this.npText(np));
    // The head noun: the last word before a prepositional phrase.
    let cut = np.length;
    for (let k = 1; k < np.length; k++) if (PREPOSITIONS.has(np[k].lower)) {
      cut = k;
      break;
    }
    const core = np.slice(0, cut);
    const head = core[core.length - 1].lower;
    const indefinite = cueWords.indefinite.has(np[0].lower) || /s$/.test(head) && !cueWords.determiners.has(np[0].lower);
    const plural = cueWords.pluralPersonNouns.has(head);
    if (cueWords.documentNouns.has(head)) return { speaker: text, speakerMention: null, speakerKind: 'unnamed', cue: null };
    if (cueWords.organisationNouns.has(head) && !cueWords.personNouns.has(head)) {
      if (!indefinite) {
        for (let i = this.referents.length - 1; i >= 0; i--) {
          const r = this.referents[i];
          if (r.pos < pos && r.kind === 'organisation' && foldName(surnameOf(r.speaker)) === head) return this.fromReferent(r);
        }
      }
      return { speaker: text, speakerMention: null, speakerKind: 'organisation', cue: null };
    }
    if (indefinite || plural) return { speaker: text, speakerMention: null, speakerKind: 'unnamed', cue: null };
    // Definite: a person whose role has the head noun (and every capitalised modifier), or an unnamed source with it.
    const modifiers = core.slice(1, -1).filter((t) => t.cap).map((t) => t.lower);
    let best: Referent | null = null;
    for (let i = this.referents.length - 1; i >= 0; i--) {
      const r = this.referents[i];
      if (r.pos >= pos) continue;
      if (r.kind === 'unnamed' && r.head === head) {
        best = r;
        break;
      }
      if (r.kind === 'person') {
        const roles = this.persons.get(r.speaker)?.roles;
        if (roles?.has(head) && modifiers.every((w) => roles.has(w))) {
          best = r;
          break;
        }
      }
    }
    if (!best) {
      // Someone introduced later in the article with that role ("…," said the envoy; … envoy Thomas West).
      for (const p of this.persons.values()) {
        if (p.roles.has(head) && modifiers.every((w) => p.roles.has(w))) {
          best = { pos, para, speaker: p.canonical, kind: 'person', gender: p.gender, salient: true, spoke: false };
          break;
        }
      }
    }
    if (best) return this.fromReferent(best);
    const possessed = core.some((t) => t.possessive);
    if (!possessed && modifiers.length === 0 && (cueWords.personNouns.has(head) || cueWords.titles.has(head))) {
      // "the diplomat told reporters" right after a sentence about Blinken.
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 1) break;
        if (r.kind === 'person' && (r.salient || r.spoke)) return this.fromReferent(r);
      }
    }
    return { speaker: text, speakerMention: null, speakerKind: 'unnamed', cue: null };
  }

  /** What a speaker phrase refers to. */
  private interpret(phrase: Token[], pos: number): Attribution {
    let np = phrase;
    const para = this.tokens[pos].para;
    const mention = this.npText(np);
    const done = (a: Attribution | null): Attribution => (a && a.speaker ? { ...a, speakerMention: mention } : { ...UNKNOWN, speakerMention: mention });
    if (np.length === 1 && PRONOUN_SUBJECTS.has(np[0].lower)) return done(this.resolvePronoun(np[0].lower, pos, para));
    // A parenthesis closing the phrase is no part of the name: "Rep. Brad Sherman (D-Calif.)".
    const paren = np.findIndex((t, i) => i > 0 && /\(/.test(t.pre));
    if (paren > 0) {
      const close = np.findIndex((t, i) => i >= paren && /\)/.test(t.post));
      np = close >= 0 && close < np.length - 1 ? [...np.slice(0, paren), ...np.slice(close + 1)] : np.slice(0, paren);
    }
    const asName = (m: number): Attribution | null => {
      const mention = this.names.mentions[m];
      if (mention.kind === 'person') return { speaker: this.canonicalPerson(mention.name), speakerMention: null, speakerKind: 'person', cue: null };
      return { speaker: mention.name, speakerMention: null, speakerKind: 'organisation', cue: null };
    };
    // An indefinite phrase is nobody named, whatever capitals it holds: "a Nevada Democrat", "one GOP strategist".
    if (np.length > 1 && cueWords.indefinite.has(np[0].lower)) return done(this.resolveDescription(np, pos, para));
    // A person named before "of"/"at": "James Pethokoukis of the American Enterprise Institute", "Jones at Gallup".
    for (let k = 0; k + 1 < np.length; k++) {
      if (!AFFILIATION.has(np[k + 1].lower) || np[k].possessive || cueWords.titles.has(np[k].lower)) continue;
      const m = this.names.at[np[k].index];
      if (m >= 0 && this.names.mentions[m].last === np[k].index && this.names.mentions[m].kind === 'person' && !this.names.mentions[m].weak) return done(asName(m));
    }
    // A person's name ending the phrase: "State Department spokesman Ned Price", "Secretary of State Anthony Blinken".
    const last = np[np.length - 1];
    const lastName = this.names.at[last.index];
    if (lastName >= 0 && !last.possessive && this.names.mentions[lastName].kind === 'person') return done(asName(lastName));
    // Otherwise the head is the last word before a prepositional phrase ("the US special envoy for Afghanistan").
    let cut = np.length;
    for (let k = 1; k < np.length; k++) {
      if (PREPOSITIONS.has(np[k].lower)) {
        cut = k;
        break;
      }
    }
    const core = np.slice(0, cut);
    const head = core[core.length - 1];
    const headName = this.names.at[head.index];
    if (headName >= 0 && !head.possessive) return done(asName(headName));
    if (head.cap && !head.possessive && core.every((t) => t.cap || cueWords.determiners.has(t.lower) || cueWords.titles.has(t.lower))) {
      // A capitalised speaker the name finder did not settle (`Mottaki` opening a sentence).
      const words = core.filter(
        (t) => t.cap && (t.text === t.text.toUpperCase() || !cueWords.notNames.has(t.lower)) && !cueWords.titles.has(t.lower) && !/^[A-Z]{5,}$/.test(t.text) && !lexTags(t.text).some((g) => DATE_TAGS.has(g) || /Verb|Gerund|Adverb/.test(g)) && !/ing$/.test(t.lower),
      );
      if (words.length) {
        const name = this.slice(words[0], words[words.length - 1]);
        if (core[0].lower === 'the') return done({ speaker: name, speakerMention: null, speakerKind: 'organisation', cue: null });
        return done({ speaker: this.canonicalPerson(name), speakerMention: null, speakerKind: 'person', cue: null });
      }
    }
    if (!head.cap) return done(this.resolveDescription(np, pos, para));
    return done(null);
  }

  // ---- cues ------------------------------------------------------------------------------------

  /** The speaker phrase after a cue verb: "said West", "stressed the US special envoy for Afghanistan". */
  private npAfter(from: number, end: number): Token[] {
    const np: Token[] = [];
    for (let k = from; k < end && np.length < MAX_NP; k++) {
      const t = this.tokens[k];
      if (t.quote >= 0 || /[("“]/.test(t.pre)) break;
      if (np.length && cueWords.npStoppers.has(t.lower) && !(t.lower === 'of' || t.lower === 'for' || t.lower === 'to')) break;
      if (np.length === 0 && !(t.cap || cueWords.determiners.has(t.lower) || PRONOUN_SUBJECTS.has(t.lower) || cueWords.titles.has(t.lower) || cueWords.personNouns.has(t.lower))) {
        // Lower-case role words before a name: "said retired neurosurgeon Ben Carson".
        if (!this.nameWithin(k, Math.min(end, k + 4))) break;
      }
      if (np.length === 0 && (cueWords.npStoppers.has(t.lower) || lexTags(t.text).some((g) => DATE_TAGS.has(g)))) break;
      np.push(t);
      if (breaksAfter(t)) break;
    }
    // Trailing prepositions or lower-case words after a name: "West at" → "West".
    while (np.length > 1 && PREPOSITIONS.has(np[np.length - 1].lower)) np.pop();
    return this.withApposition(np, end);
  }

  /**
   * Who speaks in a participle cue (`saying`, `adding`, `writing`): the subject of an earlier cue in the sentence
   * (`…, Spicer said, adding, "…"`), else the sentence's subject (`Mr. Trump … issued a statement Tuesday saying`),
   * else the phrase right before it.
   */
  private participleSubject(from: number, v: number): Token[] {
    const { tokens } = this;
    for (let k = v - 1; k >= from; k--) {
      if (!isCueWord(tokens[k]) || /ing$/.test(tokens[k].lower)) continue;
      const np = this.subjectBefore(from, k);
      if (np.length) return np;
    }
    const subject = this.clauseSubject(from, v - 1);
    if (subject.length && (this.namesSomeone(subject) || (subject.length === 1 && subject[0].cap && this.names.at[subject[0].index] >= 0))) return subject;
    return this.subjectBefore(from, v);
  }

  /** A person's name begins within tokens [from, to) after lower-case words only. */
  private nameWithin(from: number, to: number): boolean {
    const { tokens } = this;
    for (let k = from; k < to; k++) {
      const t = tokens[k];
      if (t.quote >= 0 || cueWords.npStoppers.has(t.lower) || isCueWord(t)) return false;
      const m = this.names.at[k];
      if (m >= 0) return this.names.mentions[m].kind === 'person' && !this.names.mentions[m].weak;
      if (t.cap && !cueWords.titles.has(t.lower)) return false;
      if (breaksAfter(t)) return false;
    }
    return false;
  }

  /**
   * A description followed by the name in apposition is that name: "said his best friend at Lehigh, Bruce Turry,",
   * "said another leading Supreme Court advocate, Andrew J. Pincus of …".
   */
  private withApposition(np: Token[], end: number): Token[] {
    const { tokens } = this;
    if (!np.length) return np;
    const last = np[np.length - 1];
    // Only after a description: "his best friend", "Clinton's campaign chairman", "the White House press secretary".
    if (last.cap || !(cueWords.determiners.has(np[0].lower) || np[0].possessive || np.some((t) => t.possessive))) return np;
    for (let k = last.index; k < end && k <= last.index + 5; k++) {
      const t = tokens[k];
      if (t.quote >= 0) break;
      if (!breaksAfter(t)) continue;
      if (!/,/.test(t.post)) break;
      const m = this.names.at[k + 1];
      const mention = m >= 0 ? this.names.mentions[m] : null;
      if (mention && mention.kind === 'person' && !mention.weak && mention.runFirst === k + 1 && mention.last < end) return tokens.slice(mention.first, mention.last + 1);
      break;
    }
    return np;
  }

  /** The subject right before a cue verb: "State Department spokesman Ned Price said", "A senior … official, commenting …, confirmed". */
  private subjectBefore(from: number, verb: number): Token[] {
    const { tokens } = this;
    let j = verb - 1;
    while (j >= from && cueWords.auxiliaries.has(tokens[j].lower) && !breaksAfter(tokens[j])) j--;
    const run = this.trailingNP(from, j);
    if (run.length) return run;
    return this.clauseSubject(from, j);
  }

  /**
   * The subject of the sentence: the phrase opening its first clause that is not an adverbial or a participle
   * phrase ("Blinken, who visited …, repeated", "A senior … official, commenting on …, confirmed:").
   */
  private clauseSubject(from: number, j: number): Token[] {
    const { tokens } = this;
    let segStart = from;
    for (let k = from; k <= j; k++) {
      const t = tokens[k];
      if (breaksAfter(t) || k === j) {
        const first = tokens[segStart];
        const ok = first && first.quote < 0 && !cueWords.clauseStarters.has(first.lower) && !(!first.cap && /(ing|ed)$/.test(first.lower));
        if (ok) {
          const np = this.leadingNP(segStart, k);
          if (np.length) return this.withApposition(np, j + 1);
        } else if (first && LINKERS.has(first.lower) && segStart < k) {
          // "Or, as Tom Ridge, … put it:" / "and Smith said" / "And then Trump went on the attack, saying"
          let open = segStart + 1;
          while (open < k && (LINKERS.has(tokens[open].lower) || cueWords.auxiliaries.has(tokens[open].lower)) && !tokens[open].cap) open++;
          const np = this.leadingNP(open, k);
          if (np.length && np[np.length - 1].cap) return np;
        }
        segStart = k + 1;
      }
    }
    return [];
  }

  /** The noun phrase opening tokens [from, end]: "Mr. McConnell deflected …" → "Mr. McConnell". */
  private leadingNP(from: number, end: number): Token[] {
    const { tokens } = this;
    const np: Token[] = [];
    for (let k = from; k <= end && np.length < MAX_NP; k++) {
      const t = tokens[k];
      if (t.quote >= 0 || (np.length > 0 && /\(/.test(t.pre))) break;
      if (np.length === 0 && PRONOUN_SUBJECTS.has(t.lower)) return [t];
      const nounish =
        t.cap ||
        t.possessive ||
        cueWords.determiners.has(t.lower) ||
        cueWords.personNouns.has(t.lower) ||
        cueWords.organisationNouns.has(t.lower) ||
        cueWords.documentNouns.has(t.lower) ||
        cueWords.titles.has(t.lower) ||
        ((t.lower === 'of' || t.lower === 'for') && np.length > 0 && !!tokens[k + 1]?.cap);
      if (!nounish || (t.cap && t.text !== t.text.toUpperCase() && cueWords.notNames.has(t.lower) && !cueWords.determiners.has(t.lower) && np.length === 0 && k > from)) break;
      if (t.cap && cueWords.notNames.has(t.lower) && !cueWords.determiners.has(t.lower) && t.text !== t.text.toUpperCase()) break;
      np.push(t);
      if (breaksAfter(t)) break;
    }
    while (np.length && (cueWords.determiners.has(np[np.length - 1].lower) || PREPOSITIONS.has(np[np.length - 1].lower))) np.pop();
    const head = np[np.length - 1];
    if (!head || !(head.cap || cueWords.personNouns.has(head.lower) || cueWords.organisationNouns.has(head.lower) || cueWords.documentNouns.has(head.lower))) return [];
    return np;
  }

  /** The noun phrase ending at token `end` (inclusive), read backwards, not crossing `from` or punctuation. */
  private trailingNP(from: number, end: number, endPunctuation = false): Token[] {
    const { tokens } = this;
    const np: Token[] = [];
    // A parenthesis closing the phrase: "Sen. Chuck Schumer (D-N.Y.) said".
    if (end > from && /^[.]?\)/.test(tokens[end].post.trim()) && tokens[end].quote < 0) {
      let o = end;
      while (o > from && !/\(/.test(tokens[o].pre) && end - o < 5) o--;
      if (/\(/.test(tokens[o].pre) && o > from) end = o - 1;
    }
    for (let k = end; k >= from && np.length < MAX_NP; k--) {
      const t = tokens[k];
      if (t.quote >= 0) break;
      if (k !== end && /^\)/.test(t.post.trim()) && np.length) {
        // A parenthesis inside the phrase: "a Foreign Policy (FP) report".
        let o = k;
        while (o > from && !/\(/.test(tokens[o].pre) && k - o < 6) o--;
        if (/\(/.test(tokens[o].pre)) {
          np.unshift(...tokens.slice(o, k + 1));
          k = o;
          continue;
        }
      }
      if (k !== end && breaksAfter(t)) break;
      if (k === end && breaksAfter(t) && !/^[.]?\s*$/.test(t.post) && !/,/.test(t.post)) break;
      if (k === end && /,/.test(t.post) && !endPunctuation) break;
      if (np.length === 0 && PRONOUN_SUBJECTS.has(t.lower)) return [t];
      const det = cueWords.determiners.has(t.lower);
      if (det) {
        if (np.length) np.unshift(t);
        // "Karen Dobbs of the Harbor Policy Institute": carry on to the person before the affiliation.
        const prep = tokens[k - 1];
        const person = k - 2 >= from ? this.names.at[k - 2] : -1;
        if (np.length && prep && AFFILIATION.has(prep.lower) && !breaksAfter(prep) && person >= 0 && this.names.mentions[person].kind === 'person' && this.names.mentions[person].last === k - 2 && !breaksAfter(tokens[k - 2])) {
          np.unshift(prep);
          k--;
          continue;
        }
        break;
      }
      if ((t.lower === 'of' || t.lower === 'for') && np.length) {
        const before = tokens[k - 1];
        if (before && k - 1 >= from && (before.cap || cueWords.personNouns.has(before.lower) || cueWords.titles.has(before.lower))) {
          np.unshift(t);
          continue;
        }
        break;
      }
      const nounish =
        t.cap || t.possessive || cueWords.personNouns.has(t.lower) || cueWords.organisationNouns.has(t.lower) || cueWords.documentNouns.has(t.lower) || cueWords.titles.has(t.lower);
      if (!nounish && np.length && !t.cap && !cueWords.clauseStarters.has(t.lower) && !isCueWord(t)) {
        // Adjectives between a determiner and the head: "the central bank", "a senior official".
        let d = k - 1;
        while (d >= from && d > k - 3 && !tokens[d].cap && !cueWords.determiners.has(tokens[d].lower) && !cueWords.clauseStarters.has(tokens[d].lower) && !breaksAfter(tokens[d])) d--;
        if (d >= from && cueWords.determiners.has(tokens[d].lower) && !breaksAfter(tokens[d])) {
          np.unshift(...tokens.slice(d, k + 1));
          break;
        }
      }
      if (!nounish || (cueWords.clauseStarters.has(t.lower) && !t.cap)) break;
      if (t.cap && t.text !== t.text.toUpperCase() && cueWords.notNames.has(t.lower) && !cueWords.determiners.has(t.lower)) break;
      np.unshift(t);
    }
    // Strip a leading capitalised function word ("According"), keep the phrase.
    while (np.length && np[0].cap && np[0].text !== np[0].text.toUpperCase() && cueWords.notNames.has(np[0].lower) && !cueWords.determiners.has(np[0].lower)) np.shift();
    if (np.length && np.every((t) => cueWords.determiners.has(t.lower))) return [];
    return np;
  }

  /** A cue after the quote: `, West said` / `, said West` / `– stressed the US special envoy` / `, according to X`. */
  private cueAfter(q: number, end: number, span: QuoteSpan): Cue | null {
    const { tokens } = this;
    // `"…" - Sanders.` / `"…" —Michelle Marks, Philadelphia.`: a dash and a name closing the quote.
    const dashed = tokens[q + 1];
    if (dashed && dashed.para === tokens[q].para && (/[-—–]\s*$/.test(tokens[q].post) || /^\s*[-—–]/.test(dashed.pre))) {
      const m = this.names.at[q + 1];
      const mention = m >= 0 ? this.names.mentions[m] : null;
      if (mention && mention.kind === 'person' && !mention.weak && mention.runFirst === q + 1 && breaksAfter(tokens[mention.last])) {
        return { np: tokens.slice(q + 1, mention.last + 1), cue: '-', at: q, direct: true };
      }
    }
    if (q + 1 >= end) return null;
    const limitToShort = span.terminal && !/[?!]$/.test(this.paragraphs[span.para].norm.slice(span.start, span.end));
    let k = q + 1;
    while (k < end && cueWords.auxiliaries.has(tokens[k].lower) && !isCueWord(tokens[k])) k++;
    const first = tokens[k];
    if (first && isCueWord(first)) {
      let from = k + 1;
      const particles = cueWords.particles.get(first.lower);
      if (particles && tokens[from] && particles.includes(tokens[from].lower)) from++;
      const np = this.npAfter(from, end);
      if (np.length) return { np, cue: first.lower, at: k, direct: true };
    }
    if (tokens[q + 1]?.lower === 'according' && tokens[q + 2]?.lower === 'to') {
      const np = this.npAfter(q + 3, end);
      if (np.length) return { np, cue: 'according to', at: q + 1, direct: true };
    }
    // A name and a long apposition before the cue: `"…," Trent Lott, who was … under George W. Bush, told lawmakers`.
    // Role words may come first: `"…," the economist Jared Bernstein, a former adviser …, said`.
    let nameAt = q + 1;
    while (nameAt < end && nameAt <= q + 4 && this.names.at[nameAt] < 0 && !tokens[nameAt].cap && tokens[nameAt].quote < 0 && !breaksAfter(tokens[nameAt]) && !isCueWord(tokens[nameAt])) nameAt++;
    const named = nameAt < end ? this.names.at[nameAt] : -1;
    const mention = named >= 0 ? this.names.mentions[named] : null;
    if (mention && mention.kind === 'person' && !mention.weak && mention.runFirst === nameAt && /,/.test(tokens[mention.last].post) && (nameAt === q + 1 || cueWords.determiners.has(tokens[q + 1].lower))) {
      for (let v = mention.last + 2; v < end && v <= mention.last + 30; v++) {
        if (tokens[v].quote >= 0 && !this.spans[tokens[v].quote].scare) break;
        if (isCueWord(tokens[v]) && /,/.test(tokens[v - 1].post)) return { np: tokens.slice(q + 1, mention.last + 1), cue: tokens[v].lower, at: v, direct: true };
      }
    }
    // Speaker first: "West said", "the diplomat told reporters", "Smith, a spokesman, said".
    // After `,"` any verb will do ("Toomey fumed").
    const commaClosed = this.paragraphs[span.para].norm[span.end] === ',';
    for (let v = q + 1; v < end && v <= q + 10; v++) {
      const t = tokens[v];
      if (t.quote >= 0) break;
      const loose = commaClosed && v <= q + 5 && t.quote < 0 && !t.cap && /^[a-z]{3,}(ed|[^s]s)$/.test(t.lower) && !cueWords.notNames.has(t.lower) && !cueWords.npStoppers.has(t.lower) && !cueWords.personNouns.has(t.lower) && !cueWords.organisationNouns.has(t.lower) && !cueWords.documentNouns.has(t.lower);
      if ((isCueWord(t) || loose) && v > q + 1) {
        let e = v - 1;
        while (e > q && cueWords.auxiliaries.has(tokens[e].lower) && !tokens[e].cap) e--;
        if (e <= q) break;
        let np = this.subjectBefore(q + 1, v);
        if (!np.length && /,/.test(tokens[v - 1].post) && isCueWord(t)) {
          // `"…," in sharp contrast to …, says Dante Scala`
          let from = v + 1;
          const particles = cueWords.particles.get(t.lower);
          if (particles && tokens[from] && particles.includes(tokens[from].lower)) from++;
          const after = this.npAfter(from, end);
          if (after.length) return { np: after, cue: t.lower, at: v, direct: true };
        }
        if (!np.length) break;
        const head = np[0];
        // Lower-case role words may open the phrase when a name ends it: "former presidential candidate Herman Cain".
        const lastName = this.names.at[np[np.length - 1].index];
        const roleThenName = lastName >= 0 && this.names.mentions[lastName].kind === 'person' && !this.names.mentions[lastName].weak;
        if (!(head.cap || cueWords.determiners.has(head.lower) || PRONOUN_SUBJECTS.has(head.lower) || roleThenName)) break;
        if (np.length > 7) break;
        if (limitToShort) {
          // After a quote that ends its sentence, only a short `Name said.` still belongs to it.
          let tail = 0;
          for (let r = v + 1; r < end && !endsSentence(tokens[r - 1]); r++) tail++;
          if (tail > 6 || np.length > 4) break;
        }
        return { np, cue: t.lower, at: v, direct: true };
      }
      if (endsSentence(t)) break;
    }
    return null;
  }

  /** A cue before the quote: `X said: "` / `He added, "` / `According to him, "` / `Khan said his government needed to "`. */
  private cueBefore(from: number, q: number, span: QuoteSpan): Cue | null {
    const { tokens } = this;
    if (from >= q) return null;
    const maxTail = span.partial ? 30 : 8;
    let intro: Cue | null = null;
    for (let k = from; k + 1 < q; k++) {
      if (tokens[k].lower === 'according' && tokens[k + 1].lower === 'to') {
        const np = this.npAfter(k + 2, q);
        if (np.length) intro = { np, cue: 'according to', at: k, direct: q - (k + 1 + np.length) <= 1 };
      }
    }
    for (let v = q - 1; v >= from && q - 1 - v <= maxTail; v--) {
      const t = tokens[v];
      if (v === from && t.cap && cueWords.verbs.has(t.lower) && this.names.at[v] < 0) {
        // "Said Dorothy Poynter, who grew up with Ali, "…""
        const np = this.npAfter(v + 1, q);
        if (np.length) return { np, cue: t.lower, at: v, direct: true };
      }
      if (!isCueWord(t)) continue;
      if (intro && intro.at > v) break;
      const prev = tokens[v - 1];
      if (prev && prev.lower === 'not' && v - 1 >= from) continue;
      const np = /ing$/.test(t.lower) ? this.participleSubject(from, v) : this.subjectBefore(from, v);
      if (!np.length) continue;
      const lastPre = tokens[q - 1];
      const direct = v === q - 1 || /[:,]/.test(lastPre.post) || q - 1 - v <= 3;
      return { np, cue: t.lower, at: v, direct };
    }
    return intro;
  }

  // ---- the article ------------------------------------------------------------------------------

  /** Attributions for each attributable span (by span index). */
  attribute(): Map<number, Attribution> {
    const { tokens } = this;
    const result = new Map<number, Attribution>();
    const quoteTokens = new Map<number, number>();
    tokens.forEach((t, i) => {
      if (t.quote >= 0 && !quoteTokens.has(t.quote)) quoteTokens.set(t.quote, i);
    });
    let lastQuote: { span: number; token: number; att: Attribution } | null = null;
    const registered = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const m = this.names.at[i];
      if (m >= 0 && !registered.has(m) && this.names.mentions[m].last === i) {
        registered.add(m);
        this.registerMention(m);
      }
      if (t.quote >= 0) {
        if (quoteTokens.get(t.quote) !== i) continue;
        const span = this.spans[t.quote];
        if (span.scare) continue;
        let att = this.attributeOne(i, span, lastQuote);
        if (!att.speaker && att.speakerKind === 'unknown' && att.cue === null) att = UNKNOWN;
        result.set(t.quote, att);
        if (att.speaker) {
          const p = this.persons.get(att.speaker);
          const head = att.speakerKind === 'unnamed' ? (att.speaker.split(/\s+/).pop() ?? '').toLowerCase() : undefined;
          this.addReferent({ pos: i, para: t.para, speaker: att.speaker, kind: att.speakerKind, gender: p?.gender, head, salient: true, spoke: true });
        }
        lastQuote = { span: t.quote, token: i, att };
        continue;
      }
      // Reported speech outside quotes: "Mottaki said the Taliban wanted …" makes Mottaki the current speaker.
      if (isCueWord(t) && !this.consumed.has(i) && !cueWords.weakVerbs.has(t.lower)) {
        let from = i;
        while (from > 0 && tokens[from - 1].sent === t.sent && tokens[from - 1].quote < 0) from--;
        let np = this.subjectBefore(from, i);
        if (!np.length) np = this.invertedSubject(from, i);
        if (np.length) {
          const att = this.interpret(np, i);
          if (att.speaker) {
            const p = this.persons.get(att.speaker);
            const head = att.speakerKind === 'unnamed' ? (att.speaker.split(/\s+/).pop() ?? '').toLowerCase() : undefined;
            this.addReferent({ pos: i, para: t.para, speaker: att.speaker, kind: att.speakerKind, gender: p?.gender, head, salient: true, spoke: true });
          }
        }
      }
    }
    return result;
  }

  /**
   * The speaker of reported speech with the cue before its subject: "Nor are tariffs likely to help, said David
   * Autor, a professor …" — the cue opens the sentence or follows a comma.
   */
  private invertedSubject(from: number, v: number): Token[] {
    const { tokens } = this;
    const prev = tokens[v - 1];
    if (v !== from && !(prev && prev.sent === tokens[v].sent && /,\s*$/.test(prev.post))) return [];
    let end = v + 1;
    while (end < tokens.length && tokens[end].sent === tokens[v].sent && tokens[end].quote < 0) end++;
    const np = this.npAfter(v + 1, end);
    return np.length && this.namesSomeone(np) ? np : [];
  }

  /** The speaker announced by a previous paragraph ending in a colon, for a quote opening the next one. */
  private introducedBy(q: number): Attribution | null {
    const { tokens } = this;
    const para = tokens[q].para;
    let end = q - 1;
    while (end >= 0 && tokens[end].para === para) end--;
    if (end < 0 || tokens[end].para !== para - 1 || !/:\s*$/.test(tokens[end].post)) return null;
    let from = end;
    while (from > 0 && tokens[from - 1].sent === tokens[end].sent && tokens[from - 1].quote < 0) from--;
    for (let v = end; v >= from; v--) {
      if (!isCueWord(tokens[v]) && !(v === from && tokens[v].cap && cueWords.verbs.has(tokens[v].lower))) continue;
      const np = v === from || !this.subjectBefore(from, v).length ? this.npAfter(v + 1, end + 1) : this.subjectBefore(from, v);
      if (np.length) return { ...this.interpret(np, q), cue: tokens[v].lower };
    }
    // "Cruz called them on it:" — the person the sentence is about.
    for (let k = from; k <= end; k++) {
      const m = this.names.at[k];
      if (m >= 0 && this.names.mentions[m].kind === 'person' && this.names.mentions[m].last === k) {
        return { speaker: this.canonicalPerson(this.names.mentions[m].name), speakerMention: this.names.mentions[m].name, speakerKind: 'person', cue: null };
      }
      if (m < 0 && k === from && PRONOUN_SUBJECTS.has(tokens[k].lower)) {
        const r = this.resolvePronoun(tokens[k].lower, q, para);
        if (r) return { ...r, speakerMention: tokens[k].text };
      }
    }
    return null;
  }

  /** Is this phrase a speaker by itself: a name (person or organisation), a he/she/they, or a person noun? */
  private namesSomeone(np: Token[]): boolean {
    const last = np[np.length - 1];
    if (!last || last.possessive) return false;
    if (np.length === 1 && PRONOUN_SUBJECTS.has(last.lower)) return cueWords.pronouns.get(last.lower) !== 'thing';
    const m = this.names.at[last.index];
    if (m >= 0 && !this.names.mentions[m].weak && this.names.mentions[m].kind !== 'place') return true;
    return cueWords.personNouns.has(last.lower) && cueWords.determiners.has(np[0].lower);
  }

  /** `Name:` or `Name (R-S.C.):` right before the quote; `strict`: a person's name opening its clause. */
  private labelBefore(from: number, q: number, strict = false): Cue | null {
    const { tokens } = this;
    let e = q - 1;
    if (e < from || !/:\s*$/.test(tokens[e].post)) return null;
    if (/\)/.test(tokens[e].post)) {
      while (e > from && !/\(/.test(tokens[e].pre)) e--;
      e--;
    }
    if (e < from) return null;
    const m = this.names.at[e];
    if (m < 0 || this.names.mentions[m].last !== e) return null;
    const np = tokens.slice(Math.max(from, this.names.mentions[m].runFirst), e + 1);
    if (!this.namesSomeone(np)) return null;
    if (strict) {
      const before = tokens[np[0].index - 1];
      if (this.names.mentions[m].kind !== 'person' || (np[0].index > from && before && !breaksAfter(before) && !/[.…]/.test(before.post))) return null;
    }
    return { np, cue: ':', at: q - 1, direct: true };
  }

  /** The subject of the quote's own sentence when it names someone and a verb follows it before the quote. */
  private subjectOfQuote(from: number, q: number): Cue | null {
    const { tokens } = this;
    if (from >= q - 1) return null;
    const np = this.clauseSubject(from, q - 1);
    if (!np.length || !this.namesSomeone(np)) return null;
    const end = np[np.length - 1].index;
    if (end >= q - 1) return null;
    // Only a subject of the sentence: not a phrase after another quote, nor an apposition after an inverted
    // cue ("said Leamer, an economist …").
    for (let k = from; k < np[0].index; k++) if (tokens[k].quote >= 0 && !this.spans[tokens[k].quote].scare) return null;
    let segment = np[0].index - 1;
    while (segment > from && !breaksAfter(tokens[segment - 1])) segment--;
    if (segment >= from && segment < np[0].index && isCueWord(tokens[segment])) return null;
    // The phrase must be the clause's subject, not the object of a preposition opening the sentence.
    const before = tokens[np[0].index - 1];
    if (before && before.index >= from && PREPOSITIONS.has(before.lower)) return null;
    return { np, cue: null, at: end, direct: false };
  }

  private attributeOne(q: number, span: QuoteSpan, lastQuote: { span: number; token: number; att: Attribution } | null): Attribution {
    const { tokens } = this;
    const sent = tokens[q].sent;
    let from = q;
    // Scare quotes and quoted titles are part of the narrative: `Carson shared a syllabus for a class called "Perception", writing "…"`.
    const narrative = (t: Token) => t.quote < 0 || this.spans[t.quote].scare;
    while (from > 0 && tokens[from - 1].sent === sent && narrative(tokens[from - 1])) from--;
    let end = q + 1;
    while (end < tokens.length && tokens[end].sent === sent && narrative(tokens[end])) end++;
    // A quote that directly follows another in its sentence: the text between belongs to the earlier one.
    const prevIsQuote = from > 0 && tokens[from - 1].sent === sent && tokens[from - 1].quote >= 0;
    // `Donald Trump: "…"` opening its clause is a label, whatever cue came earlier in the sentence.
    const label = this.labelBefore(from, q, true);
    if (label) return { ...this.interpret(label.np, q), cue: label.cue };
    const after = this.cueAfter(q, end, span);
    const before = prevIsQuote && from === q ? null : this.cueBefore(from, q, span);
    const use = (c: Cue): Attribution => {
      for (let k = Math.min(c.at, c.np.length ? (c.np[0]).index : c.at); k <= Math.max(c.at, (c.np[c.np.length - 1]).index); k++) this.consumed.add(k);
      const att = this.interpret(c.np, q);
      return { ...att, cue: c.cue };
    };
    const isPronoun = (c: Cue) => c.np.length === 1 && PRONOUN_SUBJECTS.has(c.np[0].lower);
    // A full sentence introduced right before by its cue (`…, saying, "The fewer guns, the better."`) has no cue after it.
    if (before && before.direct && span.terminal && !span.partial && /[:,]/.test(tokens[q - 1].post)) {
      if (after) this.consumed.add(after.at);
      return use(before);
    }
    if (after && !isPronoun(after)) return use(after);
    if (before && before.direct && !span.partial) {
      if (after) this.consumed.add(after.at);
      return use(before);
    }
    if (after) return use(after);
    if (before) return use(before);
    // `Michael P. McDonald: "…"` — a name standing before a colon that opens the quote.
    const labelled = this.labelBefore(from, q);
    if (labelled) return use(labelled);
    // No cue verb, but the sentence is about someone doing something with the words:
    // `Huckabee, for his part, is labeling Obama's actions "…"`, `Skelly called Braynard "…"`.
    const subject = this.subjectOfQuote(from, q);
    if (subject) return use(subject);
    // A quote opening its sentence right after a short `Bystrom agreed.` / `Smith explained:` names its speaker.
    const lead = tokens[q - 1];
    if (from === q && lead && lead.para === tokens[q].para && lead.quote < 0 && isCueWord(lead) && /^[.:]\s*$/.test(lead.post)) {
      let start = lead.index;
      while (start > 0 && tokens[start - 1].sent === lead.sent && tokens[start - 1].quote < 0) start--;
      const np = start > 0 && tokens[start - 1].sent === lead.sent ? [] : this.subjectBefore(start, lead.index);
      if (np.length && this.namesSomeone(np)) return { ...this.interpret(np, q), cue: lead.lower };
    }
    // No cue: a quote carried on from the previous one keeps its speaker
    // (`"…," said Stone. "…"`, or a quote continued from the previous paragraph).
    if (lastQuote && lastQuote.att.speaker) {
      const prevSpan = this.spans[lastQuote.span];
      const between = tokens.slice(lastQuote.token + 1, q);
      // Someone else speaking in a new sentence between the two quotes ends the run.
      let newSentence = false;
      let otherSpeech = false;
      between.forEach((t, i) => {
        const before = between[i - 1];
        if (isCueWord(t) && newSentence && !this.consumed.has(t.index) && !cueWords.weakVerbs.has(t.lower) && !(before && PASSIVE.has(before.lower))) otherSpeech = true;
        if (endsSentence(t)) newSentence = true;
      });
      if (span.continuation || (prevSpan.para === span.para && !otherSpeech)) return { ...lastQuote.att, speakerMention: null, cue: null };
    }
    // A paragraph introduced by the end of the previous one: "Stated Stone:" / "Cruz continued:".
    const opens = span.open <= 0 || this.paragraphs[span.para].norm.slice(0, span.open).trim() === '';
    if (opens && span.para > 0) {
      const intro = this.introducedBy(q);
      if (intro) return intro;
    }
    // A paragraph that opens with a quote and names nobody: the speaker of the reported speech just before.
    if (opens && !span.partial) {
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= q) continue;
        if (span.para - r.para > 2) break;
        if (r.spoke) return { ...this.fromReferent(r), cue: null };
      }
    }
    return UNKNOWN;
  }
}
