/** The briefing's date window (`--since`, `--until`): ISO prefixes as day ranges, and what falls inside. */
import { describeDate } from '../dates.ts';
import type { AnswerOptions } from '../types.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** First and last day (`YYYY-MM-DD`) an ISO prefix covers (`2021`, `2021-10`, `2021-W45`, `2021-11-08`), or null. */
export function dayRange(iso: string | null | undefined): [string, string] | null {
  if (!iso) return null;
  let m = /^(\d{4})-W(\d{2})$/.exec(iso);
  if (m) {
    const jan4 = Date.UTC(Number(m[1]), 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (Number(m[2]) - 1) * 7 * 86_400_000;
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    return [day(monday), day(monday + 6 * 86_400_000)];
  }
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return null;
  if (m[3]) return [iso, iso];
  if (m[2]) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${pad(last)}`];
  }
  return [`${m[1]}-01-01`, `${m[1]}-12-31`];
}

export interface Window {
  from: string | null;
  to: string | null;
}

export function windowOf(options: AnswerOptions): Window {
  return { from: dayRange(options.since)?.[0] ?? null, to: dayRange(options.until)?.[1] ?? null };
}

export function inWindow(iso: string | null, w: Window): boolean {
  if (!w.from && !w.to) return true;
  const r = dayRange(iso);
  if (!r) return false;
  return (!w.from || r[1] >= w.from) && (!w.to || r[0] <= w.to);
}

/** Whether two dates of an event can both be right (one contains the other). */
export function compatibleDates(a: string, b: string): boolean {
  const ra = dayRange(a);
  const rb = dayRange(b);
  if (!ra || !rb) return true;
  return (ra[0] <= rb[0] && rb[1] <= ra[1]) || (rb[0] <= ra[0] && ra[1] <= rb[1]);
}

export function describeWindow(options: AnswerOptions): string {
  if (options.since && options.until) return `between ${describeDate(options.since)} and ${describeDate(options.until)}`;
  if (options.since) return `since ${describeDate(options.since)}`;
  return `until ${describeDate(options.until)}`;
}
