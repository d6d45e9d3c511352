/**
 * Definite descriptions that point back to a person without naming a role they were given: "the presumptive
 * Republican presidential nominee", "the 46-year-old", "the former Republican presidential candidate", "the
 * Wisconsin Republican". They
 * refer to the person the text is about just before, unless a party word in the description contradicts the
 * roles written with that person's name.
 */
import { cueWords } from '../analysis/words.ts';

const PARTIES: Record<string, string> = { republican: 'r', gop: 'r', democratic: 'd', democrat: 'd', independent: 'i', libertarian: 'l' };

/** A party's name used as a noun for one of its members: "the Wisconsin Republican", "the Democrat". */
export function isPartyMember(head: string): boolean {
  return head === 'republican' || head === 'democrat' || head === 'independent' || head === 'libertarian';
}

/** An age used as a noun: "the 46-year-old". */
export function isAgeNoun(word: string): boolean {
  return /^\d+-year-old$/.test(word);
}

/** A head noun naming a person: a person noun, a title, an age ("46-year-old"), or a party member. */
export function isPersonHead(head: string): boolean {
  return cueWords.personNouns.has(head) || cueWords.titles.has(head) || isAgeNoun(head) || isPartyMember(head);
}

/** The description's party contradicts the party in a person's roles ("the Democratic nominee" for a Republican). */
export function partyClash(descriptionWords: string[], roles: Set<string> | undefined): boolean {
  const party = descriptionWords.map((w) => PARTIES[w]).find(Boolean);
  if (!party || !roles) return false;
  const theirs = [...roles].map((w) => PARTIES[w]).filter(Boolean);
  return theirs.length > 0 && !theirs.includes(party);
}
