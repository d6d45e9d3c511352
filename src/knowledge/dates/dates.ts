import type * as chrono from 'chrono-node';
import { chronoLibrary } from '../../libraries.ts';
import type { Article, Paragraph } from '../../corpus/types.ts';
import { rawOffset } from '../../corpus/offsets.ts';
import type { ArticleAnalysis } from '../analysis/analyse.ts';
import type { SentenceSpan } from '../analysis/sentences.ts';
import {
  YEARLESS,
  addDays,
  formatDate,
  formatYearless,
  monthDiff,
  parseReference,
  utcDate,
  type Reference,
} from './resolve.ts';
import type { DateMention, DatePrecision } from '../types.ts';
import { excerptBounds, sentenceFrom } from './sentence-at.ts';

/*
 * How a date expression is resolved (see also test/knowledge/dates.test.ts):
 *
 * - chrono-node finds the expressions; we decide precision and value ourselves, because chrono turns months
 *   into days ("in October" → Oct 1), looks forward for weekdays, and knows nothing of news conventions.
 * - Precision: an explicit day, a weekday, "today"/"yesterday" → day; "last week", "this weekend", "two weeks
 *   ago" → week; a month name, "last month" → month; a year, "last year", a season → year.
 * - News events default to the past: "on Monday" is the latest Monday on or before the published day, unless a
 *   future cue governs it ("will", "next", "expected to", "if", "upcoming" in the words just before). A past
 *   verb just before ("said", "met", "-ed") always means past.
 * - A month or day without a year takes the published year; when that puts it after the published date and a
 *   past cue governs it, the previous year; before it with a future cue, the next year; otherwise the nearer.
 *   "last October" is the latest October strictly before the published month.
 * - "nearly two months ago", "more than 20 years ago": approximate. "the past three decades": the start of the
 *   span, approximate. "in recent months": the published month, approximate.
 * - Published date unknown (null): only expressions that carry their own year resolve; the rest keep
 *   value = null (shown as written). The current date is never used.
 * - Published `--MM-DD` (year unknown): dated days without a year ("September 9") and day offsets ("yesterday")
 *   resolve to `--MM-DD`; weekdays, weeks and bare months stay null (their year, hence the weekday, is unknown).
 * - Published `YYYY` or `YYYY-MM`: what needs the missing fields stays null ("on Monday" needs the day).
 */

/** Cheap pre-filter: sentences without any of these cannot hold a date, so chrono never sees them. */
const DATE_HINT =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|day\b|\b(?:today|tonight|yesterday|tomorrow|weeks?|months?|years?|decades?|ago|weekend|summer|spring|autumn|fall|winter|recent)\b|\b(?:1[89]|20)\d\d\b|\d{1,2}\/\d{1,2}/i;

const NAMED_DAY_BEFORE = /\b(?:news|black|super|good|easter|palm|cyber|ash|bloody|holy|fat|giving|fox)\s+$/i;

const FUTURE_WORDS = new Set([
  'will', "won't", 'wont', 'shall', "'ll", 'going', 'scheduled', 'expected', 'expect', 'expects', 'upcoming',
  'planned', 'plans', 'plan', 'planning', 'intends', 'intend', 'set', 'if', 'unless', 'next', 'coming', 'ahead',
  'tomorrow', 'await', 'awaits', 'awaiting', 'due',
]);
const PAST_WORDS = new Set([
  'said', 'says', 'told', 'was', 'were', 'had', 'did', 'met', 'held', 'took', 'came', 'went', 'began', 'left',
  'made', 'gave', 'won', 'lost', 'saw', 'wrote', 'spoke', 'ran', 'sat', 'rose', 'fell', 'broke', 'sent', 'led',
  'paid', 'put', 'got', 'hit', 'ago', 'since', 'last', 'earlier', 'previous', 'previously', 'already', 'released',
  'occurred', 'posted', 'reported', 'announced', 'stated',
]);
/** Words ending in -ed that are not past verbs. */
const NOT_PAST = new Set(['need', 'united', 'red', 'bed', 'speed', 'feed', 'seed', 'indeed', 'hundred', 'based', 'proposed', 'supposed', 'scheduled', 'expected', 'planned', 'concerned', 'interested', 'related', 'alleged', 'armed']);

const APPROX_BEFORE = /\b(?:nearly|almost|about|around|roughly|some|more than|over|less than|fewer than|approximately|at least|just over|just under|close to|up to)\s+$/i;
const QUALIFIER_BEFORE = /\b(?:early|mid|late|the end of|the beginning of|the start of|the middle of|the first half of|the second half of|end of|start of|beginning of)[\s-]+$/i;
const SIDE_BEFORE = /\b(last|next|this|past|coming)\s+$/i;

interface Found {
  /** Index range in the paragraph. */
  start: number;
  end: number;
  value: string | null;
  precision: DatePrecision | null;
  approximate: boolean;
}

type Tense = 'past' | 'future' | null;

/** Date expressions in one article resolved against its published date. */
export function extractDates(analysis: ArticleAnalysis): DateMention[] {
  const { article } = analysis;
  const ref = parseReference(article.published);
  const mentions: DateMention[] = [];
  for (const { paragraph, sentences, captions, dateline } of analysis.paragraphs) {
    const norm = paragraph.norm;
    if (!norm || !DATE_HINT.test(norm)) continue;
    for (const [k, span] of sentences.entries()) {
      const sentence = norm.slice(span.start, span.end);
      if (!DATE_HINT.test(sentence)) continue;
      for (const f of datesInSentence(sentence, span.start, ref)) {
        // The sentence shown for a date leaves out a dateline before it (the dateline's own date keeps it).
        const shown = f.start >= dateline && dateline > span.start && dateline < span.end ? { start: dateline, end: span.end } : span;
        const mention = toMention(article, paragraph, shown, f);
        // A photo caption's date is the picture's, not an event's: kept, flagged, never placed as an event.
        if (captions[k]) mention.caption = true;
        mentions.push(mention);
      }
    }
  }
  return mentions;
}

function toMention(article: Article, p: Paragraph, span: SentenceSpan, f: Found): DateMention {
  const at = excerptBounds(p.text, span, f.start, f.end);
  return {
    article: article.id,
    paragraph: p.n,
    text: p.text.slice(f.start, f.end),
    start: rawOffset(p, f.start),
    end: rawOffset(p, f.end - 1) + 1,
    value: f.value,
    precision: f.precision,
    approximate: f.approximate,
    sentence: sentenceFrom(p.text, at),
    sentenceAt: at,
  };
}

/** The instant chrono resolves against: the published day, or a stand-in whose unknown fields we never trust. */
function chronoInstant(ref: Reference | null): Date {
  return utcDate(ref?.year ?? YEARLESS, ref?.month ?? 6, ref?.day ?? 15);
}

function datesInSentence(sentence: string, offset: number, ref: Reference | null): Found[] {
  const found: Found[] = [];
  let results: chrono.ParsedResult[] = [];
  try {
    results = chronoLibrary().parse(sentence, { instant: chronoInstant(ref), timezone: 0 }, { forwardDate: false });
  } catch {
    results = [];
  }
  for (const r of results) {
    const f = fromChrono(r, sentence, offset, ref);
    if (f) found.push(f);
  }
  for (const f of extraPatterns(sentence, offset, ref)) {
    if (!found.some((g) => f.start < g.end && g.start < f.end)) found.push(f);
  }
  found.sort((a, b) => a.start - b.start);
  return found;
}

function trimMatch(text: string): string {
  let t = text.replace(/[\s,;:\u2013\u2014-]+$/, '');
  if (t.endsWith('.') && !/\b[A-Za-z]{2,5}\.$/.test(t)) t = t.slice(0, -1);
  if (/\b[A-Za-z]{2,5}\.$/.test(t) && !/\b(?:jan|feb|aug|sept?|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.$/i.test(t)) t = t.slice(0, -1);
  return t.replace(/[’']s$/, '');
}

function fromChrono(r: chrono.ParsedResult, sentence: string, offset: number, ref: Reference | null): Found | null {
  const text = trimMatch(r.text);
  if (!text) return null;
  let start = r.index;
  const end = r.index + text.length;
  let t = text.toLowerCase();
  const known = (r.start as unknown as { knownValues: Record<string, number> }).knownValues ?? {};
  const has = (k: string) => known[k] !== undefined;

  // A leading preposition chrono swallowed ("after this week"): not part of the date.
  const prep = /^(?:after|before|since|until|till|by|from|on|in|at|during)\s+/.exec(t);
  if (prep && /\b(?:this|last|next|the)\b/.test(t.slice(prep[0].length))) {
    start += prep[0].length;
    t = t.slice(prep[0].length);
  }
  // Relative to another event, not to the published date: "20 years after", "a day earlier", "the day before".
  if (/\b(?:after|later|earlier|before|next day|following|from now|now)\b/.test(t) && !/\bago\b/.test(t)) return null;
  if (/^(?:now|second|seconds?|noon|midnight)$/.test(t)) return null;
  // A duration is not a date: "for two weeks", "in three months" (unless "ago", "last", "next").
  if (/^(?:for|in|within|over)?\s*(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|a few)\s+(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)$/.test(t)) return null;
  const casualDay = /\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night|days? ago)\b/.test(t);
  const weekWord = /\bweeks?\b/.test(t);
  const weekend = /\bweekend\b/.test(t);
  const monthWord = /\bmonths?\b/.test(t);
  const yearWord = /\byears?\b/.test(t);
  if (!has('year') && !has('month') && !has('day') && !has('weekday') && !casualDay && !weekWord && !weekend && !monthWord && !yearWord) {
    return null; // a time of day alone
  }
  // Month names must be capitalised in news text ("march", "may" are verbs); weekdays after "Fox News" etc. are names.
  const monthName = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.exec(text);
  if (monthName && /^[a-z]/.test(monthName[0]) && !/^\d/.test(text)) return null;
  if (has('weekday') && !has('day') && NAMED_DAY_BEFORE.test(sentence.slice(0, start))) return null;
  if (/^(?:may|march|sun|sat|wed)$/i.test(t)) {
    // A bare "May"/"March": only when clearly a date ("in May", "since March").
    if (!/\b(?:in|since|until|by|of|during|early|late|mid|last|next|this|from|through)[\s-]+$/i.test(sentence.slice(0, start))) return null;
  }

  const before = sentence.slice(0, start);
  let approximate = false;
  let a = APPROX_BEFORE.exec(before);
  if (a && /\bago\b/.test(t)) {
    approximate = true;
    start -= a[0].length;
  }
  const q = QUALIFIER_BEFORE.exec(sentence.slice(0, start));
  const endOf = /\b(?:end|beginning|start|middle|half)\b/.test(t) || !!q;
  if (q) start -= q[0].length;
  const sideMatch = SIDE_BEFORE.exec(sentence.slice(0, start));
  let side: string | null = /^(last|next|this|past|coming)\b/.exec(t)?.[1] ?? null;
  if (!side && sideMatch && (monthName || has('weekday'))) {
    side = sideMatch[1].toLowerCase();
    start -= sideMatch[0].length;
  }
  a = APPROX_BEFORE.exec(sentence.slice(0, start));
  if (a && !approximate && (yearWord || monthWord || weekWord)) {
    approximate = true;
    start -= a[0].length;
  }
  if (/\b(?:about|around|nearly|almost|some|more than|over)\b/.test(t)) approximate = true;

  const tense = tenseAround(sentence, start, end);
  const base = r.start.date();
  const res = resolve({ t, known, has, casualDay, weekWord, weekend, monthWord, yearWord, endOf, side, tense, base, ref });
  return { start: offset + start, end: offset + end, value: res.value, precision: res.precision, approximate };
}

interface ResolveInput {
  t: string;
  known: Record<string, number>;
  has: (k: string) => boolean;
  casualDay: boolean;
  weekWord: boolean;
  weekend: boolean;
  monthWord: boolean;
  yearWord: boolean;
  endOf: boolean;
  side: string | null;
  tense: Tense;
  /** chrono's date, computed against `chronoInstant(ref)`. */
  base: Date;
  ref: Reference | null;
}

interface Resolved {
  value: string | null;
  precision: DatePrecision | null;
}

function resolve(x: ResolveInput): Resolved {
  const { known, has, ref } = x;
  const full = !!(ref && ref.year !== null && ref.month !== null && ref.day !== null);
  const refDate = full ? utcDate(ref!.year!, ref!.month!, ref!.day!) : null;

  const relative = x.weekWord || x.weekend || x.casualDay || x.monthWord || x.yearWord;
  // Explicit dates with their own year need no reference.
  if (has('year') && has('month') && !relative) {
    const precision: DatePrecision = has('day') && !x.endOf ? 'day' : 'month';
    return { value: formatDate(utcDate(known.year, known.month, has('day') ? known.day : 1), precision), precision };
  }

  if (x.weekWord && !x.weekend) {
    if (!refDate) return { precision: 'week', value: null };
    // chrono's weeks start on Sunday; ISO weeks on Monday: count from the published day instead.
    let date = x.base;
    if (/\b(?:this|the current) week\b/.test(x.t)) date = refDate;
    else if (/\b(?:last|past|previous) week\b/.test(x.t)) date = addDays(refDate, -7);
    else if (/\b(?:next|coming) week\b/.test(x.t)) date = addDays(refDate, 7);
    return { precision: 'week', value: formatDate(date, 'week') };
  }
  if (x.weekend) {
    if (!refDate) return { precision: 'week', value: null };
    if (x.side === 'last') return { precision: 'week', value: formatDate(x.base, 'week') };
    // The Saturday of the weekend meant.
    const dow = refDate.getUTCDay();
    const future = x.side === 'next' || x.side === 'coming' || x.tense === 'future';
    const sat = future ? addDays(refDate, (6 - dow + 7) % 7) : addDays(refDate, -((dow - 6 + 7) % 7));
    return { precision: 'week', value: formatDate(sat, 'week') };
  }
  if (x.casualDay) {
    if (refDate) return { precision: 'day', value: formatDate(x.base, 'day') };
    if (ref && ref.month !== null && ref.day !== null) {
      // Day offsets work without a year: computed in a non-leap stand-in year.
      return { precision: 'day', value: formatYearless(x.base.getUTCMonth() + 1, x.base.getUTCDate()) };
    }
    return { precision: 'day', value: null };
  }
  if (x.monthWord) {
    const ok = ref && ref.year !== null && ref.month !== null;
    return { precision: 'month', value: ok ? formatDate(x.base, 'month') : null };
  }
  if (x.yearWord) {
    const ok = ref && ref.year !== null;
    return { precision: 'year', value: ok ? formatDate(x.base, 'year') : null };
  }
  if (has('weekday') && !has('day')) {
    if (!refDate) return { precision: 'day', value: null };
    const dow = refDate.getUTCDay();
    const w = known.weekday;
    let date: Date;
    if (x.side === 'next' || x.side === 'coming') date = addDays(refDate, ((w - dow + 7) % 7) || 7);
    else if (x.side === 'last') date = addDays(refDate, -(((dow - w + 7) % 7) || 7));
    else if (x.tense === 'future') date = addDays(refDate, (w - dow + 7) % 7);
    else date = addDays(refDate, -((dow - w + 7) % 7));
    return { precision: 'day', value: formatDate(date, 'day') };
  }
  if (has('month')) {
    const month = known.month;
    const precision: DatePrecision = has('day') && !x.endOf ? 'day' : 'month';
    const day = has('day') ? known.day : 1;
    if (has('year')) return { precision, value: formatDate(utcDate(known.year, month, day), precision) };
    if (!ref || ref.year === null) {
      if (precision === 'day' && ref && ref.month !== null) return { precision, value: formatYearless(month, day) };
      return { precision, value: null };
    }
    const year = pickYear(ref, month, precision === 'day' ? day : null, x.side, x.tense);
    return { precision, value: formatDate(utcDate(year, month, day), precision) };
  }
  if (has('year')) {
    return { precision: 'year', value: String(known.year).padStart(4, '0') };
  }
  return { precision: null, value: null };
}

/** The year of a month (and day) written without one, from the published date and the sentence's tense. */
function pickYear(ref: Reference, month: number, day: number | null, side: string | null, tense: Tense): number {
  const y = ref.year!;
  if (ref.month === null) return y;
  const refMonth = ref.month;
  if (side === 'last' || side === 'past') return month < refMonth ? y : y - 1;
  if (side === 'next' || side === 'coming') return month > refMonth ? y : y + 1;
  if (side === 'this') return y;
  // Signed distance in days (roughly) from the published date to the date in the published year.
  const refDay = ref.day ?? 15;
  const diff = monthDiff(y, refMonth, y, month) * 30.5 + ((day ?? 15) - refDay);
  if (diff > 0) {
    if (tense === 'past') return y - 1;
    if (tense === 'future') return y;
    return diff <= 183 ? y : y - 1;
  }
  if (diff < 0) {
    if (tense === 'future' && diff < -45) return y + 1;
    if (tense === 'past') return y;
    return -diff <= 183 ? y : y + 1;
  }
  return y;
}

/**
 * The tense governing the expression: the nearest cue word in the same clause, looking back up to eight words,
 * then forward up to five. Null when nothing says.
 */
function tenseAround(sentence: string, start: number, end: number): Tense {
  const back = sentence.slice(Math.max(0, start - 120), start);
  const clauseBack = back.split(/[;:.!?,()"\u201c\u201d]|\s[\u2013\u2014-]\s/).pop() ?? '';
  const wordsBack = clauseBack.toLowerCase().match(/[a-z']+/g) ?? [];
  for (let i = wordsBack.length - 1, k = 0; i >= 0 && k < 8; i--, k++) {
    // "were to win", "was to visit", "is to meet": a future in the past.
    if (/^(?:was|were|is|are|am)$/.test(wordsBack[i]) && wordsBack[i + 1] === 'to') return 'future';
    const tense = cue(wordsBack[i]);
    if (tense) return tense;
  }
  const fwd = sentence.slice(end, end + 80);
  const clauseFwd = fwd.split(/[;:.!?,()"\u201c\u201d]/)[0] ?? '';
  const wordsFwd = clauseFwd.toLowerCase().match(/[a-z']+/g) ?? [];
  for (let i = 0; i < wordsFwd.length && i < 5; i++) {
    const tense = cue(wordsFwd[i]);
    if (tense) return tense;
  }
  return null;
}

function cue(word: string): Tense {
  if (FUTURE_WORDS.has(word) || word.endsWith("'ll")) return 'future';
  if (PAST_WORDS.has(word)) return 'past';
  if (word.length > 4 && word.endsWith('ed') && !NOT_PAST.has(word)) return 'past';
  return null;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, several: 3, few: 3,
};

const EXTRA = new RegExp(
  [
    // the past three decades / the last 20 years / the past year
    String.raw`(?<span>\b(?:the\s+)?(?:past|last|previous)\s+(?:(?<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|few)\s+)?(?<unit>decades?|years?|months?|weeks?)\b)`,
    // in recent months
    String.raw`(?<recent>\brecent\s+(?<runit>days|weeks|months|years)\b)`,
    // the summer, last winter, summer of 2019
    String.raw`(?<season>\b(?:(?<sside>the|this|last|next|early|late|mid)[\s-]+)(?<sname>spring|summer|autumn|fall|winter)\b(?:\s+of\s+(?<syear>(?:1[89]|20)\d\d)\b)?)`,
    // a bare year: in 2016, since 2008, 2011-2016, the 2016 campaign
    String.raw`(?<year>(?<![\d$£€#.,:/-])\b(?:1[89]\d\d|20\d\d)\b(?![\d%]|,\d|\.\d|\s*(?:percent|per cent|people|votes|troops|soldiers|dollars|pounds|acres|feet|miles|times|members)\b))`,
  ].join('|'),
  'gi',
);

const YEAR_BEFORE = /(?:\b(?:in|since|by|until|till|from|of|during|before|after|through|to|and|or|early|late|mid|the|a|an|his|her|its|their|our|copyright|year|summer|spring|fall|autumn|winter|between|circa|c)|['’]s|\u00a9|\(|[\u2013-])\s*-?$/i;

function extraPatterns(sentence: string, offset: number, ref: Reference | null): Found[] {
  const out: Found[] = [];
  EXTRA.lastIndex = 0;
  for (let m = EXTRA.exec(sentence); m; m = EXTRA.exec(sentence)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = m.index + m[0].length;
    if (g.span) {
      const n = g.n ? (NUMBER_WORDS[g.n.toLowerCase()] ?? Number(g.n)) : 1;
      const unit = g.unit.toLowerCase().replace(/s$/, '');
      if (!Number.isFinite(n) || n <= 0 || n > 1000) continue;
      let value: string | null = null;
      let precision: DatePrecision = unit === 'month' ? 'month' : unit === 'week' ? 'week' : 'year';
      if (ref && ref.year !== null) {
        if (unit === 'decade' || unit === 'year') value = String(ref.year - n * (unit === 'decade' ? 10 : 1));
        else if (ref.month !== null && unit === 'month') value = formatDate(new Date(Date.UTC(ref.year, ref.month - 1 - n, 15, 12)), 'month');
        else if (ref.month !== null && ref.day !== null && unit === 'week') value = formatDate(addDays(utcDate(ref.year, ref.month, ref.day), -7 * n), 'week');
      }
      if (unit === 'decade') precision = 'year';
      out.push({ start: offset + start, end: offset + end, value, precision, approximate: true });
    } else if (g.recent) {
      const unit = g.runit.toLowerCase();
      const precision: DatePrecision = unit === 'years' ? 'year' : unit === 'days' ? 'day' : 'month';
      let value: string | null = null;
      if (ref && ref.year !== null) {
        if (precision === 'year') value = String(ref.year);
        else if (ref.month !== null && precision === 'month') value = formatDate(utcDate(ref.year, ref.month, 1), 'month');
        else if (ref.month !== null && ref.day !== null) value = formatDate(utcDate(ref.year, ref.month, ref.day), 'day');
      }
      out.push({ start: offset + start, end: offset + end, value, precision, approximate: true });
    } else if (g.season) {
      const name = g.sname.toLowerCase();
      if (name === 'fall' && !g.syear && !/^(?:the|this|last|next)$/i.test(g.sside ?? '')) continue;
      let value: string | null = null;
      if (g.syear) value = g.syear;
      else if (ref && ref.year !== null) {
        const first = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 }[name] ?? 6;
        const side = (g.sside ?? '').toLowerCase();
        const refMonth = ref.month ?? 12;
        let y = ref.year;
        if (side === 'last') y = first < refMonth && name !== 'winter' ? y - 0 : y - 1;
        else if (side === 'next') y = first > refMonth ? y : y + 1;
        else if (first > refMonth) y = tenseAround(sentence, start, end) === 'future' ? y : y - 1;
        if (side === 'last' && first <= refMonth && refMonth < first + 3) y -= 1; // "last summer" said in summer
        value = String(y);
      }
      out.push({ start: offset + start, end: offset + end, value, precision: 'year', approximate: false });
    } else if (g.year) {
      const before = sentence.slice(0, start);
      const after = sentence.slice(end);
      if (!YEAR_BEFORE.test(before) && !/^\s*(?:[,.;:)]|$|[\u2013-]\s*\d)/.test(after)) continue;
      out.push({ start: offset + start, end: offset + end, value: g.year, precision: 'year', approximate: false });
    }
  }
  return out;
}
