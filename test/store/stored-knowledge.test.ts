import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/knowledge/types.ts';
import { packStatements, StoredKnowledge, unpackStatements, withParts } from '../../src/store/stored-knowledge.ts';

const statements: Statement[] = [
  { paragraph: 1, start: 0, end: 40 },
  { paragraph: 1, start: 41, end: 90, caption: true },
  { paragraph: 2, start: 0, end: 55, opens: 'pronoun', pronoun: [0, 2], referent: 'Anna Berg' },
  { paragraph: 2, start: 56, end: 70, opens: 'pronoun', pronoun: [0, 3] },
  { paragraph: 3, start: 5, end: 60, opens: 'dependent' },
  { paragraph: 4, start: 0, end: 9, referent: '' },
];

describe('packed statements', () => {
  it('unpack to exactly the statements packed, every flag and field combination included', () => {
    const packed = JSON.parse(JSON.stringify(packStatements(statements)));
    expect(unpackStatements(packed)).toEqual(statements);
    expect(unpackStatements([])).toEqual([]);
  });

  it('refuse a malformed array', () => {
    expect(() => unpackStatements([1, 2, 3, 'x'])).toThrow(/malformed/);
    expect(() => unpackStatements([1, 2, 3, 16, 7])).toThrow(/malformed/);
  });

  it('stay packed through a relabel, and serialise as plain statements', () => {
    const k = new StoredKnowledge({ article: 'a', quotes: [], dates: [] }, { entities: [], packed: packStatements(statements) });
    const copy = withParts(k, { article: 'b', quotes: [], entities: [], dates: [] });
    expect(copy).toBeInstanceOf(StoredKnowledge);
    expect(copy.article).toBe('b');
    expect(copy.statements).toEqual(statements);
    expect(JSON.parse(JSON.stringify(copy))).toEqual({ article: 'b', quotes: [], entities: [], dates: [], statements });
    expect(new StoredKnowledge({ article: 'c', quotes: [], dates: [] }, { entities: [], packed: null }).statements).toBeUndefined();
  });
});
