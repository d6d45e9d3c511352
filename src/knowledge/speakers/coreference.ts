/**
 * Coreference: the people of the article (canonical name, gender, role words) and what was said or mentioned at
 * each point, so that a pronoun ("he") or a description ("the diplomat", "the statement") resolves to the person
 * or organisation it refers to. Never guesses: unresolved is null.
 */
import type { Token } from '../analysis/tokens.ts';
import { breaksAfter } from '../analysis/tokens.ts';
import { foldName, lexTags, sameFoldedSurname, sameSurname, surnameOf, type Gender, type NameMention } from '../analysis/names.ts';
import { TITLE_ABBREVIATIONS, cueWords } from '../analysis/words.ts';
import type { ArticleEntity, SpeakerKind } from '../types.ts';
import { isAgeNoun, isPartyMember, isPersonHead, partyClash } from './descriptions.ts';
import { genderOfName, pronounGenders } from './gender.ts';
import { noPersonName, promoteWeakNames, settleOneWordNames } from './article-names.ts';
import { LINKERS, PREPOSITIONS, PRONOUN_SUBJECTS, commaAfterPreposition, isCueWord, lowerFirstDeterminer, npText, type Attribution, type SpeakerContext } from './context.ts';

/** Something that was said or mentioned at a point of the article, for pronouns and descriptions to refer back to. */
export interface Referent {
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
  /** A possessive name ("Mr. Trump's jabs"): the topic of its sentence for a description, no subject for he/she. */
  possessive?: boolean;
}

export interface Person {
  canonical: string;
  gender: Gender;
  roles: Set<string>;
}

export function fromReferent(r: Referent): Attribution {
  return { speaker: r.speaker, speakerMention: null, speakerKind: r.kind, cue: null };
}

/** A lower-case word naming what a person is: a person noun of data/cues.json or one the lexicon tags as an actor. */
function isRoleNoun(lower: string): boolean {
  return cueWords.personNouns.has(lower) || lexTags(lower).includes('Actor');
}

/** A lower-case verb in the present or past tense ("endorses", "praised"), not a person noun ("leader"). */
function finiteVerb(t: Token): boolean {
  return !t.cap && !isRoleNoun(t.lower) && lexTags(t.lower).some((g) => g === 'PresentTense' || g === 'PastTense');
}


/** A role word written with a name, and the word a title abbreviation stands for ("sen" → "senator"). */
function addRole(roles: Set<string>, word: string): void {
  roles.add(word);
  const full = TITLE_ABBREVIATIONS.get(word.replace(/\.$/, ''));
  if (full) roles.add(full);
}

/** Word classes after "Name's" that make it "Name has/is": "Christie's been", "Trump's not", "Cruz's already". */
const CONTRACTED = new Set(['Participle', 'PastTense', 'Gerund', 'Copula', 'Negative', 'Adverb', 'Determiner']);

export class Coreference {
  readonly persons = new Map<string, Person>();
  readonly referents: Referent[] = [];
  /** People the article gives a relative clause of their own ("Zandra, who received the prize …"): persons, not places. */
  private readonly relativeWho = new Set<string>();
  private readonly canonicalCache = new Map<string, string>();
  private fullNameList: Array<{ mention: NameMention; surname: string }> | null = null;

  constructor(
    private readonly ctx: SpeakerContext,
    private readonly entities: ArticleEntity[],
  ) {
    promoteWeakNames(ctx);
    settleOneWordNames(ctx);
    this.collectPersons();
    for (const [name, { gender, votes }] of pronounGenders(ctx.tokens, ctx.names, (n, m) => this.canonicalPerson(n, m))) {
      const p = this.persons.get(name);
      if (p && (!p.gender || votes >= 2)) p.gender = gender;
    }
  }

  /** The article-local canonical name of a person mention. */
  canonicalPerson(name: string, mention?: NameMention): string {
    // "Mrs. Clinton" is not Bill Clinton: an honorific written with the name tells which of a surname's people it is.
    const sex = mention?.titleWords.map((w) => cueWords.honorificGender.get(w)).find(Boolean) as Gender;
    const key = sex ? `${sex} ${name}` : name;
    const cached = this.canonicalCache.get(key);
    if (cached !== undefined) return cached;
    const found = this.findCanonical(name, sex);
    this.canonicalCache.set(key, found);
    return found;
  }

  private findCanonical(name: string, sex: Gender): string {
    const folded = foldName(name);
    const sur = surnameOf(name);
    const people = this.entities.filter((e) => e.kind === 'person');
    const exact = people.find((e) => [e.canonical, ...e.variants].some((v) => foldName(v) === folded));
    if (exact) return exact.canonical;
    const bySurname = people.filter((e) => [e.canonical, ...e.variants].some((v) => sameSurname(surnameOf(v), sur)));
    if (bySurname.length === 1) return bySurname[0].canonical;
    // The fullest form of the name in this article. A surname alone shared by several people ("Dana Whitlock", "Roy
    // Whitlock") goes to the one named in full most often, the first named on a tie.
    const words = name.split(/\s+/);
    const key = foldName(sur);
    let forms = this.fullNames().filter((f) => sameFoldedSurname(f.surname, key)).map((f) => f.mention);
    if (sex) {
      const same = forms.filter((m) => genderOfName(m.name) === sex || m.titleWords.some((w) => cueWords.honorificGender.get(w) === sex));
      forms = same.length ? same : forms.filter((m) => !genderOfName(m.name));
    }
    const given = (n: string) => foldName(n.split(/\s+/)[0]);
    let person = words.length > 1 ? given(name) : '';
    if (!person) {
      const counts = new Map<string, number>();
      for (const m of forms) counts.set(given(m.name), (counts.get(given(m.name)) ?? 0) + 1);
      let most = 0;
      for (const [g, n] of counts) if (n > most) [person, most] = [g, n];
    }
    let best = name;
    for (const m of forms) {
      if (given(m.name) !== person) continue;
      const mw = m.name.split(/\s+/);
      if (mw.length > best.split(/\s+/).length || (mw.length === best.split(/\s+/).length && m.name.length > best.length && words.length === 1)) best = m.name;
    }
    if (best === name && words.length === 1 && !forms.length) return this.byGivenName(name) ?? name;
    return best;
  }

  /**
   * A given name alone ("Jane said", "James wrote") is the one person the article names in full with it ("Jane
   * Sanders"), when there is only one: the fullest form of that name. Two people of that given name keep it alone.
   */
  private byGivenName(name: string): string | null {
    if (!lexTags(name).some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName')) return null;
    const folded = foldName(name);
    let best: string | null = null;
    let surname: string | null = null;
    for (const { mention, surname: sur } of this.fullNames()) {
      if (foldName(mention.name.split(/\s+/)[0]) !== folded) continue;
      if (surname !== null && !sameFoldedSurname(surname, sur)) return null;
      surname = sur;
      if (!best || mention.name.length > best.length) best = mention.name;
    }
    return best;
  }

  /** The people named in full (two words or more) with their surnames folded, read once. */
  private fullNames(): Array<{ mention: NameMention; surname: string }> {
    this.fullNameList ??= this.ctx.names.mentions.filter((m) => m.kind === 'person' && !m.weak && m.first !== m.last).map((mention) => ({ mention, surname: foldName(surnameOf(mention.name)) }));
    return this.fullNameList;
  }

  private collectPersons(): void {
    const { tokens } = this.ctx;
    for (const m of this.ctx.names.mentions) {
      if (m.kind !== 'person' || m.weak) continue;
      const canonical = this.canonicalPerson(m.name, m);
      let p = this.persons.get(canonical);
      if (!p) {
        const entity = this.entities.find((e) => e.canonical === canonical);
        p = { canonical, gender: genderOfName(canonical), roles: new Set() };
        for (const r of entity?.roles ?? []) for (const w of r.text.toLowerCase().match(/[\p{L}-]+/gu) ?? []) addRole(p.roles, w);
        this.persons.set(canonical, p);
      }
      const after = tokens[m.last + 1];
      if (after && after.sent === tokens[m.last].sent && /,/.test(tokens[m.last].post) && (after.lower === 'who' || after.lower === 'whose')) this.relativeWho.add(canonical);
      for (const w of m.titleWords) {
        addRole(p.roles, w);
        const g = cueWords.honorificGender.get(w);
        if (g && !p.gender) p.gender = g as Gender;
      }
      // Role words written just before the name: "the US special envoy for Afghanistan Thomas West".
      for (let k = m.runFirst - 1, n = 0; k >= 0 && n < 7; k--, n++) {
        const t = tokens[k];
        if (t.sent !== tokens[m.first].sent || t.quote >= 0 || breaksAfter(t)) break;
        if (cueWords.clauseStarters.has(t.lower) && t.lower !== 'of' && t.lower !== 'for' && t.lower !== 'to') break;
        // A finite verb ends the subject before it: "Indiana governor endorses Ted Cruz" gives Cruz no role.
        if (finiteVerb(t)) break;
        addRole(p.roles, t.lower);
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
          for (const t of seg) addRole(p.roles, t.lower);
        }
      }
      // "Thomas West, the US special envoy, said"
      const last = tokens[m.last];
      const next = tokens[m.last + 1];
      if (next && /,/.test(last.post) && next.sent === last.sent && (cueWords.determiners.has(next.lower) || cueWords.personNouns.has(next.lower) || cueWords.titles.has(next.lower))) {
        for (let k = m.last + 1, n = 0; k < tokens.length && n < 9; k++, n++) {
          const t = tokens[k];
          if (t.sent !== last.sent || t.quote >= 0) break;
          addRole(p.roles, t.lower);
          if (breaksAfter(t)) break;
        }
      }
    }
  }

  private isSubjectPosition(m: { first: number; last: number; runFirst: number }): boolean {
    const { tokens } = this.ctx;
    let k = m.runFirst;
    let steps = 0;
    let linked = false;
    while (k > 0 && !this.ctx.names.sentenceStart[k] && steps < 8) {
      k--;
      steps++;
      // An opening adverbial ("On Saturday,") may come first. A person's name before the comma, with a break after
      // this one, makes it an item of a list ("behind Rick Santorum, Senator Marco Rubio, and …"), not a subject.
      // A comma right after a preposition ("well ahead of, Ray Pollard") ends no opening phrase: its object is no subject.
      if (commaAfterPreposition(tokens[k])) return false;
      if (breaksAfter(tokens[k]) && /,/.test(tokens[k].post)) {
        // An item of a list of names: "behind Rick Santorum, Senator Marco Rubio, and …", "primaries in Georgia,
        // Virginia, Arkansas" (a list of places goes on after the name: "For the islanders, General Sam Whitby, 62," does not).
        const before = this.ctx.names.at[k];
        const prior = before >= 0 && this.ctx.names.mentions[before].last === k ? this.ctx.names.mentions[before] : null;
        const after = tokens[m.last + 1];
        const goesOn = !!after && after.sent === tokens[m.last].sent && this.ctx.names.at[after.index] >= 0;
        if (prior && breaksAfter(tokens[m.last]) && (prior.kind === 'person' || goesOn)) return false;
        // After a comma inside a clause that already has its verb, a name is no subject of the sentence ("he
        // revealed that after the vote, Paul Baker phoned him"), unless a conjunction opens a clause of its own
        // (", and Clinton aimed her speech").
        if (!linked && this.clauseBefore(k)) return false;
        break;
      }
      // "And even Obama tried": a linking word or an adverb may stand before the subject.
      if (cueWords.coordinators.has(tokens[k].lower)) linked = true;
      if (LINKERS.has(tokens[k].lower) || cueWords.subjectAdverbs.has(tokens[k].lower) || (!tokens[k].cap && lexTags(tokens[k].lower).includes('Adverb'))) continue;
      // Role words before the name belong to the subject: "party consultant Dale Pruitt, …, picked up".
      if (!cueWords.titles.has(tokens[k].lower) && !tokens[k].cap && !cueWords.determiners.has(tokens[k].lower) && !isRoleNoun(tokens[k].lower)) return false;
    }
    if (steps >= 8) return false;
    const next = tokens[m.last + 1];
    if (next && (isCueWord(next) || cueWords.auxiliaries.has(next.lower))) return true;
    return true;
  }

  /**
   * The sentence up to token `k` (a comma) holds a finite verb outside an opening subordinate clause: what follows
   * the comma is inside that clause ("Clinton has won primaries in Georgia, …"), not the subject of the sentence
   * ("After the debate, Trump said").
   */
  private clauseBefore(k: number): boolean {
    const { tokens } = this.ctx;
    let s = k;
    while (s > 0 && !this.ctx.names.sentenceStart[s]) s--;
    // An opening subordinate clause or participle: "Although …,", "Standing in for the mayor at the event where …,".
    if (cueWords.subordinators.has(tokens[s].lower) || /ing$/.test(tokens[s].lower) || lexTags(tokens[s].lower).includes('PastTense')) return false;
    // A subject (a name or a pronoun) and then its verb: "In brief remarks," has neither. An opening prepositional
    // phrase ("In a newspaper column last month,") holds no subject: reading starts after its comma.
    let from = s;
    if (PREPOSITIONS.has(tokens[s].lower) || cueWords.clauseStarters.has(tokens[s].lower)) {
      while (from < k && !/,/.test(tokens[from].post)) from++;
      from++;
    }
    let subject = false;
    for (let i = from; i <= k; i++) {
      const t = tokens[i];
      if (t.quote >= 0) continue;
      if ((t.cap && !(i === s && cueWords.clauseStarters.has(t.lower))) || PRONOUN_SUBJECTS.has(t.lower)) subject = true;
      else if (subject && (cueWords.finiteAuxiliaries.has(t.lower) || isCueWord(t) || finiteVerb(t))) return true;
    }
    return false;
  }

  /** The one asked a question, who answers it next: "Tom Reyes asked Dana Pike whether she would run. 'No,' she said." */
  private askedSomething(m: NameMention): boolean {
    const { tokens } = this.ctx;
    const before = tokens[m.runFirst - 1];
    const after = tokens[m.last + 1];
    if (!before || !after || before.lower !== 'asked' || before.sent !== tokens[m.first].sent || after.sent !== before.sent || tokens[m.last].possessive || !cueWords.questionOpeners.has(after.lower)) return false;
    // The asking is the sentence's own news, not a clause inside someone else's words ("The worst moment, she said,
    // came on a call-in show, when a caller asked Ms. Ames why …").
    for (let k = before.index - 1; k >= 0 && tokens[k].sent === before.sent; k--) {
      if (isCueWord(tokens[k]) || cueWords.subordinators.has(tokens[k].lower)) return false;
    }
    return true;
  }

  /** "Mr. Trump's jabs", not the contraction in "Dalton's been making the case" or "Trump's not". */
  private possessiveName(last: number): boolean {
    const { tokens } = this.ctx;
    if (!tokens[last].possessive) return false;
    const next = tokens[last + 1];
    return !next || next.sent !== tokens[last].sent || !lexTags(next.lower).some((g) => CONTRACTED.has(g));
  }

  addReferent(r: Referent): void {
    this.referents.push(r);
  }

  registerMention(index: number): void {
    const m = this.ctx.names.mentions[index];
    if (m.weak) return;
    const t = this.ctx.tokens[m.last];
    // A photo credit ("Jo Park via Getty Images.") names no one the story goes on about.
    if (this.ctx.captions.has(t.sent)) return;
    if (m.kind === 'person') {
      const canonical = this.canonicalPerson(m.name, m);
      const p = this.persons.get(canonical);
      // "The Cruz campaign", "the Trump administration": the name modifies what is meant, as a possessive does.
      const next = this.ctx.tokens[m.last + 1];
      const modifier = !!next && next.sent === t.sent && !next.cap && next.quote < 0 && cueWords.organisationNouns.has(next.lower) && !cueWords.personNouns.has(next.lower);
      this.addReferent({ pos: m.last, para: t.para, speaker: canonical, kind: 'person', gender: p?.gender, salient: !modifier && (this.isSubjectPosition(m) || this.askedSomething(m)), spoke: false, possessive: modifier || this.possessiveName(m.last) });
    } else {
      // An organisation opening its sentence is what "it" goes back to: "Still, the Business Council opposed an increase."
      this.addReferent({ pos: m.last, para: t.para, speaker: m.name, kind: 'organisation', gender: undefined, salient: m.kind === 'organisation' && this.isSubjectPosition(m), spoke: false });
    }
  }

  /** The name at token `pos` follows "of", "in", "from" or "at" directly: "Smithy, 33, of Baldwin, Miss." is a place. */
  private afterPlaceWord(pos: number): boolean {
    const m = this.ctx.names.at[pos];
    if (m < 0) return false;
    // A title says person: "several claims of President Tom Ward's address".
    if (this.ctx.names.mentions[m].titleWords.some((w) => cueWords.titles.has(w))) return false;
    const before = this.ctx.tokens[this.ctx.names.mentions[m].runFirst - 1];
    return !!before && ['of', 'in', 'from', 'at'].includes(before.lower);
  }

  /** A role word that only a person has (a title or a person noun) was written with the name. */
  private hasPersonRole(name: string): boolean {
    const roles = this.persons.get(name)?.roles;
    if (!roles) return false;
    for (const w of roles) if (cueWords.personNouns.has(w) || cueWords.titles.has(w)) return true;
    return false;
  }

  resolvePronoun(word: string, pos: number, para: number): Attribution | null {
    const type = cueWords.pronouns.get(word);
    if (type === 'male' || type === 'female') {
      let fallback: Referent | null = null;
      let possessed: Referent | null = null;
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 3) break;
        if (r.kind !== 'person' || (r.gender && r.gender !== type)) continue;
        // A capitalised phrase the name finder took for a person ("In Concord,", "FULL TEXT") is no antecedent:
        // a person has a known given name, a role or title, a relative clause of its own ("Zandra, who …"), or spoke.
        if (!r.gender && !r.spoke && (!this.hasPersonRole(r.speaker) || this.afterPlaceWord(r.pos)) && !this.relativeWho.has(r.speaker)) continue;
        if (!r.gender && noPersonName(r.speaker)) continue;
        if ((r.salient && !r.possessive) || r.spoke) {
          // A person of that sex named since, paragraphs later, though not as a subject ("…, according to a post from
          // Nadia Ferris." ⏎ "…," she wrote), is nearer than a subject or speaker further back.
          if (fallback && fallback.gender === type && fallback.para >= para - 1 && (fallback.para - r.para >= 2 || (!r.gender && fallback.para > r.para))) return fromReferent(fallback);
          return fromReferent(r);
        }
        // A possessive ("moved by Baxter's speech, he …") is the last resort: a person named as such comes first.
        if (r.possessive) possessed ??= r;
        else fallback ??= r;
      }
      const found = fallback ?? possessed;
      return found ? fromReferent(found) : null;
    }
    if (type === 'plural' || type === 'thing') {
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 1) break;
        if (r.kind !== 'person' && (r.spoke || (type === 'thing' && r.salient))) return fromReferent(r);
      }
    }
    return null;
  }

  /** How many times a person was named before token `pos`. */
  private timesNamed(speaker: string, pos: number): number {
    let n = 0;
    for (const r of this.referents) if (r.pos < pos && r.speaker === speaker && !r.spoke) n++;
    return n;
  }

  /** The token before the name whose last token is `last` (titles included), or -1. */
  private runStart(last: number): number {
    const m = this.ctx.names.at[last];
    return m >= 0 ? this.ctx.names.mentions[m].runFirst - 1 : -1;
  }

  /** The latest referent before token `pos` that passes `test`. */
  private latest(pos: number, test: (r: Referent) => boolean): Referent | null {
    for (let i = this.referents.length - 1; i >= 0; i--) {
      const r = this.referents[i];
      if (r.pos < pos && test(r)) return r;
    }
    return null;
  }

  /** "the diplomat", "the US special envoy", "a senior State Department official", "the statement". */
  resolveDescription(np: Token[], pos: number, para: number): Attribution {
    const text = lowerFirstDeterminer(npText(this.ctx, np));
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
          if (r.pos < pos && r.kind === 'organisation' && foldName(surnameOf(r.speaker)) === head) return fromReferent(r);
        }
      }
      return { speaker: text, speakerMention: null, speakerKind: 'organisation', cue: null };
    }
    if (indefinite || plural) return { speaker: text, speakerMention: null, speakerKind: 'unnamed', cue: null };
    // "the 46-year-old": the person whose age the article gave ("Melora Vance, 46," or "46-year-old Melora Vance").
    if (isAgeNoun(head) && np[0].lower === 'the') {
      const { tokens } = this.ctx;
      const age = head.slice(0, head.indexOf('-'));
      const aged = this.latest(pos, (r) => r.kind === 'person' && ((tokens[r.pos + 1]?.text === age && /,/.test(tokens[r.pos].post)) || tokens[this.runStart(r.pos)]?.lower === head));
      if (aged) return fromReferent(aged);
    }
    // Definite: a person whose role has the head noun (and every capitalised modifier), or an unnamed source with it.
    const modifiers = core.slice(1, -1).filter((t) => t.cap).map((t) => t.lower);
    const words = core.map((t) => t.lower);
    const holds = (r: Referent): boolean => {
      if (r.kind === 'unnamed') return r.head === head;
      const roles = r.kind === 'person' ? this.persons.get(r.speaker)?.roles : undefined;
      // "Vice President Joe Biden" is no "president": a rank the description does not say is another role.
      const rank = [...cueWords.ranks].some((w) => roles?.has(w) && !words.includes(w));
      return !!roles?.has(head) && !rank && modifiers.every((w) => roles.has(w));
    };
    const possessed = core.some((t) => t.possessive);
    const bare = modifiers.length === 0 && (cueWords.personNouns.has(head) || cueWords.titles.has(head));
    // With capitalised modifiers, only "the …" and a person head: "the presumptive Republican presidential nominee".
    const described = np[0].lower === 'the' && isPersonHead(head);
    // "the diplomat told reporters" right after a sentence about Blinken: the person the text is about.
    const topic = (r: Referent) => !possessed && (bare || described) && r.para >= para - 1 && r.kind === 'person' && (r.salient || r.spoke) && !partyClash(words, this.persons.get(r.speaker)?.roles);
    // An unnamed source with that head ("a senior official" … "the official"); else a person with that role nearby (this
    // paragraph and the two before), unless the topic person comes in a later paragraph; then a role holder anywhere.
    const echo = this.latest(pos, (r) => (r.kind === 'unnamed' || r.para >= para - 2) && holds(r));
    const about = this.latest(pos, topic);
    if (echo && (echo.kind === 'unnamed' || !about || echo.para >= about.para)) return fromReferent(echo);
    if (about) {
      // A holder of that role further back against the topic person: the one the article has named as often or more so far
      // ("Ann Poole had a question for the president. “…,” she said. “…,” the president said": the president named before).
      const holder = echo ? null : this.latest(pos, holds);
      return fromReferent(holder && this.timesNamed(holder.speaker, pos) >= this.timesNamed(about.speaker, pos) ? holder : about);
    }
    // "It was not clear whether Hal Brenner would follow. The Maine senator wrote …": the one person named just before,
    // for a title or a party ("the senator", "the Wisconsin Republican"), not a plain noun ("the man", "the boy").
    if (!possessed && np[0].lower === 'the' && (cueWords.titles.has(head) || isPartyMember(head))) {
      const named = this.referents.filter((r) => r.pos < pos && r.para >= para - 1 && r.kind === 'person' && !r.possessive);
      // Named as the object of a preposition ("speaking warmly of Mr. Colter") is no one a description goes back to.
      const object = (r: Referent) => !r.spoke && PREPOSITIONS.has(this.ctx.tokens[this.runStart(r.pos)]?.lower ?? '');
      if (named.length && named.every((r) => r.speaker === named[0].speaker) && !named.every(object) && !partyClash(words, this.persons.get(named[0].speaker)?.roles)) return fromReferent(named[named.length - 1]);
    }
    const earlier = this.latest(pos, holds);
    if (earlier) return fromReferent(earlier);
    // Someone introduced later in the article with that role ("…," said the envoy; … envoy Thomas West).
    for (const p of this.persons.values()) {
      if (p.roles.has(head) && modifiers.every((w) => p.roles.has(w))) return { speaker: p.canonical, speakerMention: null, speakerKind: 'person', cue: null };
    }
    return { speaker: text, speakerMention: null, speakerKind: 'unnamed', cue: null };
  }
}
