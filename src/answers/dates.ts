/** How dates read for people: ISO prefixes of their precision, year-less dates, unknown dates. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2021-11-08` → "8 November 2021"; `2021-10` → "October 2021"; `--09-09` → "9 September (year unknown)"; `--08` → "August (year unknown)"; null → "date unknown". */
export function describeDate(iso: string | null | undefined): string {
  if (!iso) return 'date unknown';
  let m = /^--(\d{2})-(\d{2})$/.exec(iso);
  if (m) return `${Number(m[2])} ${MONTHS[Number(m[1]) - 1]} (year unknown)`;
  m = /^--(\d{2})$/.exec(iso);
  if (m) return `${MONTHS[Number(m[1]) - 1]} (year unknown)`;
  m = /^(\d{4})-W(\d{2})$/.exec(iso);
  if (m) return `week ${Number(m[2])} of ${m[1]}`;
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  if (m[3]) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if (m[2]) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return m[1];
}
