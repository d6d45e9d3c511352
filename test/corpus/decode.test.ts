/** Decoding a file's bytes: a stray invalid byte in a UTF-8 file is replaced, a real Latin-1 file is read as such. */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/corpus/decode.ts';
import { articleFromBytes } from '../../src/corpus/load.ts';

describe('decodeText', () => {
  it('replaces an invalid sequence in an otherwise UTF-8 file by U+FFFD and keeps the rest as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('Zürich’s “council” met on Monday. '), Buffer.from([0xff]), Buffer.from(' The mayor — Ana Müller — spoke.')]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.replaced).toBe(1);
    expect(d.text).toBe('Zürich’s “council” met on Monday. \ufffd The mayor — Ana Müller — spoke.');
    const loaded = articleFromBytes('zurich.txt', bytes, 'txt');
    expect(loaded.article!.paragraphs[0]!.text).toContain('Zürich’s “council”');
    expect(loaded.warning!.message).toMatch(/1 invalid UTF-8 sequence replaced/);
  });

  it('reads a Latin-1 file as Latin-1, and valid UTF-8 without a warning', () => {
    const latin = decodeText(Buffer.from('Caf\xe9 owners in S\xe3o Paulo said prices fell.', 'latin1'));
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.text).toContain('Café owners in São Paulo');
    const clean = decodeText(Buffer.from('Plain “UTF-8” text, ünïcödé.'));
    expect(clean).toEqual({ text: 'Plain “UTF-8” text, ünïcödé.', encoding: 'utf-8', truncated: false, replaced: 0 });
  });

  it('keeps a genuine U+FFFD written in the file apart from replaced bytes', () => {
    const d = decodeText(Buffer.concat([Buffer.from('Signal \ufffd lost, said Ana Müller. '), Buffer.from([0xc3])]));
    expect(d.truncated).toBe(true);
    expect(d.replaced).toBe(0);
    expect(d.encoding).toBe('utf-8');
  });
});
