/**
 * Checks on what a user typed, before any command runs, and the reading of it used for matching: mentions,
 * channel and role references, custom and unicode emoji, markdown and stray punctuation are noise for search
 * (`@everyone **Ned Price** 👋` looks for Ned Price). The answer still echoes what was typed; renderers escape it.
 */
import { UserInputError, type AnswerOptions, type CommandName } from './types.ts';

/** Longest query accepted (Discord's own option limit is 6,000 characters). */
export const MAX_QUERY = 500;

/** Commands that answer about the whole corpus when the query is empty. */
const OPTIONAL_QUERY: ReadonlySet<CommandName> = new Set(['sources', 'brief']);

/** Zero-width, control and bidi-override characters: they carry no meaning for search and can hide text. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Trims a query and rejects an empty or over-long one with a message for the user. */
export function checkQuery(raw: string, command: CommandName): string {
  const query = (raw ?? '').replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  if (!query && !OPTIONAL_QUERY.has(command)) {
    throw new UserInputError(`Please say what to look for: \`${command} <${command === 'quote' ? 'speaker' : command === 'who' ? 'name or phrase' : command === 'when' ? 'event' : 'question'}>\`.`);
  }
  if (query.length > MAX_QUERY) {
    throw new UserInputError(`That query is ${query.length} characters long; please keep it under ${MAX_QUERY}.`);
  }
  return query;
}

/** Commands that take a date window (`--since`, `--until`). */
const DATED: ReadonlySet<CommandName> = new Set(['brief']);

/**
 * Checks a request's options before any command runs, whatever surface sent them (console, CLI, Discord): dates
 * must be real calendar dates (`2021`, `2021-11`, `2021-11-08`), `since` not after `until`, and a date window only on
 * a command that honours it — never ignored silently.
 */
export function checkOptions(command: CommandName, options: AnswerOptions): AnswerOptions {
  for (const name of ['since', 'until'] as const) {
    const v = options[name];
    if (v === undefined) continue;
    if (!DATED.has(command)) {
      throw new UserInputError(`\`${command}\` does not take --${name}: only \`brief\` can be limited to a date window (e.g. \`brief Doha talks --${name} 2021-11-08\`).`);
    }
    if (!isCalendarDate(v)) throw new UserInputError(`--${name} "${String(v).slice(0, 20)}" is not a date: use a real date like 2021-11-08, 2021-11 or 2021.`);
  }
  if (options.since && options.until && options.until < options.since.slice(0, options.until.length)) {
    throw new UserInputError(`--since ${options.since} is after --until ${options.until}: nothing can be in that window.`);
  }
  return options;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real year, month and day. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Discord's own references: users, roles, channels, slash commands, custom emoji, timestamps. */
const DISCORD_REFERENCE = /<(?:@[!&]?\d*|#\d*|a?:[\w~-]*:\d*|\/[^<>:]{1,100}:\d*|t:-?\d+(?::[a-zA-Z])?)>/g;
/** `@everyone`, `@here`, and the `@` of a typed `@name`. */
const AT_SIGN = /@(?:everyone|here)\b|@/gi;
/** Emoji and their joiners, variation selectors, skin tones, flags and keycaps (`1️⃣` is an emoji, not a 1). */
const EMOJI = /[0-9#*]\u{fe0f}?\u{20e3}|[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{fe0e}\u{fe0f}\u{200d}\u{20e3}\u{e0020}-\u{e007f}]/gu;
/** A markdown link `[text](target)` or `[text](<target>)`: its text is what the user meant. */
const MASKED_LINK = /\[([^\]]*)\]\(\s*<?[^)>\s]*>?\s*\)/g;
/** Markdown markers: emphasis, strike, spoiler, code, escapes, block quotes, headings, list bullets, brackets. */
const MARKDOWN = /[*_~|`\\<>[\]{}]|^\s*(?:#{1,6}|>{1,3}|[-+•])\s+/gm;
/** Runs of exclamation and question marks, ellipses, and runs of other sentence punctuation. */
const PUNCTUATION_RUN = /[!?¡¿‽…]+|[.,;:]{2,}/g;
/** A word made of punctuation and symbols only ("--", "?!", "&", "·"). */
const STRAY = /^[\p{P}\p{S}]+$/u;

/**
 * The words of a query that matter for matching: Discord references, `@` pings, emoji, markdown and stray
 * punctuation dropped (a masked link keeps its text); empty when nothing else was typed.
 */
export function matchingText(query: string): string {
  const words = (query ?? '')
    .replace(INVISIBLE, ' ')
    .replace(DISCORD_REFERENCE, ' ')
    .replace(MASKED_LINK, ' $1 ')
    .replace(AT_SIGN, ' ')
    .replace(EMOJI, ' ')
    .replace(MARKDOWN, ' ')
    .replace(PUNCTUATION_RUN, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[,;:]+|[,;:]+$/g, ''))
    .filter((w) => w && !STRAY.test(w));
  return words.join(' ');
}
