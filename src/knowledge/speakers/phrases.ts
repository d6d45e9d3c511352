/**
 * Speaker phrases: the noun phrase naming who speaks, read around a cue verb — after it ("said the US special
 * envoy"), before it ("State Department spokesman Ned Price said"), as the subject of the clause, or a description
 * with a name in apposition ("said his best friend, Bruce Turry").
 */
import { breaksAfter, endsSentence, type Token } from '../analysis/tokens.ts';
import { lexTags } from '../analysis/names.ts';
import { cueWords } from '../analysis/words.ts';
import { isAgeNoun } from './descriptions.ts';
import { AFFILIATION, DATE_TAGS, LINKERS, MAX_NP, PREPOSITIONS, PRONOUN_SUBJECTS, commaAfterPreposition, isCueWord, type SpeakerContext } from './context.ts';

/** The speaker phrase after a cue verb: "said West", "stressed the US special envoy for Afghanistan". */
export function npAfter(ctx: SpeakerContext, from: number, end: number): Token[] {
  const np: Token[] = [];
  for (let k = from; k < end && np.length < MAX_NP; k++) {
    const t = ctx.tokens[k];
    if (t.quote >= 0 || /[("“]/.test(t.pre)) break;
    // Two titles joined before the name: "said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell".
    if (np.length && t.lower === 'and' && !np.some((w) => personAt(ctx, w.index)) && nameWithin(ctx, k + 1, Math.min(end, k + 7), true)) {
      np.push(t);
      continue;
    }
    if (np.length && cueWords.npStoppers.has(t.lower) && !(t.lower === 'of' || t.lower === 'for' || t.lower === 'to')) break;
    if (np.length === 0 && !(t.cap || cueWords.determiners.has(t.lower) || PRONOUN_SUBJECTS.has(t.lower) || cueWords.titles.has(t.lower) || cueWords.personNouns.has(t.lower))) {
      // Lower-case role words before a name: "said retired neurosurgeon Ben Carson", "said retired Army Lt. Gen. Mick Bednarek".
      if (!nameWithin(ctx, k, Math.min(end, k + 4)) && !nameWithin(ctx, k, Math.min(end, k + 7), true)) break;
    }
    if (np.length === 0 && (cueWords.npStoppers.has(t.lower) || lexTags(t.text).some((g) => DATE_TAGS.has(g)))) break;
    np.push(t);
    if (breaksAfter(t)) break;
  }
  // Trailing prepositions or lower-case words after a name: "West at" → "West".
  while (np.length > 1 && PREPOSITIONS.has(np[np.length - 1].lower)) np.pop();
  return withApposition(ctx, np, end);
}

/**
 * Who speaks in a participle cue (`saying`, `adding`, `writing`): the subject of an earlier cue in the sentence
 * (`…, Spicer said, adding, "…"`), else the sentence's subject (`Mr. Trump … issued a statement Tuesday saying`),
 * else the phrase right before it.
 */
export function participleSubject(ctx: SpeakerContext, from: number, v: number): Token[] {
  const { tokens } = ctx;
  for (let k = v - 1; k >= from; k--) {
    if (!isCueWord(tokens[k]) || /ing$/.test(tokens[k].lower)) continue;
    const np = subjectBefore(ctx, from, k);
    if (np.length) return np;
  }
  const subject = clauseSubject(ctx, from, v - 1);
  if (subject.length && (namesSomeone(ctx, subject) || (subject.length === 1 && subject[0].cap && ctx.names.at[subject[0].index] >= 0))) return subject;
  return subjectBefore(ctx, from, v);
}

/**
 * A person's name begins within tokens [from, to) after lower-case words only — or, with `allowTitleCaps`,
 * after the capitalised words of a title too.
 */
export function nameWithin(ctx: SpeakerContext, from: number, to: number, allowTitleCaps = false): boolean {
  const { tokens } = ctx;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.quote >= 0 || cueWords.npStoppers.has(t.lower) || isCueWord(t)) return false;
    const m = ctx.names.at[k];
    if (m >= 0) return ctx.names.mentions[m].kind === 'person' && !ctx.names.mentions[m].weak;
    // Capitalised words of a title may come first: "retired Army Lt. Gen. Mick Bednarek".
    if (t.cap && !cueWords.titles.has(t.lower) && !(allowTitleCaps && k + 1 < to)) return false;
    if (breaksAfter(t) && !(allowTitleCaps && /^\.?$/.test(t.post.trim()))) return false;
  }
  return false;
}

/**
 * A description followed by the name in apposition is that name: "said his best friend at Lehigh, Bruce Turry,",
 * "said another leading Supreme Court advocate, Andrew J. Pincus of …".
 */
export function withApposition(ctx: SpeakerContext, np: Token[], end: number): Token[] {
  const { tokens } = ctx;
  if (!np.length) return np;
  const last = np[np.length - 1];
  // Only after a description: "his best friend", "Clinton's campaign chairman", "the White House press secretary".
  if (last.cap || !(cueWords.determiners.has(np[0].lower) || np[0].possessive || np.some((t) => t.possessive))) return np;
  for (let k = last.index; k < end && k <= last.index + 5; k++) {
    const t = tokens[k];
    if (t.quote >= 0) break;
    if (!breaksAfter(t)) continue;
    if (!/,/.test(t.post)) break;
    const m = ctx.names.at[k + 1];
    const mention = m >= 0 ? ctx.names.mentions[m] : null;
    if (mention && mention.kind === 'person' && !mention.weak && mention.runFirst === k + 1 && mention.last < end) return tokens.slice(mention.first, mention.last + 1);
    break;
  }
  return np;
}

/** The subject right before a cue verb: "State Department spokesman Ned Price said", "A senior … official, commenting …, confirmed". */
export function subjectBefore(ctx: SpeakerContext, from: number, verb: number): Token[] {
  const { tokens } = ctx;
  let j = verb - 1;
  while (j >= from && cueWords.auxiliaries.has(tokens[j].lower) && !breaksAfter(tokens[j])) j--;
  j = skipTimeWords(ctx, from, j);
  j = beforeParenthesis(ctx, from, j);
  if (verb - 2 > from && tokens[verb - 1].lower === 'to' && !breaksAfter(tokens[verb - 2])) {
    // "Mr. Trump was prompted to say", "Auerbach went so far as to say": the subject of the verb governing "to".
    let k = verb - 2;
    while (k > from && verb - k <= 7 && !tokens[k].cap && !breaksAfter(tokens[k]) && tokens[k].quote < 0 && !isCueWord(tokens[k])) k--;
    const m = ctx.names.at[k];
    if (k < verb - 2 && m >= 0 && ctx.names.mentions[m].kind === 'person' && !ctx.names.mentions[m].weak && ctx.names.mentions[m].last === k && !tokens[k].possessive) {
      return tokens.slice(ctx.names.mentions[m].runFirst, k + 1);
    }
  }
  const run = trailingNP(ctx, from, j);
  if (run.length) return nameBeforeApposition(ctx, from, run[0].index, j) ?? run;
  return nameInApposition(ctx, from, j) ?? nameBeforeInterrupter(ctx, from, j) ?? clauseSubject(ctx, from, j);
}

/**
 * The person named before a relative clause or a participle phrase set off by commas right before the cue: "after
 * Mr. Dole, asked about the deaths, had said", "Ann Pyle, who named the movement, once said". The phrase opens with
 * who/whose or a lower-case participle; what stands before its comma is the last word of a person's name (not an
 * abbreviation: "a baker from Erie, Pa., who …").
 */
function nameBeforeInterrupter(ctx: SpeakerContext, from: number, end: number): Token[] | null {
  const { tokens } = ctx;
  if (end <= from || !/,\s*$/.test(tokens[end].post)) return null;
  let c = end - 1;
  while (c >= from && end - c <= 16 && !/,/.test(tokens[c].post)) {
    // The participle opening the phrase may be a cue word itself ("asked about …").
    const opener = /,/.test(tokens[c - 1]?.post ?? '');
    if ((tokens[c].quote >= 0 && !ctx.spans[tokens[c].quote].scare) || (isCueWord(tokens[c]) && !opener) || breaksAfter(tokens[c])) return null;
    c--;
  }
  if (c < from || !/,\s*$/.test(tokens[c].post)) return null;
  const opener = tokens[c + 1];
  if (opener.cap || !(opener.lower === 'who' || opener.lower === 'whose' || /^[a-z]{3,}(ed|ing)$/.test(opener.lower))) return null;
  const m = ctx.names.at[c];
  const mention = m >= 0 ? ctx.names.mentions[m] : null;
  if (!mention || mention.kind !== 'person' || mention.weak || mention.last !== c || tokens[c].possessive || mention.runFirst < from || /\./.test(tokens[c].post)) return null;
  return tokens.slice(mention.runFirst, c + 1);
}

/**
 * A short parenthesis closing the phrase before the cue is skipped: `Sen. Marco Rubio (R-Fla.) said`,
 * `Rep. Ann Pyle (D) told`. Returns the token before it (or `end` when there is none).
 */
function beforeParenthesis(ctx: SpeakerContext, from: number, end: number): number {
  const { tokens } = ctx;
  if (end <= from || !/^[.,]?\)\s*$/.test(tokens[end].post)) return end;
  for (let k = end; k > from && end - k < 5; k--) {
    if (/\)/.test(tokens[k].pre) || (k < end && /[()]/.test(tokens[k].post))) return end;
    if (/\(\s*$/.test(tokens[k].pre) || /\(\s*$/.test(tokens[k - 1].post)) return tokens[k - 1].quote < 0 && !/[,;:]/.test(tokens[k - 1].post) ? k - 1 : end;
  }
  return end;
}

/** A name set off by commas right before the cue: `"…," the White House press secretary, Josh Earnest, said`. */
function nameInApposition(ctx: SpeakerContext, from: number, end: number): Token[] | null {
  const { tokens } = ctx;
  if (end < from || !/,/.test(tokens[end].post)) return null;
  const m = ctx.names.at[end];
  const mention = m >= 0 ? ctx.names.mentions[m] : null;
  if (!mention || mention.kind !== 'person' || mention.weak || mention.last !== end || mention.runFirst <= from) return null;
  const before = tokens[mention.runFirst - 1];
  if (!/,/.test(before.post) || before.quote >= 0 || before.cap) return null;
  return tokens.slice(mention.runFirst, end + 1);
}

/**
 * The person named at the head of the clause when what stands right before the cue is their apposition:
 * "Sam Lau, the communications director for the Iowa Democratic Party said", "Jeff Bechdel, chairman of America
 * Rising (a Republican PAC), tweeted". The apposition opens with a determiner, a title or a lower-case role word.
 */
function nameBeforeApposition(ctx: SpeakerContext, from: number, start: number, end: number): Token[] | null {
  const { tokens } = ctx;
  const lastOf = ctx.names.at[end];
  if (lastOf >= 0 && ctx.names.mentions[lastOf].kind === 'person') return null;
  let c = start - 1;
  while (c >= from && c > start - 10 && !/,/.test(tokens[c].post)) {
    if (tokens[c].quote >= 0 || isCueWord(tokens[c]) || breaksAfter(tokens[c])) return null;
    c--;
  }
  if (c < from || !/,/.test(tokens[c].post)) return null;
  const m = ctx.names.at[c];
  const mention = m >= 0 ? ctx.names.mentions[m] : null;
  if (!mention || mention.kind !== 'person' || mention.weak || mention.last !== c || tokens[c].possessive) return null;
  const opener = tokens[c + 1];
  if (opener.cap && !cueWords.determiners.has(opener.lower) && !cueWords.titles.has(opener.lower)) return null;
  const before = tokens[mention.runFirst - 1];
  const opensClause = mention.runFirst === from || !before || before.sent !== tokens[c].sent || LINKERS.has(before.lower);
  return opensClause ? tokens.slice(mention.runFirst, c + 1) : null;
}

/**
 * The subject of the sentence: the phrase opening its first clause that is not an adverbial or a participle
 * phrase ("Blinken, who visited …, repeated", "A senior … official, commenting on …, confirmed:").
 */
export function clauseSubject(ctx: SpeakerContext, from: number, j: number): Token[] {
  const { tokens } = ctx;
  let segStart = from;
  for (let k = from; k <= j; k++) {
    const t = tokens[k];
    // A comma right after a preposition ("Far ahead of, Ray Pollard …,") ends no segment.
    if ((breaksAfter(t) && !commaAfterPreposition(t)) || k === j) {
      const first = tokens[segStart];
      // An opening adverb set off by a comma ("Recently, Herman Cain …") is no subject.
      const adverb = k === segStart && /ly$/.test(first?.lower ?? '') && breaksAfter(first);
      const ok = first && first.quote < 0 && !adverb && !cueWords.clauseStarters.has(first.lower) && !(!first.cap && /(ing|ed)$/.test(first.lower));
      if (ok) {
        const np = leadingNP(ctx, segStart, k);
        if (np.length) return withApposition(ctx, np, j + 1);
      } else if (first && LINKERS.has(first.lower) && segStart < k) {
        // "Or, as Tom Ridge, … put it:" / "and Smith said" / "And then Trump went on the attack, saying"
        let open = segStart + 1;
        while (open < k && (LINKERS.has(tokens[open].lower) || cueWords.auxiliaries.has(tokens[open].lower)) && !tokens[open].cap) open++;
        const np = leadingNP(ctx, open, k);
        if (np.length && np[np.length - 1].cap) return np;
      }
      segStart = k + 1;
    }
  }
  return [];
}

/** The noun phrase opening tokens [from, end]: "Mr. McConnell deflected …" → "Mr. McConnell". */
export function leadingNP(ctx: SpeakerContext, from: number, end: number): Token[] {
  const { tokens } = ctx;
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
      isAgeNoun(t.lower) ||
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
export function trailingNP(ctx: SpeakerContext, from: number, end: number, endPunctuation = false): Token[] {
  const { tokens } = ctx;
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
      const person = k - 2 >= from ? ctx.names.at[k - 2] : -1;
      if (np.length && prep && AFFILIATION.has(prep.lower) && !breaksAfter(prep) && person >= 0 && ctx.names.mentions[person].kind === 'person' && ctx.names.mentions[person].last === k - 2 && !breaksAfter(tokens[k - 2])) {
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
      t.cap || t.possessive || cueWords.personNouns.has(t.lower) || isAgeNoun(t.lower) || cueWords.organisationNouns.has(t.lower) || cueWords.documentNouns.has(t.lower) || cueWords.titles.has(t.lower);
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

/** Is this phrase a speaker by itself: a name (person or organisation), a he/she/they, or a person noun? */
export function namesSomeone(ctx: SpeakerContext, np: Token[]): boolean {
  const last = np[np.length - 1];
  if (!last || last.possessive) return false;
  if (np.length === 1 && PRONOUN_SUBJECTS.has(last.lower)) return cueWords.pronouns.get(last.lower) !== 'thing';
  const m = ctx.names.at[last.index];
  if (m >= 0 && !ctx.names.mentions[m].weak && ctx.names.mentions[m].kind !== 'place') return true;
  // "Chancellor Angela Merkel of Germany": a person before an affiliation.
  const cut = cutAtAffiliation(ctx, np);
  if (cut.length < np.length) return namesSomeone(ctx, cut);
  return (cueWords.personNouns.has(last.lower) || isAgeNoun(last.lower)) && cueWords.determiners.has(np[0].lower);
}

/**
 * The speaker of reported speech with the cue before its subject: "Nor are tariffs likely to help, said David
 * Autor, a professor …" — the cue opens the sentence or follows a comma.
 */
export function invertedSubject(ctx: SpeakerContext, from: number, v: number): Token[] {
  const { tokens } = ctx;
  const prev = tokens[v - 1];
  if (v !== from && !(prev && prev.sent === tokens[v].sent && /,\s*$/.test(prev.post))) return [];
  let end = v + 1;
  while (end < tokens.length && tokens[end].sent === tokens[v].sent && tokens[end].quote < 0) end++;
  const np = npAfter(ctx, v + 1, end);
  const last = np[np.length - 1];
  // The phrase must close the sentence or be set off by a comma: not "…, said the Taliban wanted".
  const closes = !!last && (last.index + 1 >= end || /,/.test(last.post) || endsSentence(last));
  return closes && namesSomeone(ctx, np) ? np : [];
}

function personAt(ctx: SpeakerContext, index: number): boolean {
  const m = ctx.names.at[index];
  return m >= 0 && ctx.names.mentions[m].kind === 'person' && !ctx.names.mentions[m].weak;
}

/**
 * A phrase naming a person and then where they work ends at the name: "Jeffrey Lewis of the James Martin Center
 * for Nonproliferation Studies" → "Jeffrey Lewis", "former Gov. Jeb Bush of Florida" → "former Gov. Jeb Bush".
 */
export function cutAtAffiliation(ctx: SpeakerContext, np: Token[]): Token[] {
  for (let k = 0; k + 1 < np.length; k++) {
    if (!AFFILIATION.has(np[k + 1].lower) || np[k].possessive) continue;
    const m = ctx.names.at[np[k].index];
    if (m >= 0 && ctx.names.mentions[m].last === np[k].index && personAt(ctx, np[k].index)) return np.slice(0, k + 1);
  }
  return np;
}

/** Words between a subject and its cue verb that are no part of the subject: "Priebus later Thursday told". */
const TIME_WORDS = new Set(['later', 'earlier', 'also', 'again', 'then', 'now', 'recently', 'previously', 'yesterday', 'today', 'tonight', 'once', 'first', 'last', 'night', 'morning', 'afternoon', 'evening']);

/** Skips time words and day names right before a cue verb, backwards from `j`; returns the new end. */
export function skipTimeWords(ctx: SpeakerContext, from: number, j: number): number {
  const { tokens } = ctx;
  let e = j;
  while (e > from && !breaksAfter(tokens[e]) && (TIME_WORDS.has(tokens[e].lower) || lexTags(tokens[e].text).some((g) => DATE_TAGS.has(g)))) e--;
  return e < j && !breaksAfter(tokens[e]) ? e : j;
}

/**
 * The speaker of the sentence just before a quote that opens its own sentence in the same paragraph, when that
 * sentence is a short speech report ending in the cue's complement: `Lau said in a statement. "…"`.
 */
export function speechSentenceBefore(ctx: SpeakerContext, q: number): { np: Token[]; cue: string } | null {
  const { tokens } = ctx;
  const end = q - 1;
  const last = tokens[end];
  if (!last || last.quote >= 0 || last.para !== tokens[q].para || !/^[.:]\s*$/.test(last.post)) return null;
  let start = end;
  while (start > 0 && tokens[start - 1].sent === last.sent) start--;
  // A scare-quoted phrase in it is part of the narrative: `"People were celebrating" before the crash, she said.`
  if (end - start > 25 || tokens.slice(start, end + 1).some((t) => t.quote >= 0 && !ctx.spans[t.quote].scare)) return null;
  for (let v = start + 1; v <= end; v++) {
    if (!isCueWord(tokens[v]) || cueWords.weakVerbs.has(tokens[v].lower)) continue;
    // Only a complement of place or manner after the cue: "in a statement", "on Twitter", "to reporters".
    const rest = tokens.slice(v + 1, end + 1);
    if (rest.length > 6 || (rest.length && !PREPOSITIONS.has(rest[0].lower))) return null;
    const np = subjectBefore(ctx, start, v);
    return np.length && namesSomeone(ctx, np) ? { np, cue: tokens[v].lower } : null;
  }
  return null;
}
