/** Calendar arithmetic and formatting for date resolution. All dates are UTC noon to keep clear of DST and zones. */

import type { DatePrecision } from '../types.ts';

/** What the article's published date tells us: any field may be unknown. */
export interface Reference {
  year: number | null;
  month: number | null;
  day: number | null;
}

/** Parses `Article.published` (`2021-11-08`, `2021-11`, `2021`, `--11-08`). Null when absent or unreadable. */
export function parseReference(published: string | null): Reference | null {
  if (!published) return null;
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published);
  if (m) {
    return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
  }
  m = /^--(\d{2})-(\d{2})$/.exec(published);
  if (m) return { year: null, month: Number(m[1]), day: Number(m[2]) };
  return null;
}

/** A non-leap year used to compute with month-day references that have no year. */
export const YEARLESS = 2001;

export function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day, 12));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO week-numbering year and week of a date. */
export function isoWeek(date: Date): { year: number; week: number } {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { year: d.getUTCFullYear(), week };
}

/** The ISO 8601 prefix of `precision` for `date` (`2021`, `2021-10`, `2021-W45`, `2021-11-08`). */
export function formatDate(date: Date, precision: DatePrecision): string {
  const y = date.getUTCFullYear();
  switch (precision) {
    case 'year':
      return pad(y, 4);
    case 'month':
      return `${pad(y, 4)}-${pad(date.getUTCMonth() + 1)}`;
    case 'week': {
      const w = isoWeek(date);
      return `${pad(w.year, 4)}-W${pad(w.week)}`;
    }
    case 'day':
      return `${pad(y, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  }
}

/** `--MM-DD`, for a day whose year is unknown. */
export function formatYearless(month: number, day: number): string {
  return `--${pad(month)}-${pad(day)}`;
}

/** Months between two (year, month) pairs: positive when b is after a. */
export function monthDiff(aYear: number, aMonth: number, bYear: number, bMonth: number): number {
  return (bYear - aYear) * 12 + (bMonth - aMonth);
}
