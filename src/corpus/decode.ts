/**
 * Turning a file's bytes into text: UTF-8 when it is (a few invalid byte sequences in an otherwise UTF-8 file are
 * replaced by U+FFFD), Windows-1252/Latin-1 when it is not, and refusing binary.
 */

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const latin1 = new TextDecoder('windows-1252');

/** Share of control characters above which a file is treated as binary. */
const BINARY_CONTROL_RATIO = 0.05;

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  /** Set when the file ended in the middle of a UTF-8 character and that tail was dropped. */
  truncated: boolean;
  /** Invalid UTF-8 sequences replaced by U+FFFD in an otherwise UTF-8 file. */
  replaced: number;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const sample = bytes.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) throw new UnreadableFileError('binary file (contains NUL bytes)');
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (sample.length && controls / sample.length > BINARY_CONTROL_RATIO) {
    throw new UnreadableFileError('binary file (too many control characters)');
  }
  let text: string;
  let encoding: DecodedText['encoding'] = 'utf-8';
  let truncated = false;
  let replaced = 0;
  try {
    text = utf8.decode(bytes);
  } catch {
    const cut = incompleteUtf8Tail(bytes);
    const body = bytes.subarray(0, bytes.length - cut);
    truncated = cut > 0;
    text = utf8Lenient.decode(body);
    const counts = utf8Counts(text, body);
    if (counts.invalid > 0 && counts.invalid > counts.multibyte) {
      // Mostly not UTF-8 (é as one byte 0xE9, not two): a Windows-1252/Latin-1 file.
      text = latin1.decode(bytes);
      encoding = 'windows-1252';
      truncated = false;
    } else {
      replaced = counts.invalid;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding, truncated, replaced };
}

/**
 * In text decoded leniently from `bytes`: the invalid sequences (U+FFFD not written as such in the file) and the
 * valid multi-byte characters.
 */
function utf8Counts(text: string, bytes: Uint8Array): { invalid: number; multibyte: number } {
  let fffd = 0;
  let multibyte = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) fffd++;
    else if (c > 0x7f && !(c >= 0xdc00 && c <= 0xdfff)) multibyte++;
  }
  let written = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) written++;
  }
  return { invalid: Math.max(0, fffd - written), multibyte: multibyte + written };
}

/** Number of bytes at the end that start a UTF-8 sequence the file does not finish (0 if none). */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let i = 1; i <= Math.min(3, bytes.length); i++) {
    const b = bytes[bytes.length - i];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > i ? i : 0;
  }
  return 0;
}
