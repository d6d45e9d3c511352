/**
 * Roles implied by succession, for people named only in passing: "appointed X as the new US envoy to succeed Y"
 * makes Y the previous US envoy; "X's successor as mayor, Z" makes X the previous mayor; "Z replaced X as chief
 * executive" likewise. The post is read from the sentence ("as the new …", "named … , replacing", "successor as
 * …"); when the sentence names none, the role says whom they were succeeded by, or that a successor was named.
 */
import { isRoleNoun } from './roles.ts';

/** What the sentence says about the one succeeded. */
export interface Predecessor {
  /** The role to give them ("previous US special envoy for Afghanistan", "predecessor of Maria Santos"). */
  role: string;
  /** The post as written, when the sentence names it (the successor holds it). */
  post: string | null;
  /** A phrase of the paragraph that states it, to cite the right sentence. */
  evidence: string;
}

const MAX_POST_WORDS = 9;
const NEW = /^(?:the\s+|a\s+|an\s+)?(?:new|next|incoming|interim|acting)?\s*/i;

/** A post as written: a few words ending in (or holding) a role noun, without "the new" or the successor's name. */
function post(raw: string | undefined, successor: string | null): string | null {
  if (!raw) return null;
  let text = raw.replace(/\s+/g, ' ').trim();
  // "named Maria Santos chief executive": the words of the successor's name are not the post.
  const nameWords = new Set((successor ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  while (text && nameWords.has(text.split(' ')[0].toLowerCase())) text = text.split(' ').slice(1).join(' ');
  text = text.replace(NEW, '').trim();
  const words = text.split(' ');
  if (!text || words.length > MAX_POST_WORDS || /^(?:he|she|him|her|them|they)\b/i.test(text)) return null;
  if (!words.some((w) => isRoleNoun(w.replace(/[^\p{L}-]/gu, '')))) return null;
  return text;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The post a succession sentence names: "as (the new) POST to succeed|replacing …", "named|appointed|elected POST,
 * replacing …", "replaced|succeeded NAME as POST", "successor as POST".
 */
export function postInSentence(sentence: string, predecessorName: string, successor: string | null = null): string | null {
  const name = escape(predecessorName);
  const patterns = [
    new RegExp(`\\b(?:replac\\w*|succeed\\w*|took over from|takes over from|taking over from)\\s+${name}\\s+as\\s+([^,.;()]+)`, 'i'),
    new RegExp(`\\bsuccessor as\\s+([^,.;()]+)`, 'i'),
    /\bas\s+([^,.;()]+?)(?:,)?\s+(?:to\s+succeed|succeeding|replacing|to\s+replace|taking\s+over\s+from)\b/i,
    /\b(?:named|appointed|elected|nominated|chosen|picked|tapped|installed)\s+(?:as\s+)?([^,.;()]+?),?\s+(?:to\s+succeed|succeeding|replacing|to\s+replace|taking\s+over\s+from)\b/i,
  ];
  for (const re of patterns) {
    const p = post(re.exec(sentence)?.[1], successor);
    if (p) return p;
  }
  return null;
}

/** "Ortiz's successor" / "successor to Ortiz" / "succeed Ortiz": the name is the one succeeded. */
export function namesPredecessor(sentence: string, name: string): string | null {
  const n = escape(name);
  const re = new RegExp(
    `(?:${n}['’]s\\s+(?:\\w+\\s+)?successor\\b|\\bsuccessor\\s+to\\s+${n}|\\b(?:to\\s+)?(?:succeed\\w*|replac\\w*|took over from|takes over from|taking over from)\\s+${n})`,
    'i',
  );
  return re.exec(sentence)?.[0] ?? null;
}

/**
 * The role of one succeeded, from the sentence that says so: the post when it names one, else whom they were
 * succeeded by, else that a successor was named. `successor` is the successor's name when known.
 */
export function predecessorRole(sentence: string, name: string, successor: string | null, knownPost: string | null): Predecessor | null {
  const evidence = namesPredecessor(sentence, name);
  if (!evidence) return null;
  const stated = postInSentence(sentence, name, successor);
  const p = stated ?? knownPost;
  if (p) return { role: `previous ${p}`, post: stated, evidence };
  if (successor) return { role: `predecessor of ${successor}`, post: null, evidence };
  return { role: 'previous holder of a post now filled by a successor', post: null, evidence };
}
