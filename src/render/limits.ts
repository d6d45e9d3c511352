/**
 * Discord's message limits, and text cutting that respects them: at a sentence or line break
 * when there is one, else at a space, never inside a word (unless a single "word" is longer than the limit).
 */

/** https://discord.com/developers/docs/resources/message#embed-object-embed-limits and friends. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  /** Sum of titles, descriptions, field names and values, footers and author names of all embeds of a message. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  buttonLabel: 80,
  customId: 100,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
  commandName: 32,
  commandDescription: 100,
  optionName: 32,
  optionDescription: 100,
  commandOptions: 25,
} as const;

const ELLIPSIS = '…';

/** Where a cut may go: just after a sentence end, a line break, or a space — whichever is latest and not too early. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const minimum = Math.floor(max * 0.5);
  // The end of the last sentence (., !, ? or … possibly followed by a closing quote or bracket) before max.
  let best = -1;
  const sentence = /[.!?…]["'”’)\]]*(?=\s)/g;
  for (let m = sentence.exec(window); m; m = sentence.exec(window)) {
    const end = m.index + m[0].length;
    if (end <= max) best = end;
  }
  if (best >= minimum) return best;
  const line = window.lastIndexOf('\n', max);
  if (line >= minimum) return line;
  const space = Math.max(window.lastIndexOf(' ', max), window.lastIndexOf('\t', max));
  if (space > 0) return space;
  if (best > 0) return best;
  if (line > 0) return line;
  return max;
}

/** Cuts `text` to at most `max` characters, ending with "…" when shortened. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const cut = cutPoint(text, max - ELLIPSIS.length);
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/** Splits `text` into pieces of at most `max` characters, at sentence or line breaks where possible, never mid-word. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('splitText: max must be at least 1');
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim()) pieces.push(rest);
  return pieces;
}

/** Cuts a single-line label (button, choice, title) to `max` characters at a word. */
export function fitLabel(text: string, max: number): string {
  return fitText(text.replace(/\s+/g, ' ').trim(), max);
}
