/**
 * The sentences a briefing shows, section by section, so that none is shown twice: a later section asks whether a
 * sentence is shown already and, if so, points at the line that shows it instead of repeating it.
 */
import type { AnswerItem, SectionKind } from '../types.ts';

export interface ShownLine {
  article: string;
  paragraph: number;
  /** The text as shown (without a bracketed pronoun resolution's effect on matching: `plain` is compared). */
  plain: string;
  section: SectionKind;
  /** 0-based index of the item in its section. */
  index: number;
  /** How a pointer names it: "key point 2", "Marta Kowalczyk's line". */
  label: string;
}

export class ShownSentences {
  private readonly lines: ShownLine[] = [];

  add(line: ShownLine): void {
    this.lines.push(line);
  }

  /** The line that already shows `text` of that paragraph (or text inside it, or text it is inside), if any. */
  find(article: string, paragraph: number, text: string): ShownLine | undefined {
    const t = text.trim();
    if (!t) return undefined;
    return this.lines.find((l) => l.article === article && l.paragraph === paragraph && (l.plain.includes(t) || t.includes(l.plain)));
  }

  /** Turns `item` into a pointer at `line`: its text names the line, `shownIn` says where it is. */
  static point(item: AnswerItem, line: ShownLine): void {
    item.text = line.section === 'keyPoints' ? `See ${line.label}.` : `See ${line.label} above.`;
    item.shownIn = { section: line.section, index: line.index };
  }
}
