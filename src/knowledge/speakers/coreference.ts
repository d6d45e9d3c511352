/**
 * Coreference: the people of the article (canonical name, gender, role words) and what was said or mentioned at
 * each point, so that a pronoun ("he") or a description ("the diplomat", "the statement") resolves to the person
 * or organisation it refers to. Never guesses: unresolved is null.
 */
import type { Token } from '../analysis/tokens.ts';
import { breaksAfter } from '../analysis/tokens.ts';
import { foldName, lexTags, sameSurname, surnameOf, type Gender } from '../analysis/names.ts';
import { cueWords } from '../analysis/words.ts';
import type { ArticleEntity, SpeakerKind } from '../types.ts';
import { isPersonHead, partyClash } from './descriptions.ts';
import { genderOfName, pronounGenders } from './gender.ts';
import { PREPOSITIONS, commaAfterPreposition, isCueWord, lowerFirstDeterminer, npText, type Attribution, type SpeakerContext } from './context.ts';

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

/** Word classes after "Name's" that make it "Name has/is": "Christie's been", "Trump's not", "Cruz's already". */
const CONTRACTED = new Set(['Participle', 'PastTense', 'Gerund', 'Copula', 'Negative', 'Adverb', 'Determiner']);

export class Coreference {
  readonly persons = new Map<string, Person>();
  readonly referents: Referent[] = [];
  private readonly canonicalCache = new Map<string, string>();

  constructor(
    private readonly ctx: SpeakerContext,
    private readonly entities: ArticleEntity[],
  ) {
    this.promoteWeakNames();
    this.collectPersons();
    for (const [name, { gender, votes }] of pronounGenders(ctx.tokens, ctx.names, (n) => this.canonicalPerson(n))) {
      const p = this.persons.get(name);
      if (p && (!p.gender || votes >= 2)) p.gender = gender;
    }
  }

  /** A lone sentence-initial word is a person when the same word occurs as a name elsewhere. */
  private promoteWeakNames(): void {
    const strong = this.ctx.names.mentions.filter((m) => !m.weak && m.kind === 'person');
    for (const m of this.ctx.names.mentions) {
      if (!m.weak) continue;
      const orgElsewhere = this.ctx.names.mentions.some((o) => o.kind !== 'person' && foldName(o.name) === foldName(m.name));
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
    for (const m of this.ctx.names.mentions) {
      if (m.kind !== 'person' || m.weak) continue;
      if (!sameSurname(surnameOf(m.name), sur)) continue;
      const mw = m.name.split(/\s+/);
      if (words.length > 1 && foldName(mw[0]) !== foldName(words[0])) continue;
      if (mw.length > best.split(/\s+/).length || (mw.length === best.split(/\s+/).length && m.name.length > best.length && words.length === 1)) best = m.name;
    }
    return best;
  }

  private collectPersons(): void {
    const { tokens } = this.ctx;
    for (const m of this.ctx.names.mentions) {
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
        // A finite verb ends the subject before it: "Indiana governor endorses Ted Cruz" gives Cruz no role.
        if (finiteVerb(t)) break;
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
    const { tokens } = this.ctx;
    let k = m.runFirst;
    let steps = 0;
    while (k > 0 && !this.ctx.names.sentenceStart[k] && steps < 8) {
      k--;
      steps++;
      // An opening adverbial ("On Saturday,") may come first. A person's name before the comma, with a break after
      // this one, makes it an item of a list ("behind Rick Santorum, Senator Marco Rubio, and …"), not a subject.
      // A comma right after a preposition ("well ahead of, Ray Pollard") ends no opening phrase: its object is no subject.
      if (commaAfterPreposition(tokens[k])) return false;
      if (breaksAfter(tokens[k]) && /,/.test(tokens[k].post)) {
        const before = this.ctx.names.at[k];
        const listed = before >= 0 && this.ctx.names.mentions[before].kind === 'person' && this.ctx.names.mentions[before].last === k;
        if (listed && breaksAfter(tokens[m.last])) return false;
        break;
      }
      // Role words before the name belong to the subject: "Obama consultant Cornell Belcher, …, picked up".
      if (!cueWords.titles.has(tokens[k].lower) && !tokens[k].cap && !cueWords.determiners.has(tokens[k].lower) && !isRoleNoun(tokens[k].lower)) return false;
    }
    if (steps >= 8) return false;
    const next = tokens[m.last + 1];
    if (next && (isCueWord(next) || cueWords.auxiliaries.has(next.lower))) return true;
    return true;
  }

  /** "Mr. Trump's jabs", not the contraction in "Christie's been making the case" or "Trump's not". */
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
    if (m.kind === 'person') {
      const canonical = this.canonicalPerson(m.name);
      const p = this.persons.get(canonical);
      this.addReferent({ pos: m.last, para: t.para, speaker: canonical, kind: 'person', gender: p?.gender, salient: this.isSubjectPosition(m), spoke: false, possessive: this.possessiveName(m.last) });
    } else {
      this.addReferent({ pos: m.last, para: t.para, speaker: m.name, kind: 'organisation', gender: undefined, salient: false, spoke: false });
    }
  }

  /** The name at token `pos` follows "of", "in", "from" or "at" directly: "Smithy, 33, of Baldwin, Miss." is a place. */
  private afterPlaceWord(pos: number): boolean {
    const m = this.ctx.names.at[pos];
    if (m < 0) return false;
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
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 3) break;
        if (r.kind !== 'person' || (r.gender && r.gender !== type)) continue;
        // A capitalised phrase the name finder took for a person ("In Concord,", "FULL TEXT") is no antecedent:
        // a person has a known given name, a role or title, or spoke.
        if (!r.gender && !r.spoke && (!this.hasPersonRole(r.speaker) || this.afterPlaceWord(r.pos))) continue;
        if ((r.salient && !r.possessive) || r.spoke) return fromReferent(r);
        fallback ??= r;
      }
      return fallback ? fromReferent(fallback) : null;
    }
    if (type === 'plural' || type === 'thing') {
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 1) break;
        if (r.spoke && r.kind !== 'person') return fromReferent(r);
      }
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
    if (best) return fromReferent(best);
    const possessed = core.some((t) => t.possessive);
    const bare = modifiers.length === 0 && (cueWords.personNouns.has(head) || cueWords.titles.has(head));
    // With capitalised modifiers, only "the …" and a person head: "the presumptive Republican presidential nominee".
    const described = np[0].lower === 'the' && isPersonHead(head);
    if (!possessed && (bare || described)) {
      // "the diplomat told reporters" right after a sentence about Blinken.
      const words = core.map((t) => t.lower);
      for (let i = this.referents.length - 1; i >= 0; i--) {
        const r = this.referents[i];
        if (r.pos >= pos) continue;
        if (para - r.para > 1) break;
        if (r.kind === 'person' && (r.salient || r.spoke) && !partyClash(words, this.persons.get(r.speaker)?.roles)) return fromReferent(r);
      }
    }
    return { speaker: text, speakerMention: null, speakerKind: 'unnamed', cue: null };
  }
}
