import type { Paragraph } from './types.ts';

/** Maps an index into `paragraph.text` (or `.norm`) to the matching offset in `Article.raw`. */
export function rawOffset(paragraph: Paragraph, index: number): number {
  let dropped = 0;
  for (const d of paragraph.drops) {
    if (d <= index) dropped++;
    else break;
  }
  return paragraph.start + index + dropped;
}
