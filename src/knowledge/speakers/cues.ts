/**
 * Cues around a quotation: `"…," West said` / `said West` / `X said: "…"` / `According to him, "…"` /
 * `Name: "…"` / a sentence whose subject does something with the words. Each returns the speaker phrase and
 * where the cue is; what the phrase refers to is the resolver's job.
 */
import { breaksAfter, endsSentence, type Token } from '../analysis/tokens.ts';
import { cueWords } from '../analysis/words.ts';
import type { QuoteSpan } from '../quotes/marks.ts';
import { PREPOSITIONS, PRONOUN_SUBJECTS, colonSentenceStart, isCueWord, type Cue, type SpeakerContext } from './context.ts';
import { clauseSubject, cutAtAffiliation, leadingNP, namesSomeone, npAfter, participleSubject, subjectBefore, trailingNP } from './phrases.ts';

/** The name whose run (titles included: "President Obama") opens at token `k`, or -1. */
export function nameOpeningAt(ctx: SpeakerContext, k: number): number {
  for (let j = k; j < ctx.tokens.length && j <= k + 4 && ctx.tokens[j].para === ctx.tokens[k].para; j++) {
    const m = ctx.names.at[j];
    if (m >= 0) return ctx.names.mentions[m].runFirst === k ? m : -1;
  }
  return -1;
}

/** A dash right after the quote (token `q`), in its paragraph. */
function dashAfter(tokens: Token[], q: number): boolean {
  const next = tokens[q + 1];
  return !!next && next.para === tokens[q].para && (/[-—–]\s*$/.test(tokens[q].post) || /^\s*[-—–]/.test(next.pre));
}

/** The quote is followed by a dash and a short rest of its paragraph opening in capitals: a signature, read as a name or not. */
export function dashSigned(ctx: SpeakerContext, q: number): boolean {
  const { tokens } = ctx;
  if (!dashAfter(tokens, q)) return false;
  const next = tokens[q + 1];
  // A name or a handle, not the narrative going on (`"…" - increasing his lead`).
  if (!/^[\p{Lu}@]/u.test(next.text) && !/@$/.test(next.pre)) return false;
  let k = q + 1;
  while (k < tokens.length && tokens[k].para === next.para && tokens[k].quote < 0) k++;
  return (k >= tokens.length || tokens[k].para !== next.para) && k - (q + 1) <= 12;
}

/** A cue after the quote: `, West said` / `, said West` / `– stressed the US special envoy` / `, according to X`. */
export function cueAfter(ctx: SpeakerContext, q: number, end: number, span: QuoteSpan): Cue | null {
  const { tokens } = ctx;
  // `"…" - Sanders.` / `"…" —Michelle Marks, Philadelphia.` / `"…" — Jo Park` ending the paragraph: a dash and a name
  // closing the quote.
  if (dashAfter(tokens, q)) {
    const m = nameOpeningAt(ctx, q + 1);
    const mention = m >= 0 ? ctx.names.mentions[m] : null;
    const closes = (t: Token) => breaksAfter(t) || tokens[t.index + 1]?.para !== t.para;
    if (mention && mention.kind === 'person' && !mention.weak && mention.runFirst === q + 1 && closes(tokens[mention.last])) {
      return { np: tokens.slice(q + 1, mention.last + 1), cue: '-', at: q, direct: true };
    }
  }
  if (q + 1 >= end) return null;
  const limitToShort = span.terminal && !/[?!]$/.test(ctx.paragraphs[span.para].norm.slice(span.start, span.end));
  let k = q + 1;
  while (k < end && cueWords.auxiliaries.has(tokens[k].lower) && !isCueWord(tokens[k])) k++;
  const first = tokens[k];
  if (first && isCueWord(first)) {
    let from = k + 1;
    const particles = cueWords.particles.get(first.lower);
    if (particles && tokens[from] && particles.includes(tokens[from].lower)) from++;
    const np = npAfter(ctx, from, end);
    // `"…," said the candidate could win`: the phrase is the subject of reported speech, not the speaker.
    const verbAfter = np.length ? tokens[np[np.length - 1].index + 1] : undefined;
    const reported = np.some((t) => !t.cap && cueWords.finiteVerbs.has(t.lower)) || (!!verbAfter && verbAfter.sent === first.sent && !breaksAfter(np[np.length - 1]) && cueWords.finiteVerbs.has(verbAfter.lower));
    if (np.length && !reported) return { np, cue: first.lower, at: k, direct: true };
  }
  // Any verb inverted before a name closing the sentence after `,"` or `?"`: `"…," exhorted actress Jamie Lee Curtis.`
  const closedBy = ctx.paragraphs[span.para].norm.slice(span.end, span.end + 1);
  if (first && !isCueWord(first) && first.index === q + 1 && (closedBy === ',' || /[?!]$/.test(ctx.paragraphs[span.para].norm.slice(span.start, span.end))) && /^[a-z]{3,}ed$/.test(first.text)) {
    const np = npAfter(ctx, q + 2, end);
    const last = np[np.length - 1];
    const m = last ? ctx.names.at[last.index] : -1;
    if (last && m >= 0 && ctx.names.mentions[m].kind === 'person' && !ctx.names.mentions[m].weak && (endsSentence(last) || /,/.test(last.post) || last.index + 1 >= end)) return { np, cue: first.lower, at: q + 1, direct: true };
  }
  if (tokens[q + 1]?.lower === 'according' && tokens[q + 2]?.lower === 'to') {
    const np = npAfter(ctx, q + 3, end);
    if (np.length) return { np, cue: 'according to', at: q + 1, direct: true };
  }
  // A name and a long apposition before the cue: `"…," Trent Lott, who was … under George W. Bush, told lawmakers`.
  // Role words may come first: `"…," the economist Jared Bernstein, a former adviser …, said`.
  let nameAt = q + 1;
  // A place may open the role words: `"…," Ohio delegate Carl Brenner, wearing …, said`.
  const place = (k: number) => ctx.names.at[k] >= 0 && ctx.names.mentions[ctx.names.at[k]].kind === 'place';
  let placeFirst = false;
  while (nameAt < end && nameAt <= q + 4 && (ctx.names.at[nameAt] < 0 || place(nameAt)) && (!tokens[nameAt].cap || place(nameAt)) && tokens[nameAt].quote < 0 && !breaksAfter(tokens[nameAt]) && !isCueWord(tokens[nameAt])) {
    if (nameAt === q + 1 && place(nameAt)) placeFirst = true;
    nameAt++;
  }
  const named = nameAt < end ? ctx.names.at[nameAt] : -1;
  const mention = named >= 0 ? ctx.names.mentions[named] : null;
  if (mention && mention.kind === 'person' && !mention.weak && mention.runFirst === nameAt && /,/.test(tokens[mention.last].post) && (nameAt === q + 1 || placeFirst || cueWords.determiners.has(tokens[q + 1].lower))) {
    for (let v = mention.last + 2; v < end && v <= mention.last + 30; v++) {
      if (tokens[v].quote >= 0 && !ctx.spans[tokens[v].quote].scare) break;
      if (isCueWord(tokens[v]) && /,/.test(tokens[v - 1].post)) return { np: tokens.slice(q + 1, mention.last + 1), cue: tokens[v].lower, at: v, direct: true };
    }
  }
  // Speaker first: "West said", "the diplomat told reporters", "Smith, a spokesman, said".
  // After `,"` any verb will do ("Toomey fumed").
  const commaClosed = ctx.paragraphs[span.para].norm[span.end] === ',';
  for (let v = q + 1; v < end && v <= q + 10; v++) {
    const t = tokens[v];
    if (t.quote >= 0) break;
    // Not in an "as" clause: `"…," as his mother hoped, Mr. Colter said`.
    const loose = commaClosed && v <= q + 5 && tokens[q + 1].lower !== 'as' && t.quote < 0 && !t.cap && /^[a-z]{3,}(ed|[^s]s)$/.test(t.lower) && !cueWords.notNames.has(t.lower) && !cueWords.npStoppers.has(t.lower) && !cueWords.personNouns.has(t.lower) && !cueWords.organisationNouns.has(t.lower) && !cueWords.documentNouns.has(t.lower);
    if ((isCueWord(t) || loose) && v > q + 1) {
      let e = v - 1;
      while (e > q && cueWords.auxiliaries.has(tokens[e].lower) && !tokens[e].cap) e--;
      if (e <= q) break;
      let np = subjectBefore(ctx, q + 1, v);
      if (!np.length && /,/.test(tokens[v - 1].post) && isCueWord(t)) {
        // `"…," in sharp contrast to …, says Dante Scala`
        let from = v + 1;
        const particles = cueWords.particles.get(t.lower);
        if (particles && tokens[from] && particles.includes(tokens[from].lower)) from++;
        const after = npAfter(ctx, from, end);
        if (after.length) return { np: after, cue: t.lower, at: v, direct: true };
      }
      if (!np.length) break;
      // `''…'' in the way the council answers`: a subject inside a clause the quote's sentence goes on
      // with, not a speaker (unless a comma sets it off: `"…," in sharp contrast, Smith said`).
      const gap = tokens.slice(q + 1, np[0].index);
      if (gap.length && gap.some((w) => PREPOSITIONS.has(w.lower)) && !gap.some((w) => /,/.test(w.post)) && !/^\s*,/.test(ctx.paragraphs[span.para].norm.slice(span.end, span.end + 2))) break;
      np = cutAtAffiliation(ctx, np);
      const head = np[0];
      // Lower-case role words may open the phrase when a name ends it: "former presidential candidate Herman Cain".
      const lastName = ctx.names.at[np[np.length - 1].index];
      const roleThenName = lastName >= 0 && ctx.names.mentions[lastName].kind === 'person' && !ctx.names.mentions[lastName].weak;
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
    // The full stop of an abbreviation closing a parenthesis ends nothing: `Sen. Marco Rubio (R-Fla.) said`.
    if (endsSentence(t) && !(/\)/.test(t.post) && tokens[v + 1]?.sent === t.sent)) break;
  }
  return null;
}

/** A cue before the quote: `X said: "` / `He added, "` / `According to him, "` / `Khan said his government needed to "`. */
export function cueBefore(ctx: SpeakerContext, from: number, q: number, span: QuoteSpan): Cue | null {
  const { tokens } = ctx;
  if (from >= q) return null;
  // A colon before the quote may close a longer clause after its cue: `Ned Pollock answered with a remark that might
  // have come from his old rival himself: "…"` (no comma or other break in between).
  const colon = /:\s*$/.test(tokens[q - 1]?.post ?? '');
  const maxTail = span.partial ? 30 : colon ? 16 : 8;
  let intro: Cue | null = null;
  for (let k = from; k + 1 < q; k++) {
    if (tokens[k].lower === 'according' && tokens[k + 1].lower === 'to') {
      const np = npAfter(ctx, k + 2, q);
      if (np.length) intro = { np, cue: 'according to', at: k, direct: q - (k + 1 + np.length) <= 1 };
    }
  }
  for (let v = q - 1; v >= from && q - 1 - v <= maxTail; v--) {
    const t = tokens[v];
    if (v === from && t.cap && cueWords.verbs.has(t.lower) && ctx.names.at[v] < 0) {
      // "Said Dorothy Poynter, who grew up with Ali, "…""
      const np = npAfter(ctx, v + 1, q);
      if (np.length) return { np, cue: t.lower, at: v, direct: true };
    }
    // A naming verb nearer the quote names its speaker (`charges that Rush Dalton, for one, called "…"`): see namingCue.
    if (cueWords.namingVerbs.has(t.lower) && !t.cap && t.quote < 0 && v > from) break;
    if (!isCueWord(t)) continue;
    if (intro && intro.at > v) break;
    if (!span.partial && q - 1 - v > 8 && tokens.slice(v, q - 1).some((w) => breaksAfter(w) || w.quote >= 0)) continue;
    const prev = tokens[v - 1];
    if (prev && prev.lower === 'not' && v - 1 >= from) continue;
    const np = /ing$/.test(t.lower) ? participleSubject(ctx, from, v) : subjectBefore(ctx, from, v);
    if (!np.length) continue;
    const lastPre = tokens[q - 1];
    const direct = v === q - 1 || /[:,]/.test(lastPre.post) || q - 1 - v <= 3;
    return { np, cue: t.lower, at: v, direct };
  }
  return intro;
}

/** `Name:` or `Name (R-S.C.):` right before the quote; `strict`: a person's name opening its clause. */
export function labelBefore(ctx: SpeakerContext, from: number, q: number, strict = false): Cue | null {
  const { tokens } = ctx;
  let e = q - 1;
  if (e < from || !/:\s*$/.test(tokens[e].post)) return null;
  if (/\)/.test(tokens[e].post)) {
    while (e > from && !/\(/.test(tokens[e].pre)) e--;
    e--;
  }
  if (e < from) return null;
  const m = ctx.names.at[e];
  if (m < 0 || ctx.names.mentions[m].last !== e) return null;
  const np = tokens.slice(Math.max(from, ctx.names.mentions[m].runFirst), e + 1);
  if (!namesSomeone(ctx, np)) return null;
  if (strict) {
    const before = tokens[np[0].index - 1];
    if (ctx.names.mentions[m].kind !== 'person' || (np[0].index > from && before && !breaksAfter(before) && !/[.…]/.test(before.post))) return null;
  }
  return { np, cue: ':', at: q - 1, direct: true };
}

/** The subject of the quote's own sentence when it names someone and a verb follows it before the quote. */
export function subjectOfQuote(ctx: SpeakerContext, from: number, q: number): Cue | null {
  const { tokens } = ctx;
  if (from >= q - 1) return null;
  const np = clauseSubject(ctx, from, q - 1);
  if (!np.length) return subordinateSubject(ctx, from, q);
  if (!namesSomeone(ctx, np)) return null;
  const end = np[np.length - 1].index;
  if (end >= q - 1) return null;
  // Only a subject of the sentence: not a phrase after another quote, nor an apposition after an inverted
  // cue ("said Leamer, an economist …").
  for (let k = from; k < np[0].index; k++) if (tokens[k].quote >= 0 && !ctx.spans[tokens[k].quote].scare) return null;
  let segment = np[0].index - 1;
  while (segment > from && !breaksAfter(tokens[segment - 1])) segment--;
  if (segment >= from && segment < np[0].index && isCueWord(tokens[segment])) return null;
  // The phrase must be the clause's subject, not the object of a preposition opening the sentence.
  const before = tokens[np[0].index - 1];
  if (before && before.index >= from && PREPOSITIONS.has(before.lower)) return null;
  return { np, cue: null, at: end, direct: false };
}

/**
 * A quote inside a subordinate clause opening the sentence, no main clause with its own subject before it: the
 * clause's subject, a person named right after the subordinator (`While Mr. Ryan, representing …, laid out a vision
 * for ''…''`, `When Tate at last finished — "…" —`).
 */
function subordinateSubject(ctx: SpeakerContext, from: number, q: number): Cue | null {
  const { tokens } = ctx;
  if (!cueWords.subordinators.has(tokens[from].lower) || from + 1 >= q) return null;
  // The name may be run together with the capitalised subordinator ("While Mr. Ryan"): its first word counts.
  let m = -1;
  for (let k = from + 1; k < q && k <= from + 3 && m < 0; k++) {
    if (ctx.names.at[k] >= 0) m = ctx.names.at[k];
    else if (!tokens[k].cap || breaksAfter(tokens[k])) break;
  }
  const mention = m >= 0 ? ctx.names.mentions[m] : null;
  if (!mention || mention.kind !== 'person' || mention.weak || mention.last >= q - 1 || tokens[mention.last].possessive) return null;
  const np = tokens.slice(from + 1, mention.last + 1);
  return { np, cue: null, at: mention.last, direct: false };
}

/**
 * A cue closing the quote's sentence after a clause of narrative: `"…," since so many cases were decided 5-to-4,
 * said Lee Epstein, who teaches …` / `"…" that would respond to the requests, senior trial counsel Caroline
 * Wolverton wrote in a filing.` The cue follows a comma: `, said X` or `, X said/wrote …`.
 */
export function cueAtSentenceEnd(ctx: SpeakerContext, q: number, end: number): Cue | null {
  const { tokens } = ctx;
  for (let v = end - 1; v > q + 1; v--) {
    const t = tokens[v];
    if (!isCueWord(t) || cueWords.weakVerbs.has(t.lower) || /ing$/.test(t.lower)) continue;
    if (commaClosing(ctx, tokens[v - 1])) {
      let from = v + 1;
      const particles = cueWords.particles.get(t.lower);
      if (particles && tokens[from] && particles.includes(tokens[from].lower)) from++;
      const np = npAfter(ctx, from, end);
      const last = np[np.length - 1];
      if (np.length && namesSomeone(ctx, np) && (last.index + 1 >= end || /,/.test(last.post) || endsSentence(last))) return { np, cue: t.lower, at: v, direct: false };
      continue;
    }
    let c = v - 1;
    while (c > q && !commaClosing(ctx, tokens[c])) c--;
    if (c <= q || v - c > 9) continue;
    const np = cutAtAffiliation(ctx, subjectBefore(ctx, c + 1, v));
    if (np.length && (np[0].index === c + 1 || roleWordsBefore(ctx, c + 1, np)) && namesSomeone(ctx, np)) {
      let tail = 0;
      for (let r = v + 1; r < end && !endsSentence(tokens[r - 1]); r++) tail++;
      if (tail <= 8) return { np, cue: t.lower, at: v, direct: false };
    }
  }
  return null;
}

/** A noun of words said or written: "statement", "post", "motto", "promise" (lower case, not a quote). */
function speechNoun(t: Token | undefined): boolean {
  return !!t && t.quote < 0 && !t.cap && (cueWords.documentNouns.has(t.lower) || cueWords.speechNouns.has(t.lower));
}

/**
 * The owner of a statement or saying that introduces the quote: a name's possessive before the noun (`From Ann
 * Pyle's Facebook post: "…"`, `Mr. Dole's lyrical rejection of "…"`, `Dole's "…" promise`), or the subject of the
 * verb whose object it is (`Dole released the following statement: "…"`, `Pyle issued a statement, "…"`). The
 * phrase returned ends in the possessive when there is one.
 */
export function speechNounCue(ctx: SpeakerContext, from: number, q: number): Cue | null {
  const { tokens } = ctx;
  const last = tokens[q - 1];
  // A colon may end the sentence (or the paragraph) before a quote of several sentences: `… released the following
  // statement:` ⏎ `"…"`.
  if (from === q && last && last.para >= tokens[q].para - 1 && /:\s*$/.test(last.post)) from = colonSentenceStart(tokens, q - 1);
  let n = -1;
  if (last && last.index >= from) {
    if (last.possessive && speechNoun(tokens[q + 1]) && tokens[q + 1].sent === tokens[q].sent) {
      // `Dole's "…" promise`
      const owner = possessor(ctx, from, q - 1);
      return owner ? { np: owner, cue: tokens[q + 1].lower, at: q + 1, direct: true } : null;
    }
    if (last.lower === 'of' && !breaksAfter(last)) n = q - 2;
    else if (/[:,]\s*$/.test(last.post)) {
      for (let k = q - 1; k >= from && q - 1 - k <= 2; k--) {
        if (speechNoun(tokens[k])) {
          n = k;
          break;
        }
        if (isCueWord(tokens[k]) || tokens[k].quote >= 0 || (k < q - 1 && breaksAfter(tokens[k]))) break;
      }
    }
  }
  if (n < from || !speechNoun(tokens[n]) || breaksAfter(tokens[n - 1] ?? tokens[n])) return null;
  // Modifiers before the noun: "Facebook", "lyrical", "following".
  let k = n - 1;
  while (k >= from && n - k <= 3 && !tokens[k].possessive && !cueWords.determiners.has(tokens[k].lower) && tokens[k].quote < 0 && !isCueWord(tokens[k]) && !breaksAfter(tokens[k])) k--;
  if (k < from || breaksAfter(tokens[k]) && !tokens[k].possessive) return null;
  const cue = tokens[n].lower;
  if (tokens[k].possessive) {
    const owner = possessor(ctx, from, k);
    return owner ? { np: owner, cue, at: n, direct: true } : null;
  }
  if (!cueWords.statementArticles.has(tokens[k].lower)) return null;
  if (tokens[k - 1]?.lower === 'with' && k - 2 > from) {
    // `Pyle has been a tireless campaigner, visiting the offices to rally volunteers with a short message: "…"`.
    // The first clause opening with a phrase that names someone ("Ever since …, Ms. Pyle has been …").
    for (let seg = from; seg < k - 1; seg++) {
      if (seg > from && !breaksAfter(tokens[seg - 1])) continue;
      const np = leadingNP(ctx, seg, k - 2);
      if (np.length && namesSomeone(ctx, np)) return { np, cue, at: n, direct: true };
    }
    return null;
  }
  const v = k - 1;
  const verb = tokens[v];
  if (!verb || v <= from || verb.cap || verb.quote >= 0 || breaksAfter(verb) || !/^(?:[a-z]{2,}ed|sent|gave|put|had|has|left|got)$/.test(verb.lower) || cueWords.clauseStarters.has(verb.lower) || PREPOSITIONS.has(verb.lower)) return null;
  const np = subjectBefore(ctx, from, v);
  if (!np.length || !namesSomeone(ctx, np)) return null;
  return { np, cue, at: n, direct: true };
}

/** The name (person or organisation) whose possessive is token `k`: `Ann Pyle's`. */
function possessor(ctx: SpeakerContext, from: number, k: number): Token[] | null {
  const m = ctx.names.at[k];
  const mention = m >= 0 ? ctx.names.mentions[m] : null;
  if (!mention || mention.last !== k || mention.weak || mention.kind === 'place' || !ctx.tokens[k].possessive) return null;
  return ctx.tokens.slice(Math.max(from, mention.runFirst), k + 1);
}

/**
 * Only role words stand between `from` and a person's name: `, Justice Department senior trial counsel Ann Pyle
 * wrote`. Capitalised words or lower-case words that are no verb, cue or clause opener.
 */
function roleWordsBefore(ctx: SpeakerContext, from: number, np: Token[]): boolean {
  const { tokens } = ctx;
  const m = ctx.names.at[np[np.length - 1].index];
  if (m < 0 || ctx.names.mentions[m].kind !== 'person' || ctx.names.mentions[m].weak || np[0].index - from > 6) return false;
  for (let k = from; k < np[0].index; k++) {
    const t = tokens[k];
    if (t.quote >= 0 || breaksAfter(t) || isCueWord(t) || t.possessive) return false;
    if (!t.cap && (cueWords.clauseStarters.has(t.lower) || cueWords.auxiliaries.has(t.lower) || cueWords.determiners.has(t.lower) || PRONOUN_SUBJECTS.has(t.lower) || /(ed|ing|ly)$/.test(t.lower))) return false;
  }
  return true;
}

/** A comma closes the token: after it, or inside the closing mark of a scare-quoted phrase (`a "warning to all," said …`). */
function commaClosing(ctx: SpeakerContext, t: Token): boolean {
  if (/,\s*$/.test(t.post)) return true;
  if (t.quote < 0) return false;
  const span = ctx.spans[t.quote];
  return span.scare && ctx.paragraphs[span.para].norm[span.end] === ',';
}

/**
 * A quote naming something after a naming verb (`The conservative writer Dan Frost called the moment "…"`,
 * `what Ann Gilbey called "…"`, `Tom Fenton called the mayor's claim of a "right to privacy" over her emails "…"`,
 * `charges that Rush Dalton, for one, called "…"`) is the words of the verb's subject: the person named right
 * before the verb, a short parenthetical (`, for one,`) skipped. Scare quotes may stand in the object.
 */
export function namingCue(ctx: SpeakerContext, from: number, q: number): Cue | null {
  const { tokens } = ctx;
  for (let v = q - 1; v > from && q - v <= 14; v--) {
    const t = tokens[v];
    if (t.quote >= 0 && ctx.spans[t.quote].scare) continue;
    if (t.quote >= 0 || isCueWord(t) && !cueWords.namingVerbs.has(t.lower)) return null;
    if (!cueWords.namingVerbs.has(t.lower) || t.cap) continue;
    let end = v - 1;
    // `Rush Dalton, for one, called`: a short parenthetical between the subject and the verb.
    const parenthetical = /,\s*$/.test(tokens[end].post);
    if (parenthetical) {
      let c = end - 1;
      while (c > from && end - c < 3 && !/,\s*$/.test(tokens[c].post)) c--;
      if (c <= from || !/,\s*$/.test(tokens[c].post)) return null;
      end = c;
    }
    let np = cutAtAffiliation(ctx, parenthetical ? trailingNP(ctx, from, end, true) : subjectBefore(ctx, from, end + 1));
    // "charges that Rush Dalton, …": the conjunction is no determiner of the name.
    if (np.length > 1 && np[0].lower === 'that' && np[1].cap) np = np.slice(1);
    if (!np.length || np[np.length - 1].index !== end || !namesSomeone(ctx, np) || PRONOUN_SUBJECTS.has(np[0].lower) && np.length === 1) return null;
    const m = ctx.names.at[np[np.length - 1].index];
    if (m < 0 || ctx.names.mentions[m].kind !== 'person') return null;
    return { np, cue: t.lower, at: v, direct: false };
  }
  return null;
}
