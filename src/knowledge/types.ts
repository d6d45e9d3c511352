/** What newsdesk understood of the articles: quotations, people and organisations, dates. */

export type SpeakerKind = 'person' | 'organisation' | 'unnamed' | 'unknown';

/** A direct quotation found in an article. Offsets point into `Article.raw`. */
export interface Quote {
  /** `${article}#${index}` */
  id: string;
  article: string;
  /** Paragraph (1-based) where the quote starts. */
  paragraph: number;
  /** The quoted words, without the quote marks (display characters). */
  text: string;
  start: number;
  end: number;
  /** Canonical name of the speaker (after merging), a kept description ("a senior State Department official"), or null when unattributed. */
  speaker: string | null;
  /** The mention that told us the speaker, as written ("he", "the diplomat", "West"). */
  speakerMention: string | null;
  speakerKind: SpeakerKind;
  /** Global entity id when the speaker is a known entity. */
  entityId?: string;
  /** The cue ("said", "told", "according to", "added"), or null. */
  cue: string | null;
  /** True for a quoted fragment inside reported speech. */
  partial: boolean;
}

export type EntityKind = 'person' | 'organisation' | 'group';

export interface Role {
  /** The role as written ("State Department spokesman"). */
  text: string;
  article: string;
  paragraph: number;
  /** A phrase of the paragraph stating it, when the role is implied rather than written ("to succeed Zalmay Khalilzad"). */
  evidence?: string;
}

/** A person, organisation or group mentioned in one article, its name forms merged. */
export interface ArticleEntity {
  canonical: string;
  kind: EntityKind;
  /** Every form seen in this article, including the canonical one. */
  variants: string[];
  roles: Role[];
  /** Paragraphs (1-based) that mention it. */
  paragraphs: number[];
  mentions: number;
}

/** An entity merged across the corpus. */
export interface Entity {
  id: string;
  canonical: string;
  kind: EntityKind;
  variants: string[];
  roles: Role[];
  /** Article ids mentioning it. */
  articles: string[];
  mentions: number;
}

/** [from, to, cut] of a date's sentence in its paragraph's display text. */
export type SentenceAt = [number, number, number];

export type DatePrecision = 'year' | 'month' | 'week' | 'day';

/** A date expression found in an article, resolved against the article's published date. */
export interface DateMention {
  article: string;
  paragraph: number;
  /** The expression as written ("last October", "on Monday"). */
  text: string;
  start: number;
  end: number;
  /** ISO 8601 prefix of its precision (`2021-10`, `2021-11-08`, `2021-W45`), or null when it cannot be resolved (e.g. the article is undated). */
  value: string | null;
  precision: DatePrecision | null;
  approximate: boolean;
  /** The sentence the date belongs to (the event it dates), display text. */
  sentence: string;
  /**
   * Where `sentence` is in the paragraph's display text: [from, to, cut], cut 0 for the whole sentence, else 4 (a long
   * sentence cut around the expression) plus 1 when "…" opens it and 2 when "…" closes it (dates/sentence-at.ts). A
   * mention loaded from the cache reads its sentence through it.
   */
  sentenceAt?: SentenceAt;
  /** Found in a photo caption: the picture's date, no event (answers leave it out). */
  caption?: true;
}

/**
 * A sentence answers may show, found at extraction (answers never split text). Offsets into the paragraph's
 * display text, a dateline excluded.
 */
export interface Statement {
  /** Paragraph (1-based). */
  paragraph: number;
  start: number;
  end: number;
  /** A photo caption ("… parade in Kabul on November 8, 2021", "Photo: …", "(AFP)"): no event, key point or quote. */
  caption?: true;
  /** Leans on the sentence before: opens with he/she/"according to him" (`pronoun`) or another word that needs it. */
  opens?: 'pronoun' | 'dependent';
  /** For a pronoun opening, where the pronoun is ([start, end) in the paragraph's text). */
  pronoun?: [number, number];
  /** For a pronoun opening, the person it refers to (the article's name for them), when the article makes it clear. */
  referent?: string;
}

/** Everything extracted from one article (cached per file content). */
export interface ArticleKnowledge {
  article: string;
  quotes: Quote[];
  entities: ArticleEntity[];
  dates: DateMention[];
  /** Sentences of its prose paragraphs, in order (absent when understanding the article failed). */
  statements?: Statement[];
}
