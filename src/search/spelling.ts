/**
 * British and American spellings meet: a word is rewritten to one spelling by the regular rules of English
 * orthography (not a word list), before stemming, at index and query time alike — so recognise/recognize,
 * organisation/organization, defence/defense, centre/center, programme/program, travelled/traveled,
 * colour/color, analyse/analyze, catalogue/catalog and paediatric/pediatric index as the same term.
 *
 * Both sides go through the same rules, so a rule that also rewrites an unrelated word (promise → promize) is
 * harmless unless two different words collide; each rule is fenced (stem lengths, letters around the change) so
 * that short common words (four, hour, rise, fence, filled/filed) are left alone.
 */

/** Vowel groups in a stem: a proxy for its syllables. */
const syllables = (stem: string) => (stem.match(/[aeiouy]+/g) ?? []).length;

/** One spelling for a lower-case word (letters only; anything else is returned as is). */
export function unifiedSpelling(word: string): string {
  if (word.length < 5 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  // ae/oe between consonants in a long word → e (paediatric, anaemia, haemorrhage), oeu → eu (manoeuvre);
  // not Boeing, poet, does.
  if (w.length >= 7) w = w.replace(/([^aeiou])(?:ae|oe)(?=[^aeiou])/g, '$1e').replace(/([^aeiou])oeu/g, '$1eu');
  // -ise/-isation → -ize/-ization (recognise, organisation, criticised); not rise, wise, arise.
  w = w.replace(/^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations|able)$/, '$1iz$2');
  // -yse → -yze (analyse, paralysed, catalysing).
  w = w.replace(/^([a-z]{3,})ys(e|es|ed|ing|er|ers)$/, '$1yz$2');
  // -our → -or (colour, harbours, favoured, favourite, honourable); not four, hour, tour, your, flourish.
  w = w.replace(/^([a-z]+[^aeou])our(s|ed|ing|ite|ites|able|ably|ful|less|er|ers)?$/, '$1or$2');
  // -tre/-bre/-vre → -ter/-ber/-ver (centre, theatres, metre, fibre, manoeuvre), -tred → -tered (centred).
  w = w.replace(/^([a-z]{2,}[tbv])re(s)?$/, '$1er$2').replace(/^([a-z]{2,}[tb])red$/, '$1ered');
  // -ence → -ense after f, c, t (defence, offences, licence, pretence); not fence, hence.
  w = w.replace(/^([a-z]{2,}[fct])ence(s)?$/, '$1ense$2');
  // -amme → -am (programme, programmes, kilogramme).
  w = w.replace(/^([a-z]{3,})amme(s)?$/, '$1am$2');
  // -ogue → -og (catalogue, dialogues, analogue); not rogue, vogue.
  w = w.replace(/^([a-z]{3,})ogue(s)?$/, '$1og$2');
  // A final l doubled before a suffix only after an unstressed syllable (travelled, cancelling, modeller):
  // stems of two or more syllables; one-syllable stems keep theirs (filled ≠ filed, called, spelling).
  const doubled = /^([a-z]+[aeiouy][a-z]*?l)l(ed|ing|er|ers)$/.exec(w);
  if (doubled && syllables(doubled[1]) >= 2) w = doubled[1] + doubled[2];
  return w;
}
