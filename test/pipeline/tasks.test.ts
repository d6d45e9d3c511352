/** The worker tasks' packed input: what a worker indexes is exactly what the articles hold. */
import { describe, expect, it } from 'vitest';
import { indexInput, packIndexInput, unpackIndexInput } from '../../src/pipeline/tasks.ts';
import { runAtOnce } from '../../src/slices.ts';
import { buildSegment, encodeSegment } from '../../src/search/segment.ts';
import { handArticle } from '../helpers/article.ts';

const articles = [
  handArticle('First paragraph about the harbour.\n\nSecond one, with “quotes” and é accents.\n\n\u{1F30A} waves and 3 numbers.', { id: 'a' }),
  handArticle('', { id: 'empty' }),
  { ...handArticle('Only one paragraph here.', { id: 'b' }), title: 'A title' },
];

describe('packed index input', () => {
  it('unpacks to the same ids, titles, paragraph numbers and texts', () => {
    const packed = runAtOnce(packIndexInput(articles));
    expect(unpackIndexInput(structuredClone(packed))).toEqual(articles.map(indexInput));
  });

  it('indexes as a segment built from the articles themselves', () => {
    const unpacked = unpackIndexInput(structuredClone(runAtOnce(packIndexInput(articles))));
    expect(encodeSegment(buildSegment(unpacked as unknown as typeof articles))).toEqual(encodeSegment(buildSegment(articles)));
  });
});
