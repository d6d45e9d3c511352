/**
 * A date mention as a desk keeps it after a start from the cache: without its sentence, which is read from the
 * article's text when an answer asks for it (a copy of every dated sentence was the largest part of a desk's memory).
 */
import type { Article } from '../corpus/types.ts';
import { sentenceFrom } from '../knowledge/dates/sentence-at.ts';
import type { DateMention, DatePrecision, SentenceAt } from '../knowledge/types.ts';

export class StoredDate implements DateMention {
  article: string;
  paragraph: number;
  text: string;
  start: number;
  end: number;
  value: string | null;
  precision: DatePrecision | null;
  approximate: boolean;
  caption?: true;
  /** `sentenceAt`, as three fields (an array per mention would cost more than the fields). */
  private readonly from: number;
  private readonly to: number;
  private readonly cut: number;
  /** The article whose text holds the sentence (the same content, possibly under another id). */
  private readonly source: Article;

  constructor(d: Omit<DateMention, 'sentence'> & { sentenceAt: SentenceAt }, source: Article) {
    this.article = d.article;
    this.paragraph = d.paragraph;
    this.text = d.text;
    this.start = d.start;
    this.end = d.end;
    this.value = d.value;
    this.precision = d.precision;
    this.approximate = d.approximate;
    if (d.caption) this.caption = true;
    [this.from, this.to, this.cut] = d.sentenceAt;
    this.source = source;
  }

  get sentenceAt(): SentenceAt {
    return [this.from, this.to, this.cut];
  }

  get sentence(): string {
    const paragraphs = this.source.paragraphs;
    const p = paragraphs[this.paragraph - 1]?.n === this.paragraph ? paragraphs[this.paragraph - 1] : paragraphs.find((x) => x.n === this.paragraph);
    return p ? sentenceFrom(p.text, this.sentenceAt) : '';
  }

  /** The same mention for a copy of the article under another id. */
  withArticle(article: string): StoredDate {
    return new StoredDate({ ...this.stored(), article }, this.source);
  }

  /** The mention's fields, without the sentence. */
  stored(): Omit<DateMention, 'sentence'> & { sentenceAt: SentenceAt } {
    const { article, paragraph, text, start, end, value, precision, approximate, caption, sentenceAt } = this;
    return caption ? { article, paragraph, text, start, end, value, precision, approximate, caption, sentenceAt } : { article, paragraph, text, start, end, value, precision, approximate, sentenceAt };
  }

  toJSON(): DateMention {
    return { ...this.stored(), sentence: this.sentence };
  }
}

/** A mention relabelled for a copy of its article under another id. */
export function relabelDate(d: DateMention, article: string): DateMention {
  return d instanceof StoredDate ? d.withArticle(article) : { ...d, article };
}
