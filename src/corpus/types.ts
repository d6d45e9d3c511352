/** One paragraph of a cleaned article. */
export interface Paragraph {
  /** 1-based paragraph number in the cleaned article. */
  n: number;
  /** Display text: the original characters, with stray mid-word hyphens repaired and the ends trimmed. */
  text: string;
  /** Same length as `text`: curly quotes made straight, odd spaces made plain; for matching only. */
  norm: string;
  /** Offset in `Article.raw` of `text[0]`. */
  start: number;
  /** Positions in `text` before which one raw character was dropped (hyphen repairs), ascending. */
  drops: number[];
}

export type ArticleFormat = 'txt' | 'md' | 'html';

/** An article read from one file of the corpus, cleaned, with its metadata. */
export interface Article {
  /** The file name without extension. */
  id: string;
  /** Path of the file relative to the corpus folder. */
  file: string;
  format: ArticleFormat;
  /** The file's decoded text; every offset in newsdesk points into it (for HTML, the extracted main text). */
  raw: string;
  title: string | null;
  source: string | null;
  /**
   * ISO 8601 prefix of its precision (`2021`, `2021-10`, `2021-10-09`), or `--MM-DD` when the text gives a
   * day and month but no year, or null when the text gives no date.
   */
  published: string | null;
  url: string | null;
  author: string | null;
  paragraphs: Paragraph[];
  /** sha256 of the file's bytes: the key for every cache. */
  hash: string;
}

export interface CorpusWarning {
  file: string;
  message: string;
}

export interface Corpus {
  dir: string;
  articles: Article[];
  warnings: CorpusWarning[];
}
