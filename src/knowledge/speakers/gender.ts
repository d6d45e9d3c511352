/**
 * A person's sex as the article itself shows it, for resolving he/she: the given name (the first word of the
 * name that the lexicon knows as one, so "Democrat Hillary Clinton" is a woman), overridden by the
 * pronouns the article uses for that person ("Sen. Lindsey Graham called out his rival" — Lindsey is read as
 * a woman's name by the lexicon, the article says otherwise).
 */
import { genderOfFirstName, lexTags, type Gender, type NameMention, type NameTable } from '../analysis/names.ts';
import { breaksAfter, type Token } from '../analysis/tokens.ts';
import { cueWords } from '../analysis/words.ts';

/** The sex of a full name from its given name: the first word before the surname the lexicon knows. */
export function genderOfName(name: string): Gender {
  const words = name.split(/\s+/);
  for (let i = 0; i < words.length - 1; i++) {
    const g = genderOfFirstName(words[i].replace(/\.$/, ''));
    if (g) return g;
  }
  return words.length === 1 ? genderOfFirstName(words[0]) : undefined;
}

const CLAUSE_OPENERS = new Set(['and', 'but', 'as', 'when', 'while', 'after', 'before', 'because', 'though', 'although', 'since', 'then']);

/** A name in subject position: first in its sentence, or after a comma, a colon or a conjunction. */
function opensClause(tokens: Token[], first: number): boolean {
  const prev = tokens[first - 1];
  if (!prev || prev.sent !== tokens[first].sent) return true;
  return /[,;:—–]/.test(prev.post) || CLAUSE_OPENERS.has(prev.lower);
}

/**
 * An object pronoun ("him", or "her" not followed by the noun it possesses): the object of a clause is not
 * its subject ("Clinton called her", "Trump thanked him"), so it casts no vote for the subject's sex.
 */
function isObject(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (t.lower === 'him') return true;
  if (t.lower !== 'her') return false;
  const next = tokens[i + 1];
  if (!next || next.sent !== t.sent || next.quote >= 0 || breaksAfter(t)) return true;
  return !lexTags(next.lower).some((g) => NOUNISH.has(g));
}

const NOUNISH = new Set(['Noun', 'Singular', 'Plural', 'Adjective', 'Comparative', 'Superlative', 'Possessive', 'Value', 'Cardinal', 'Ordinal']);

/**
 * Votes from the narrative: each he/him/his/she/her outside quotes counts for the nearest person named
 * before it in the same sentence, when that name opens its clause (a subject, not an object: "Obama told
 * Merkel he …") and no other name comes in between.
 * Returns, per canonical name, the sex its votes agree on and how many (none when they disagree). A single
 * vote can be a misreading: it should settle only a sex the name leaves open.
 */
export function pronounGenders(tokens: Token[], names: NameTable, canonical: (name: string, mention?: NameMention) => string): Map<string, { gender: Gender; votes: number }> {
  const votes = new Map<string, { male: number; female: number }>();
  let last: { sent: number; name: string | null } = { sent: -1, name: null };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quote >= 0) continue;
    if (t.sent !== last.sent) last = { sent: t.sent, name: null };
    const m = names.at[i];
    if (m >= 0) {
      const mention = names.mentions[m];
      // "In Concord, he …": a run opened by a function word is no subject.
      const opener = tokens.slice(mention.runFirst, mention.first).some((w) => cueWords.notNames.has(w.lower) && !cueWords.titles.has(w.lower));
      if (mention.last === i) last.name = mention.kind === 'person' && !mention.weak && !t.possessive && !opener && opensClause(tokens, mention.runFirst) ? canonical(mention.name, mention) : null;
      continue;
    }
    if (t.cap && i > 0 && tokens[i - 1].sent === t.sent) continue;
    const type = cueWords.pronouns.get(t.lower);
    if ((type !== 'male' && type !== 'female') || !last.name || isObject(tokens, i)) continue;
    const v = votes.get(last.name) ?? { male: 0, female: 0 };
    v[type]++;
    votes.set(last.name, v);
  }
  const out = new Map<string, { gender: Gender; votes: number }>();
  for (const [name, v] of votes) {
    if (v.male && !v.female) out.set(name, { gender: 'male', votes: v.male });
    else if (v.female && !v.male) out.set(name, { gender: 'female', votes: v.female });
  }
  return out;
}
