/** Turning a file's bytes into text: UTF-8 when it is, Windows-1252/Latin-1 when it is not, and refusing binary. */

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/** Share of control characters above which a file is treated as binary. */
const BINARY_CONTROL_RATIO = 0.05;

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  /** Set when the file ended in the middle of a UTF-8 character and that tail was dropped. */
  truncated: boolean;
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
  try {
    text = utf8.decode(bytes);
  } catch {
    const cut = incompleteUtf8Tail(bytes);
    try {
      if (cut === 0) throw new Error('not utf-8');
      text = utf8.decode(bytes.subarray(0, bytes.length - cut));
      truncated = true;
    } catch {
      text = latin1.decode(bytes);
      encoding = 'windows-1252';
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding, truncated };
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
