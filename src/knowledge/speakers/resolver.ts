/**
 * Who said a quotation: reads the cue around it (`"…," West said` / `said West` / `X said: "…"` /
 * `According to him, "…"` / `"…," the diplomat told reporters`), then resolves the mention — a name to the
 * article's fullest form of it (or its entity's canonical name), a pronoun or description to the person it
 * refers to, an unnamed source or organisation kept as written. Never guesses: unresolved is unknown.
 */
import type { Paragraph } from '../../corpus/types.ts';
import { findNames, lexTags } from '../analysis/names.ts';
import { breaksAfter, endsSentence, type Token } from '../analysis/tokens.ts';
import { cueWords } from '../analysis/words.ts';
import type { QuoteSpan } from '../quotes/marks.ts';
import type { ArticleEntity } from '../types.ts';
import { AFFILIATION, DATE_TAGS, PASSIVE, markNounUses, PREPOSITIONS, PRONOUN_SUBJECTS, UNKNOWN, colonSentenceStart, isCueWord, npText, slice, type Attribution, type Cue, type SpeakerContext } from './context.ts';
import { Coreference, fromReferent } from './coreference.ts';
import { isPartyMember } from './descriptions.ts';
import { noPersonName } from './article-names.ts';
import { foldPhrasalCues } from './phrasal.ts';
import { cueAfter, cueAtSentenceEnd, cueBefore, dashSigned, labelBefore, nameOpeningAt, namingCue, speechNounCue, subjectOfQuote } from './cues.ts';
import { invertedSubject, namesSomeone, speechSentenceBefore, subjectBefore, npAfter } from './phrases.ts';

export type { Attribution } from './context.ts';

/** Attributes the quotes of one article. */
export class SpeakerResolver {
  private readonly ctx: SpeakerContext;
  private readonly coref: Coreference;
  private readonly consumed = new Set<number>();

  constructor(tokens: Token[], paragraphs: Paragraph[], spans: QuoteSpan[], entities: ArticleEntity[], captions: Set<number> = new Set()) {
    foldPhrasalCues(tokens);
    markNounUses(tokens);
    const partial = { tokens, paragraphs, spans, captions } as SpeakerContext;
    partial.names = findNames(tokens, (a, b) => slice(partial, a, b), entities);
    this.ctx = partial;
    this.coref = new Coreference(this.ctx, entities);
  }

  /** What a speaker phrase refers to. */
  private interpret(phrase: Token[], pos: number): Attribution {
    let np = phrase;
    const para = this.ctx.tokens[pos].para;
    const mention = npText(this.ctx, np);
    const done = (a: Attribution | null): Attribution => (a && a.speaker ? { ...a, speakerMention: mention } : { ...UNKNOWN, speakerMention: mention });
    if (np.length === 1 && PRONOUN_SUBJECTS.has(np[0].lower)) return done(this.coref.resolvePronoun(np[0].lower, pos, para));
    // A parenthesis closing the phrase is no part of the name: "Rep. Brad Sherman (D-Calif.)".
    const paren = np.findIndex((t, i) => i > 0 && /\(/.test(t.pre));
    if (paren > 0) {
      const close = np.findIndex((t, i) => i >= paren && /\)/.test(t.post));
      np = close >= 0 && close < np.length - 1 ? [...np.slice(0, paren), ...np.slice(close + 1)] : np.slice(0, paren);
    }
    const asName = (m: number): Attribution | null => {
      const mention = this.ctx.names.mentions[m];
      if (mention.kind === 'person') return { speaker: this.coref.canonicalPerson(mention.name, mention), speakerMention: null, speakerKind: 'person', cue: null };
      return { speaker: mention.name, speakerMention: null, speakerKind: 'organisation', cue: null };
    };
    // An indefinite phrase is nobody named, whatever capitals it holds: "a Nevada Democrat", "one GOP strategist".
    if (np.length > 1 && cueWords.indefinite.has(np[0].lower)) return done(this.coref.resolveDescription(np, pos, para));
    // A person named before "of"/"at": "James Pethokoukis of the American Enterprise Institute", "Jones at Gallup".
    for (let k = 0; k + 1 < np.length; k++) {
      if (!AFFILIATION.has(np[k + 1].lower) || np[k].possessive || cueWords.titles.has(np[k].lower)) continue;
      const m = this.ctx.names.at[np[k].index];
      if (m >= 0 && this.ctx.names.mentions[m].last === np[k].index && this.ctx.names.mentions[m].kind === 'person' && !this.ctx.names.mentions[m].weak) return done(asName(m));
    }
    // A person's name ending the phrase: "State Department spokesman Ned Price", "Secretary of State Anthony Blinken".
    const last = np[np.length - 1];
    const lastName = this.ctx.names.at[last.index];
    if (lastName >= 0 && !last.possessive && this.ctx.names.mentions[lastName].kind === 'person') return done(asName(lastName));
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
    const headName = this.ctx.names.at[head.index];
    // "the Wisconsin Republican": a party member described, not a name.
    if (np.length > 1 && np[0].lower === 'the' && isPartyMember(head.lower)) return done(this.coref.resolveDescription(np, pos, para));
    if (headName >= 0 && !head.possessive) return done(asName(headName));
    if (head.cap && !head.possessive && core.every((t) => t.cap || cueWords.determiners.has(t.lower) || cueWords.titles.has(t.lower))) {
      // A capitalised speaker the name finder did not settle (`Mottaki` opening a sentence).
      const words = core.filter(
        (t) => t.cap && (t.text === t.text.toUpperCase() || !cueWords.notNames.has(t.lower)) && !cueWords.titles.has(t.lower) && !/^[A-Z]{5,}$/.test(t.text) && !lexTags(t.text).some((g) => DATE_TAGS.has(g) || /Verb|Gerund|Adverb/.test(g)) && !/ing$/.test(t.lower),
      );
      // …not a number, a plural or a quantifier opening the sentence ("Eight years ago, he …", "Friends offered").
      if (words.length && !(words.length === 1 && core.length === 1 && noPersonName(words[0].text))) {
        const name = slice(this.ctx, words[0], words[words.length - 1]);
        if (core[0].lower === 'the') return done({ speaker: name, speakerMention: null, speakerKind: 'organisation', cue: null });
        return done({ speaker: this.coref.canonicalPerson(name), speakerMention: null, speakerKind: 'person', cue: null });
      }
    }
    if (!head.cap) return done(this.coref.resolveDescription(np, pos, para));
    return done(null);
  }

  /** The speaker of a statement or saying cue: its owner's name, possessive (`Ann Pyle's post`) or not. */
  private owner(c: Cue): Attribution {
    const last = c.np[c.np.length - 1];
    if (!last.possessive) return { ...this.interpret(c.np, last.index), cue: c.cue };
    const mention = this.ctx.names.mentions[this.ctx.names.at[last.index]];
    const speaker = mention.kind === 'person' ? this.coref.canonicalPerson(mention.name) : mention.name;
    return { speaker, speakerMention: npText(this.ctx, c.np), speakerKind: mention.kind === 'person' ? 'person' : 'organisation', cue: c.cue };
  }

  /** Attributions for each attributable span (by span index). */
  attribute(): Map<number, Attribution> {
    const { tokens } = this.ctx;
    const result = new Map<number, Attribution>();
    const quoteTokens = new Map<number, number>();
    tokens.forEach((t, i) => {
      if (t.quote >= 0 && !quoteTokens.has(t.quote)) quoteTokens.set(t.quote, i);
    });
    let lastQuote: { span: number; token: number; att: Attribution } | null = null;
    const registered = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const m = this.ctx.names.at[i];
      if (m >= 0 && !registered.has(m) && this.ctx.names.mentions[m].last === i) {
        registered.add(m);
        this.coref.registerMention(m);
      }
      if (t.quote >= 0) {
        if (quoteTokens.get(t.quote) !== i) continue;
        const span = this.ctx.spans[t.quote];
        if (span.scare) continue;
        let att = this.attributeOne(i, span, lastQuote);
        if (!att.speaker && att.speakerKind === 'unknown' && att.cue === null) att = UNKNOWN;
        result.set(t.quote, att);
        if (att.speaker) {
          const p = this.coref.persons.get(att.speaker);
          const head = att.speakerKind === 'unnamed' ? (att.speaker.split(/\s+/).pop() ?? '').toLowerCase() : undefined;
          this.coref.addReferent({ pos: i, para: t.para, speaker: att.speaker, kind: att.speakerKind, gender: p?.gender, head, salient: true, spoke: true });
        }
        lastQuote = { span: t.quote, token: i, att };
        continue;
      }
      // Reported speech outside quotes: "Mottaki said the Taliban wanted …" makes Mottaki the current speaker.
      // Not a passive cue: "Cain was asked by a caller" is no speech of Cain's.
      const passive = i > 0 && ['was', 'were', 'been', 'being', 'is', 'are', 'be'].includes(tokens[i - 1].lower);
      if (isCueWord(t) && !passive && !this.consumed.has(i) && !cueWords.weakVerbs.has(t.lower)) {
        let from = i;
        while (from > 0 && tokens[from - 1].sent === t.sent && tokens[from - 1].quote < 0) from--;
        let np = invertedSubject(this.ctx, from, i);
        if (!np.length) np = subjectBefore(this.ctx, from, i);
        if (np.length) {
          const att = this.interpret(np, i);
          if (att.speaker) {
            const p = this.coref.persons.get(att.speaker);
            const head = att.speakerKind === 'unnamed' ? (att.speaker.split(/\s+/).pop() ?? '').toLowerCase() : undefined;
            this.coref.addReferent({ pos: i, para: t.para, speaker: att.speaker, kind: att.speakerKind, gender: p?.gender, head, salient: true, spoke: true });
          }
        }
      }
    }
    return result;
  }

  /**
   * A quote closing its paragraph and signed by the next one, a dash and a name: `"…"` ⏎ `- Bernie Sanders.`
   * (fact-check lists, epigraphs).
   */
  private signedBelow(q: number, span: QuoteSpan): Attribution | null {
    const { tokens, paragraphs } = this.ctx;
    const next = paragraphs[span.para + 1];
    if (!next || !/^\s*[-—–]/.test(next.norm)) return null;
    if (span.close >= 0 && !/^["'\s.,]*$/.test(paragraphs[span.para].norm.slice(span.close + 1))) return null;
    let k = q + 1;
    while (k < tokens.length && tokens[k].para === span.para) k++;
    if (k >= tokens.length || tokens[k].para !== span.para + 1) return null;
    const m = nameOpeningAt(this.ctx, k);
    const mention = m >= 0 ? this.ctx.names.mentions[m] : null;
    if (!mention || mention.kind !== 'person' || mention.runFirst !== k) return null;
    const after = tokens[mention.last + 1];
    if (!breaksAfter(tokens[mention.last]) && after && after.para === span.para + 1) return null;
    return { speaker: this.coref.canonicalPerson(mention.name, mention), speakerMention: mention.name, speakerKind: 'person', cue: '-' };
  }

  /** The speaker announced by a previous paragraph ending in a colon, for a quote opening the next one. */
  private introducedBy(q: number): Attribution | null {
    const { tokens } = this.ctx;
    const para = tokens[q].para;
    let end = q - 1;
    while (end >= 0 && tokens[end].para === para) end--;
    if (end < 0 || tokens[end].para !== para - 1 || !/:\s*$/.test(tokens[end].post)) return null;
    let from = end;
    while (from > 0 && tokens[from - 1].sent === tokens[end].sent && tokens[from - 1].quote < 0) from--;
    for (let v = end; v >= from; v--) {
      if (!isCueWord(tokens[v]) && !(v === from && tokens[v].cap && cueWords.verbs.has(tokens[v].lower))) continue;
      const np = v === from || !subjectBefore(this.ctx, from, v).length ? npAfter(this.ctx, v + 1, end + 1) : subjectBefore(this.ctx, from, v);
      if (np.length) return { ...this.interpret(np, q), cue: tokens[v].lower };
    }
    // "Dace called them on it:" — the subject of a naming verb, else the person the sentence is about.
    const naming = namingCue(this.ctx, from, end + 1);
    if (naming) return { ...this.interpret(naming.np, q), cue: naming.cue };
    for (let k = from; k <= end; k++) {
      const m = this.ctx.names.at[k];
      if (m >= 0 && this.ctx.names.mentions[m].kind === 'person' && this.ctx.names.mentions[m].last === k) {
        return { speaker: this.coref.canonicalPerson(this.ctx.names.mentions[m].name, this.ctx.names.mentions[m]), speakerMention: this.ctx.names.mentions[m].name, speakerKind: 'person', cue: null };
      }
      if (m < 0 && k === from && PRONOUN_SUBJECTS.has(tokens[k].lower)) {
        const r = this.coref.resolvePronoun(tokens[k].lower, q, para);
        if (r) return { ...r, speakerMention: tokens[k].text };
      }
    }
    return null;
  }

  private attributeOne(q: number, span: QuoteSpan, lastQuote: { span: number; token: number; att: Attribution } | null): Attribution {
    const { tokens } = this.ctx;
    const sent = tokens[q].sent;
    let from = q;
    // Scare quotes and quoted titles are part of the narrative: `Carson shared a syllabus for a class called "Perception", writing "…"`.
    const narrative = (t: Token) => t.quote < 0 || this.ctx.spans[t.quote].scare;
    while (from > 0 && tokens[from - 1].sent === sent && narrative(tokens[from - 1])) from--;
    let end = q + 1;
    while (end < tokens.length && tokens[end].sent === sent && narrative(tokens[end])) end++;
    // A quote that directly follows another in its sentence: the text between belongs to the earlier one.
    const prevIsQuote = from > 0 && tokens[from - 1].sent === sent && tokens[from - 1].quote >= 0;
    // `Donald Trump: "…"` opening its clause is a label, whatever cue came earlier in the sentence.
    // A label may stand as a sentence of its own when the quote opens the next: `Rep. Ann Pyle (R-Ohio):"…"`.
    const colon = tokens[q - 1];
    const labelFrom = from === q && colon && colon.para === tokens[q].para && colon.quote < 0 && /:\s*$/.test(colon.post) ? colonSentenceStart(tokens, q - 1) : from;
    const label = labelBefore(this.ctx, labelFrom, q, true);
    if (label) return { ...this.interpret(label.np, q), cue: label.cue };
    const said = speechNounCue(this.ctx, from, q);
    // `Dole's "…" promise`: the possessive right before the quote owns it, whatever cue comes after.
    if (said && said.at === q + 1) return this.owner(said);
    const after = cueAfter(this.ctx, q, end, span);
    const before = prevIsQuote && from === q ? null : cueBefore(this.ctx, from, q, span);
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
    const closing = cueAtSentenceEnd(this.ctx, q, end);
    if (closing) return use(closing);
    if (said) return this.owner(said);
    const signed = this.signedBelow(q, span);
    if (signed) return signed;
    // `Michael P. McDonald: "…"` — a name standing before a colon that opens the quote.
    const labelled = labelBefore(this.ctx, from, q);
    if (labelled) return use(labelled);
    // No cue verb, but the sentence is about someone doing something with the words:
    // `Huckabee, for his part, is labeling Obama's actions "…"`, `Skelly called Braynard "…"`.
    // The subject of a naming verb right before the quote comes first: `charges that Rush Dalton, for one, called "…"`.
    const naming = namingCue(this.ctx, from, q);
    if (naming) return use(naming);
    const subject = subjectOfQuote(this.ctx, from, q);
    if (subject) return use(subject);
    // A quote opening its sentence right after a short `Bystrom agreed.` / `Smith explained:` names its speaker.
    const lead = tokens[q - 1];
    if (from === q && lead && lead.para === tokens[q].para && lead.quote < 0 && isCueWord(lead) && /^[.:]\s*$/.test(lead.post)) {
      let start = lead.index;
      while (start > 0 && tokens[start - 1].sent === lead.sent && tokens[start - 1].quote < 0) start--;
      const np = start > 0 && tokens[start - 1].sent === lead.sent ? [] : subjectBefore(this.ctx, start, lead.index);
      if (np.length && namesSomeone(this.ctx, np)) return { ...this.interpret(np, q), cue: lead.lower };
    }
    // …or after a sentence that ends in its cue's complement: `Lau said in a statement. "…"`, `Smith wrote on Facebook: "…"`.
    const introduced = from === q ? speechSentenceBefore(this.ctx, q) : null;
    if (introduced) return { ...this.interpret(introduced.np, q), cue: introduced.cue };
    // Signed after a dash by what is not read as a name (`"…" — MARIA LOPEZ`, `"…" — @mlopez`): nobody else's words.
    if (dashSigned(this.ctx, q)) return UNKNOWN;
    // No cue: a quote carried on from the previous one keeps its speaker
    // (`"…," said Stone. "…"`, or a quote continued from the previous paragraph).
    if (lastQuote && lastQuote.att.speaker) {
      const prevSpan = this.ctx.spans[lastQuote.span];
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
    const opens = span.open <= 0 || this.ctx.paragraphs[span.para].norm.slice(0, span.open).trim() === '';
    if (opens && span.para > 0) {
      const intro = this.introducedBy(q);
      if (intro) return intro;
    }
    // A paragraph that opens with a quote and names nobody: the speaker of the reported speech just before.
    if (opens && !span.partial) {
      for (let i = this.coref.referents.length - 1; i >= 0; i--) {
        const r = this.coref.referents[i];
        if (r.pos >= q) continue;
        if (span.para - r.para > 2) break;
        if (r.spoke) return { ...fromReferent(r), cue: null };
      }
    }
    return UNKNOWN;
  }
}
