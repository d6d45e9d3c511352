/**
 * Phrasal cue verbs: "Trump shot back", "Hillary fired back, …", "Cruz went on:". The verb alone is no cue
 * ("was shot"), so the verb token of a verb-and-particle pair is read as the pair ("shot back", a cue verb of
 * data/cues.json's phrasalCues, whose particle the cue readers skip); the particle stays a word of its own.
 */
import type { Token } from '../analysis/tokens.ts';
import { cueWords } from '../analysis/words.ts';

/** Rewrites, in place, the lower-case form of each phrasal cue verb followed by its particle. Tokens are this article's own. */
export function foldPhrasalCues(tokens: Token[]): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    const particles = cueWords.phrasal.get(t.lower);
    if (!particles || t.quote >= 0 || t.cap) continue;
    const next = tokens[i + 1];
    if (next.quote < 0 && next.sent === t.sent && particles.includes(next.lower) && !/[,.;:]/.test(t.post)) {
      t.lower = `${t.lower} ${next.lower}`;
    }
  }
}
