/** The answer model: plain data, the same for every surface (console, CLI JSON, Discord). */

export type CommandName = 'ask' | 'sources' | 'who' | 'when' | 'quote' | 'brief';

export interface Citation {
  article: string;
  title: string | null;
  source: string | null;
  /** ISO 8601 prefix of its precision, `--MM-DD` when the year is unknown, or null. */
  published: string | null;
  paragraph: number;
  url: string | null;
}

export interface AnswerItem {
  /** An excerpt of the article, exactly as it reads there (possibly trimmed with "…"). */
  text: string;
  speaker?: string;
  role?: string;
  /** ISO 8601 prefix of its precision. */
  date?: string;
  /** For quotes: a fragment quoted inside reported speech. */
  partial?: boolean;
  citation: Citation;
  /** Other articles carrying the same passage ("also reported by"). */
  alsoCitedBy?: Citation[];
  /** Ranges [start, end) in `text` that match the query terms, for renderers to emphasise. */
  marks?: Array<[number, number]>;
  /**
   * The sentence this item would show is shown already, by item `index` (0-based) of section `section`: `text` is
   * then a pointer to it ("See key point 2."), not an excerpt, so that no sentence appears twice in a briefing.
   */
  shownIn?: { section: SectionKind; index: number };
}

/** What a briefing section holds; renderers lay sections out by kind, never by title. */
export type SectionKind = 'keyPoints' | 'people' | 'quotes' | 'timeline' | 'gaps';

export interface AnswerSection {
  kind: SectionKind;
  /** The heading shown ("Key points"). */
  title: string;
  items: AnswerItem[];
  /** Lines without a citation of their own (e.g. gaps); never invented facts. */
  notes?: string[];
}

export interface Answer {
  command: CommandName;
  query: string;
  /** One-line summary, possibly empty. */
  answer: string;
  items: AnswerItem[];
  /** A remark for the user: nothing found, suggestions, warnings. */
  notice?: string;
  /** Close terms or names, when nothing matched. */
  suggestions?: string[];
  /** Briefings only. */
  sections?: AnswerSection[];
}

export interface AnswerOptions {
  about?: string;
  since?: string;
  until?: string;
  /** Maximum number of items; commands choose a sensible default. */
  limit?: number;
  /** Briefings: only these articles (a scheduled briefing's: those published or added since its previous run). */
  onlyArticles?: ReadonlySet<string>;
}

export interface AnswerRequest {
  command: CommandName;
  query: string;
  options?: AnswerOptions;
}

/** An error a user caused (bad command, bad option): shown politely, never logged as a fault. */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}
