/**
 * A date mention as a desk keeps it after a start from the cache: without its sentence, which is read from the
 * article's text when an answer asks for it (a copy of every dated sentence was the largest part of a desk's memory).
 */
import type { Article } from '../corpus/types.ts';
import { sentenceFrom } from '../knowledge/dates/sentence-at.ts';
import type { DateMention, DatePrecision, SentenceAt } from '../knowledge/types.ts';

export class StoredDate implements DateMention {
  caption?: true;

  constructor(
    public article: string,
    public paragraph: number,
    public text: string,
    public start: number,
    public end: number,
    public value: string | null,
    public precision: DatePrecision | null,
    public approximate: boolean,
    caption: boolean,
    /** `sentenceAt`, as three fields (an array per mention would cost more than the fields). */
    private readonly from: number,
    private readonly to: number,
    private readonly cut: number,
    /** The article whose text holds the sentence (the same content, possibly under another id). */
    private readonly source: Article,
  ) {
    if (caption) this.caption = true;
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
    return new StoredDate(article, this.paragraph, this.text, this.start, this.end, this.value, this.precision, this.approximate, Boolean(this.caption), this.from, this.to, this.cut, this.source);
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
