/**
 * What `/schedule add every` accepts, turned into a five-field cron expression and checked with croner:
 * `daily 09:00` → `0 9 * * *`, `weekdays 08:30` → `30 8 * * 1-5`, `monday 09:00` (or `mon`, `mondays`) → `0 9 * * 1`,
 * or a cron expression as is (`0 7 * * 1,4`). Briefings come at most once an hour; anything else is a polite
 * UserInputError. Also the slot maths the scheduler needs (the latest slot at or before an instant, the next one) and
 * which articles a run covers.
 */
import { Cron } from 'croner';
import { UserInputError } from '../answers/types.ts';
import { canonicalTimeZone } from '../config.ts';

export interface ParsedEvery {
  /** As given, tidied (`Daily  9:00` → `daily 09:00`). */
  every: string;
  /** The five-field cron expression. */
  cron: string;
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Briefings closer together than this are refused (a channel is not a ticker). */
export const MIN_GAP_MS = 60 * 60 * 1000;

const HELP = 'Try `daily 09:00`, `weekdays 08:30`, `monday 09:00`, or a five-field cron expression such as `0 9 * * 1-5`.';

function dayNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/s$/, '');
  if (w.length < 3) return null;
  const i = DAYS.findIndex((d) => d.startsWith(w));
  return i >= 0 ? i : null;
}

function timeOf(text: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?::|h|\.)(\d{2})$/.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A croner job for `cron` in `timezone` that never runs anything (used for date maths only). */
export function cronOf(cron: string, timezone: string): Cron {
  return new Cron(cron, { timezone, paused: true, mode: '5-part' });
}

/** Reads `every`; throws UserInputError with an example when it is not one of the accepted forms. */
export function parseEvery(input: string): ParsedEvery {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) throw new UserInputError(`When should the briefing come? ${HELP}`);
  if (text.length > 100) throw new UserInputError(`That is too long for a schedule. ${HELP}`);
  const words = text.split(' ');
  let parsed: ParsedEvery | null = null;
  if (words.length === 2 && /^[a-z]+$/i.test(words[0]!)) {
    const kind = words[0]!.toLowerCase();
    const day = dayNumber(kind);
    if (!['daily', 'everyday', 'weekdays', 'weekday'].includes(kind) && day === null) {
      throw new UserInputError(`"${words[0]}" is not daily, weekdays or a day of the week. ${HELP}`);
    }
    const time = timeOf(words[1]!);
    if (!time) throw new UserInputError(`"${words[1]}" is not a time of day: write it as 24-hour HH:MM, e.g. 09:00 or 17:30.`);
    const at = `${time.minute} ${time.hour}`;
    const clock = `${pad(time.hour)}:${pad(time.minute)}`;
    if (kind === 'daily' || kind === 'everyday') parsed = { every: `daily ${clock}`, cron: `${at} * * *` };
    else if (kind === 'weekdays' || kind === 'weekday') parsed = { every: `weekdays ${clock}`, cron: `${at} * * 1-5` };
    else parsed = { every: `${DAYS[day!]} ${clock}`, cron: `${at} * * ${day}` };
  } else if (words.length === 5) {
    parsed = { every: text, cron: text };
  } else {
    throw new UserInputError(`I can't read "${text}" as a schedule. ${HELP}`);
  }
  let runs: Date[];
  try {
    runs = cronOf(parsed.cron, 'UTC').nextRuns(3, new Date(Date.UTC(2030, 0, 1)));
  } catch (error) {
    throw new UserInputError(`"${text}" is not a valid cron expression (${(error as Error).message.replace(/^CronPattern: /, '')}). ${HELP}`);
  }
  if (runs.length === 0) throw new UserInputError(`"${text}" never comes round. ${HELP}`);
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_GAP_MS) throw new UserInputError(`"${text}" would post more than once an hour; a briefing comes at most hourly.`);
  }
  return parsed;
}

/** The canonical IANA name of `timezone`, or a polite UserInputError. */
export function checkTimeZone(timezone: string): string {
  const zone = canonicalTimeZone(timezone.trim());
  if (!zone) throw new UserInputError(`"${timezone.slice(0, 60)}" is not a time zone I know. Use an IANA name such as Europe/London, America/New_York or Asia/Kolkata.`);
  return zone;
}

/** The latest slot of the schedule at or before `now`, or null when there is none. */
export function latestSlot(cron: string, timezone: string, now: Date): Date | null {
  // previousRuns leaves out a run at exactly the reference instant: look from 1 ms later so a slot at `now` counts.
  return cronOf(cron, timezone).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/** The first slot strictly after `after`, or null. */
export function nextSlot(cron: string, timezone: string, after: Date): Date | null {
  return cronOf(cron, timezone).nextRun(after);
}

/** `2026-11-29` in `timezone`. */
export function dayIn(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * The articles a run covers: those added to the desk since the previous run (`addedSince`), and those published on
 * a later day than the previous run's (in the schedule's time zone; an article of that same day that was already
 * in the desk was covered by that run).
 */
export function articlesSince<A extends { id: string; published: string | null }>(articles: Iterable<A>, addedSince: (a: A) => boolean, request: { since: Date; timezone: string }): Set<string> {
  const day = dayIn(request.since, request.timezone);
  const out = new Set<string>();
  for (const a of articles) {
    const published = /^\d{4}-\d{2}-\d{2}/.exec(a.published ?? '')?.[0] ?? null;
    if (addedSince(a) || (published !== null && published > day)) out.add(a.id);
  }
  return out;
}
